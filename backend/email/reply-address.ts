/**
 * The `Reply-To` of Porch's emails: `reply+<token>@<inbound domain>` (docs/protocol.md, "Email
 * replies"). The token names the conversation and the side whose reply it takes (the owner's, in
 * a notification; the visitor's, in a reply email), sealed with the deployment's link key like the
 * links (backend/email/link-tokens.ts), and expires with the "Continue the conversation" link.
 *
 * A local part holds at most 64 characters (RFC 5321), and mail systems may change its case, so
 * the token is shorter than a link's and case-blind:
 * - plaintext: the visitor id (16 bytes), the side (1 byte), the expiry in whole hours since the
 *   epoch (4 bytes);
 * - sealed as SIV (RFC 5297's construction, with HMAC-SHA-256 as the PRF): a 12-byte tag, the
 *   HMAC of the plaintext, is also the IV of AES-256-CTR over it, so no separate IV is stored;
 *   altering any bit changes the tag (a forgery needs 2^96 tries), and the visitor id stays hidden;
 * - spelt in lower-case base32 (RFC 4648, no padding): 33 bytes are 53 characters, so
 *   `reply+<token>` is 59. Any case is read as lower case; one spelling only otherwise.
 */
import { createCipheriv, createHmac, timingSafeEqual } from "node:crypto";
import type { OpenedToken } from "./link-tokens.ts";

/** Whose reply an address takes: the owner's (a notification) or the visitor's (a reply email). */
export type ReplySide = "owner" | "visitor";

export interface ReplyRoute {
  visitorId: string;
  side: ReplySide;
  /** Rounded up to the hour. */
  expiresAtMs: number;
}

const localPrefix = "reply+";
const tagBytes = 12;
const plaintextBytes = 16 + 1 + 4;
const hourMs = 3600_000;
const sides: readonly ReplySide[] = ["owner", "visitor"];
const alphabet = "abcdefghijklmnopqrstuvwxyz234567";

function key(linkKey: string, use: "mac" | "enc"): Buffer {
  return createHmac("sha256", linkKey).update(`porch reply address ${use} v1`).digest();
}

function ctr(linkKey: string, tag: Buffer, bytes: Buffer): Buffer {
  const iv = Buffer.concat([tag, Buffer.alloc(16 - tagBytes)]);
  const cipher = createCipheriv("aes-256-ctr", key(linkKey, "enc"), iv);
  return Buffer.concat([cipher.update(bytes), cipher.final()]);
}

const macOf = (linkKey: string, plaintext: Buffer) =>
  createHmac("sha256", key(linkKey, "mac")).update(plaintext).digest().subarray(0, tagBytes);

export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const character of text) {
    const digit = alphabet.indexOf(character);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  const decoded = Buffer.from(bytes);
  // One spelling: trailing bits must be zero, as `base32` writes them.
  return base32(decoded) === text ? decoded : null;
}

/** The sealed token of a route (the part after `reply+`). */
export function sealReplyToken(route: ReplyRoute, linkKey: string): string {
  const plaintext = Buffer.alloc(plaintextBytes);
  Buffer.from(route.visitorId.replaceAll("-", ""), "hex").copy(plaintext, 0);
  plaintext.writeUInt8(sides.indexOf(route.side), 16);
  plaintext.writeUInt32BE(Math.ceil(route.expiresAtMs / hourMs), 17);
  const tag = macOf(linkKey, plaintext);
  return base32(Buffer.concat([tag, ctr(linkKey, tag, plaintext)]));
}

/** The `Reply-To` address of a route on the inbound domain. */
export function replyAddress(route: ReplyRoute, linkKey: string, domain: string): string {
  return `${localPrefix}${sealReplyToken(route, linkKey)}@${domain}`;
}

/** The route an address on the inbound domain names, or why it names none. */
export function openReplyAddress(address: string, linkKey: string, domain: string, nowMs: number): OpenedToken<ReplyRoute> {
  const lower = address.trim().toLowerCase();
  const suffix = `@${domain.toLowerCase()}`;
  if (!linkKey || !lower.startsWith(localPrefix) || !lower.endsWith(suffix)) return { ok: false, reason: "invalid" };
  const sealed = fromBase32(lower.slice(localPrefix.length, -suffix.length));
  if (sealed?.length !== tagBytes + plaintextBytes) return { ok: false, reason: "invalid" };
  const tag = sealed.subarray(0, tagBytes);
  const plaintext = ctr(linkKey, tag, sealed.subarray(tagBytes));
  if (!timingSafeEqual(tag, macOf(linkKey, plaintext))) return { ok: false, reason: "invalid" };
  const side = sides[plaintext.readUInt8(16)];
  if (!side) return { ok: false, reason: "invalid" };
  const hex = plaintext.subarray(0, 16).toString("hex");
  const visitorId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAtMs = plaintext.readUInt32BE(17) * hourMs;
  if (expiresAtMs <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, value: { visitorId, side, expiresAtMs } };
}

/** What makes the `Reply-To` of an email: the link key and the inbound domain, or nothing without a domain. */
export interface ReplyAddresses {
  linkKey: string;
  /** `PORCH_INBOUND_DOMAIN`; empty: Porch's emails carry no `Reply-To`. */
  domain: string;
}

/** The `Reply-To` for `side`'s answer in the conversation, valid `ttlMs` from `nowMs`; undefined without an inbound domain. */
export function replyToFor(
  addresses: ReplyAddresses | undefined,
  visitorId: string,
  side: ReplySide,
  nowMs: number,
  ttlMs: number,
): string | undefined {
  if (!addresses?.domain || !addresses.linkKey) return undefined;
  return replyAddress({ visitorId, side, expiresAtMs: nowMs + ttlMs }, addresses.linkKey, addresses.domain);
}
