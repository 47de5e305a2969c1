/**
 * The tokens in a reply email's links, sealed with the deployment's link key (`LinkSigningKey`, a
 * secret of its own: changing the owner password must not break links already sent).
 *
 * A visitor id is the visitor's only credential, so a link must not show it: a token is the
 * visitor id (and what else it carries) encrypted and authenticated with AES-256-GCM, so it
 * reveals nothing, cannot be altered, and one purpose's token is refused for the other (the
 * purpose is the cipher's associated data). A token has one spelling: unpadded base64url, which
 * is checked by encoding it back.
 *
 * - resume: the visitor id, the hash of the confirmed address the email went to, when it was
 *   confirmed, and an expiry (`limits.resumeLinkTtlMs` after the email was sent); the widget
 *   exchanges it for the visitor id (`resume`), which refuses it once the conversation's address
 *   is another, or was confirmed again since.
 * - confirm: the visitor id, the hash of the address asked about and an expiry
 *   (`confirmLinkTtlMs`); its page confirms that address for that conversation.
 * - unsubscribe: the visitor id and the hash of the address the email went to (backend/email/
 *   address.ts); it does not expire, as RFC 8058 one-click unsubscribe links must keep working.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

// Resume links before v2 named no address: they open as `expired` (resume.ts), never as valid.
const purposes = {
  resume: "porch resume link v2",
  resumeV1: "porch resume link v1",
  confirm: "porch confirm link v1",
  unsubscribe: "porch unsubscribe link v1",
} as const;
type Purpose = keyof typeof purposes;

const ivBytes = 12;
const tagBytes = 16;
const uuidBytes = 16;
const hashBytes = 32;
const timeBytes = 8;

/** How long a confirmation email's link works. */
export const confirmLinkTtlMs = 7 * 24 * 3600_000;

export type OpenedToken<T> = { ok: true; value: T } | { ok: false; reason: "invalid" | "expired" };

function cipherKey(linkKey: string): Buffer {
  return createHmac("sha256", linkKey).update("porch link token key v1").digest();
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll("-", ""), "hex");
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function seal(purpose: Purpose, plaintext: Buffer, linkKey: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", cipherKey(linkKey), iv).setAAD(Buffer.from(purposes[purpose]));
  const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString("base64url");
}

function open(purpose: Purpose, token: string, linkKey: string): Buffer | null {
  if (!linkKey || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const sealed = Buffer.from(token, "base64url");
  // One spelling only: base64url has several for the same bytes (trailing bits).
  if (sealed.toString("base64url") !== token || sealed.length < ivBytes + tagBytes) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", cipherKey(linkKey), sealed.subarray(0, ivBytes))
      .setAAD(Buffer.from(purposes[purpose]))
      .setAuthTag(sealed.subarray(sealed.length - tagBytes));
    return Buffer.concat([decipher.update(sealed.subarray(ivBytes, sealed.length - tagBytes)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * A link's plaintext: whose conversation (a visitor id), which address (its hash), and `times`,
 * epoch milliseconds of 8 bytes each (what each purpose needs: an expiry, a confirmation time).
 */
function linkPlaintext(visitorId: string, addressHash: string, times: readonly number[]): Buffer {
  const timeFields = times.map((ms) => {
    const bytes = Buffer.alloc(timeBytes);
    bytes.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(ms))));
    return bytes;
  });
  return Buffer.concat([uuidToBytes(visitorId), Buffer.from(addressHash, "hex"), ...timeFields]);
}

/** What `linkPlaintext` wrote with `times` time fields, or null for anything else. */
function readLink(plaintext: Buffer | null, times: number): { visitorId: string; addressHash: string; times: number[] } | null {
  if (plaintext?.length !== uuidBytes + hashBytes + times * timeBytes) return null;
  return {
    visitorId: bytesToUuid(plaintext.subarray(0, uuidBytes)),
    addressHash: plaintext.subarray(uuidBytes, uuidBytes + hashBytes).toString("hex"),
    times: Array.from({ length: times }, (_, n) => Number(plaintext.readBigUInt64BE(uuidBytes + hashBytes + n * timeBytes))),
  };
}

/** What a resume token stands for: a conversation, as long as its confirmed address is the one emailed. */
export interface ResumeLink {
  visitorId: string;
  /** The hash of the address the email went to (backend/email/address.ts). */
  addressHash: string;
  /** When that address was confirmed for the conversation (the head's `emailConfirmedAt`). */
  confirmedAtMs: number;
  expiresAtMs: number;
}

/** The token of a "Continue the conversation" link, valid until `expiresAtMs` while the address is as it was. */
export function sealResumeToken(link: ResumeLink, linkKey: string): string {
  return seal("resume", linkPlaintext(link.visitorId, link.addressHash, [link.confirmedAtMs, link.expiresAtMs]), linkKey);
}

export function openResumeToken(token: string, linkKey: string, nowMs: number): OpenedToken<ResumeLink> {
  const sealed = open("resume", token, linkKey);
  const link = readLink(sealed, 2);
  // A link from before resume links named their address no longer opens anything: it has expired.
  if (!link) return { ok: false, reason: sealed === null && open("resumeV1", token, linkKey) ? "expired" : "invalid" };
  const [confirmedAtMs, expiresAtMs] = link.times as [number, number];
  if (expiresAtMs <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, value: { visitorId: link.visitorId, addressHash: link.addressHash, confirmedAtMs, expiresAtMs } };
}

/** The token of a confirmation email's link: which conversation, which address (by its hash), until when. */
export function sealConfirmToken(visitorId: string, addressHash: string, expiresAtMs: number, linkKey: string): string {
  return seal("confirm", linkPlaintext(visitorId, addressHash, [expiresAtMs]), linkKey);
}

export function openConfirmToken(
  token: string,
  linkKey: string,
  nowMs: number,
): OpenedToken<{ visitorId: string; addressHash: string; expiresAtMs: number }> {
  const link = readLink(open("confirm", token, linkKey), 1);
  if (!link) return { ok: false, reason: "invalid" };
  const [expiresAtMs] = link.times as [number];
  if (expiresAtMs <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, value: { visitorId: link.visitorId, addressHash: link.addressHash, expiresAtMs } };
}

/** The token of an unsubscribe link: whose conversation, and which address (by its hash). */
export function sealUnsubscribeToken(visitorId: string, addressHash: string, linkKey: string): string {
  return seal("unsubscribe", linkPlaintext(visitorId, addressHash, []), linkKey);
}

export function openUnsubscribeToken(token: string, linkKey: string): OpenedToken<{ visitorId: string; addressHash: string }> {
  const link = readLink(open("unsubscribe", token, linkKey), 0);
  return link ? { ok: true, value: { visitorId: link.visitorId, addressHash: link.addressHash } } : { ok: false, reason: "invalid" };
}

/** A fresh link key, for a deployment or a data dir that has none yet. */
export function newLinkKey(): string {
  return randomBytes(32).toString("base64url");
}
