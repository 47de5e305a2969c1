import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";

/**
 * The DNS the local SMTP server checks senders against (backend/local/smtp.ts): TXT records (SPF
 * policies, DKIM keys, DMARC policies) by name, kept in the data folder (`dns.json`, in memory
 * without one), so a person can add their test domain's records by hand and tests add theirs
 * with `setTxt`. Nothing here asks the internet: a name it does not hold has no records, so a
 * forged sender fails locally as it would on AWS.
 */
export class LocalDnsTable {
  private readonly txt = new Map<string, string[]>();

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const kept = JSON.parse(readFileSync(file, "utf8")) as { TXT?: Record<string, string[]> };
      for (const [name, values] of Object.entries(kept.TXT ?? {})) this.txt.set(name.toLowerCase(), values);
    } catch {
      // none yet (or unreadable): an empty table
    }
  }

  /** Replaces the TXT records of `name`. */
  async setTxt(name: string, ...values: string[]): Promise<void> {
    this.txt.set(name.toLowerCase().replace(/\.$/, ""), values);
    if (this.file) await writeFile(this.file, `${JSON.stringify({ TXT: Object.fromEntries(this.txt) }, null, 2)}\n`);
  }

  /** `dns.promises.resolve`'s shape, as mailauth asks: TXT records as arrays of strings, anything else not found. */
  readonly resolve = async (name: string, rrtype: string): Promise<string[][]> => {
    const values = rrtype === "TXT" ? this.txt.get(name.toLowerCase().replace(/\.$/, "")) : undefined;
    if (!values) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    // One record may be longer than a DNS string's 255 bytes: split as a zone file would.
    return values.map((value) => value.match(/.{1,255}/gs) ?? [""]);
  };
}
