import { createHmac } from "node:crypto";

const dayMs = 24 * 3600_000;

/**
 * Source addresses as Porch keeps them (docs/privacy.md): never raw, in no stored item and no log
 * line, but as an HMAC of the address with a key of the period the time falls in (a day, by
 * default). A limit names its window's address by the key of the window's start, so the count
 * holds for the whole window; the next day's keys cannot be linked to today's, and without the
 * secret (the deployment's link key) no pseudonym can be traced back to an address, even by
 * trying every IPv4 address.
 */
export class AddressPseudonyms {
  /** Each period's key, derived once: `HMAC(secret, "address <periodMs> <index>")`. */
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: string) {}

  /** A deployment's: keyed by its link key and owner password, secrets that outlive restarts and deploys. */
  static forDeployment(linkKey: string, ownerPassword: string): AddressPseudonyms {
    return new AddressPseudonyms(`addresses ${linkKey} ${ownerPassword}`);
  }

  /** The pseudonym of `address` in the period (of `periodMs`, a day by default) that `atMs` falls in: 22 base64url characters. */
  of(address: string, atMs: number, periodMs = dayMs): string {
    const period = `${periodMs} ${Math.floor(atMs / periodMs)}`;
    let key = this.keys.get(period);
    if (!key) {
      if (this.keys.size > 16) this.keys.clear();
      key = createHmac("sha256", this.secret).update(`address ${period}`).digest();
      this.keys.set(period, key);
    }
    return createHmac("sha256", key).update(address).digest("base64url").slice(0, 22);
  }
}
