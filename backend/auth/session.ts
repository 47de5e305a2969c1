import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { limits } from "#protocol";

/**
 * Owner sessions: `login` checks the password in constant time and returns a token signed with a
 * key derived from the password, so a forged or altered token is refused without a read, and
 * changing the password signs every old session out. A signed token is also a session the store
 * keeps until it expires or `logout` ends it (backend/store/sessions.ts): its id is the token's
 * nonce, and every owner frame checks that it is still there (backend/chat/chat.ts).
 *
 * Token: `v2.<expiresAtMs>.<nonce>.<signature>`, the nonce 12 random bytes and the signature an
 * HMAC-SHA256, both in canonical base64url (no padding). The signature covers the app and stage
 * too, so a token from one deployment (a dev stage) is worthless on another with the same password.
 * A token is accepted only in the exact spelling `issueSession` gives it: nothing appended, no
 * padding, no other alphabet.
 */

/** Which deployment a token or a reference belongs to: SST's app name and stage. */
export interface Scope {
  app: string;
  stage: string;
}

/** A password that cannot be a secret: nothing, or only whitespace. */
export class UnusableOwnerPasswordError extends Error {
  override readonly name = "UnusableOwnerPasswordError";
  constructor() {
    super("the owner password is empty: set one (the local stack and `sst deploy` generate one when none is set)");
  }
}

function digest(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Whether a password can protect the inbox at all. */
export function isUsablePassword(ownerPassword: string): boolean {
  return ownerPassword.trim() !== "";
}

/** Compares a typed password with the owner's in time that does not depend on where they differ. */
export function passwordMatches(given: string, ownerPassword: string): boolean {
  const pepper = "porch password check v1";
  return timingSafeEqual(digest(pepper, given), digest(pepper, ownerPassword)) && isUsablePassword(ownerPassword);
}

/** A key for one purpose, derived from the owner password and bound to the deployment. */
export function derivedKey(ownerPassword: string, purpose: string, scope: Scope): Buffer {
  if (!isUsablePassword(ownerPassword)) throw new UnusableOwnerPasswordError();
  return digest(ownerPassword, `porch ${purpose} v2\n${scope.app}\n${scope.stage}`);
}

export interface Session {
  token: string;
  /** The token's nonce: the session's key in the store, never enough to make a token. */
  id: string;
  expiresAt: number;
}

const tokenPattern = /^v2\.([1-9]\d{0,14})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export function issueSession(ownerPassword: string, scope: Scope, nowMs: number): Session {
  const expiresAt = nowMs + limits.sessionTtlMs;
  const id = randomBytes(12).toString("base64url");
  const payload = `v2.${expiresAt}.${id}`;
  const signature = digest(derivedKey(ownerPassword, "session", scope), payload).toString("base64url");
  return { token: `${payload}.${signature}`, id, expiresAt };
}

/** A token's signature checked: the session it names, or why it names none. */
export type SessionCheck = { ok: true; id: string; expiresAt: number } | { ok: false; reason: "invalid" | "expired" };

export function checkSession(token: string, ownerPassword: string, scope: Scope, nowMs: number): SessionCheck {
  const parts = tokenPattern.exec(token);
  if (!parts || !isUsablePassword(ownerPassword)) return { ok: false, reason: "invalid" };
  const payload = token.slice(0, token.lastIndexOf("."));
  // Compared as text: 43 characters carry 258 bits for a 256-bit signature, so two spellings
  // decode to the same bytes; only the one base64url gives is the token.
  const expected = Buffer.from(digest(derivedKey(ownerPassword, "session", scope), payload).toString("base64url"));
  if (!timingSafeEqual(Buffer.from(parts[3]!), expected)) return { ok: false, reason: "invalid" };
  const expiresAt = Number(parts[1]);
  return expiresAt > nowMs ? { ok: true, id: parts[2]!, expiresAt } : { ok: false, reason: "expired" };
}

/**
 * The owner password's generation: a fingerprint that changes when the password does, stamped on
 * what a session adds that outlives it (push devices, owner connections), so that a password
 * change ends them too. One-way, and no easier to guess a password from than a session token or
 * a notification's link (docs/security.md).
 */
export function ownerEpoch(ownerPassword: string, scope: Scope): string {
  return derivedKey(ownerPassword, "owner epoch", scope).subarray(0, 12).toString("base64url");
}
