import { createHash } from "node:crypto";

/**
 * What identifies an email address for unsubscribing and for counting its confirmation emails:
 * the SHA-256 of its trimmed, lower-cased spelling. An unsubscribe (and the count) is recorded
 * under this hash, not the address, so the table keeps no address after its conversation is
 * deleted; and the links carry the hash, so an address changed since is not the one they name.
 */
export function addressHash(address: string): string {
  return createHash("sha256").update(normalized(address)).digest("hex");
}

/** Whether two spellings are one address (as `addressHash` tells them apart). */
export function sameAddress(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}

const normalized = (address: string) => address.trim().toLowerCase();

/**
 * A `From` address with a display name, as SES takes it: the name quoted when it is printable
 * ASCII, else as an RFC 2047 encoded word (SES refuses raw non-ASCII display names).
 */
export function fromAddress(displayName: string, address: string): string {
  const name = displayName.replace(/[\r\n\t]+/g, " ").trim();
  if (!name) return address;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/["\\]/g, "\\$&")}" <${address}>`;
  return `=?utf-8?B?${Buffer.from(name, "utf8").toString("base64")}?= <${address}>`;
}
