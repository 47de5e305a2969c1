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
 * - resume: the visitor id and an expiry (`limits.resumeLinkTtlMs` after the email was sent);
 *   the widget exchanges it for the visitor id (`resume`).
 * - unsubscribe: the visitor id and the hash of the address the email went to (backend/email/
 *   address.ts); it does not expire, as RFC 8058 one-click unsubscribe links must keep working.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const purposes = { resume: "porch resume link v1", unsubscribe: "porch unsubscribe link v1" } as const;
type Purpose = keyof typeof purposes;

const ivBytes = 12;
const tagBytes = 16;
const uuidBytes = 16;

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

/** The token of a "Continue the conversation" link, valid until `expiresAtMs`. */
export function sealResumeToken(visitorId: string, expiresAtMs: number, linkKey: string): string {
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(Math.floor(expiresAtMs)));
  return seal("resume", Buffer.concat([uuidToBytes(visitorId), expiry]), linkKey);
}

export function openResumeToken(token: string, linkKey: string, nowMs: number): OpenedToken<{ visitorId: string; expiresAtMs: number }> {
  const plaintext = open("resume", token, linkKey);
  if (plaintext?.length !== uuidBytes + 8) return { ok: false, reason: "invalid" };
  const expiresAtMs = Number(plaintext.readBigUInt64BE(uuidBytes));
  if (expiresAtMs <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, value: { visitorId: bytesToUuid(plaintext.subarray(0, uuidBytes)), expiresAtMs } };
}

/** The token of an unsubscribe link: whose conversation, and which address (by its hash). */
export function sealUnsubscribeToken(visitorId: string, addressHash: string, linkKey: string): string {
  return seal("unsubscribe", Buffer.concat([uuidToBytes(visitorId), Buffer.from(addressHash, "hex")]), linkKey);
}

export function openUnsubscribeToken(token: string, linkKey: string): OpenedToken<{ visitorId: string; addressHash: string }> {
  const plaintext = open("unsubscribe", token, linkKey);
  if (plaintext?.length !== uuidBytes + 32) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    value: { visitorId: bytesToUuid(plaintext.subarray(0, uuidBytes)), addressHash: plaintext.subarray(uuidBytes).toString("hex") },
  };
}

/** A fresh link key, for a deployment or a data dir that has none yet. */
export function newLinkKey(): string {
  return randomBytes(32).toString("base64url");
}
