import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { limits } from "../../protocol/index.ts";

/**
 * Owner sessions without a database: `login` checks the password in constant time and returns a
 * token signed with a key derived from the password, so verifying an owner frame needs no read,
 * and changing the password signs every old session out.
 * Token: `v1.<expiresAtMs>.<nonce>.<signature>` (base64url HMAC-SHA256).
 */

function digest(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Compares a typed password with the owner's in time that does not depend on where they differ. */
export function passwordMatches(given: string, ownerPassword: string): boolean {
  const pepper = "porch password check v1";
  return timingSafeEqual(digest(pepper, given), digest(pepper, ownerPassword)) && ownerPassword !== "";
}

function signingKey(ownerPassword: string): Buffer {
  return digest(ownerPassword, "porch session key v1");
}

export interface Session {
  token: string;
  expiresAt: number;
}

export function issueSession(ownerPassword: string, nowMs: number): Session {
  const expiresAt = nowMs + limits.sessionTtlMs;
  const payload = `v1.${expiresAt}.${randomBytes(12).toString("base64url")}`;
  const signature = digest(signingKey(ownerPassword), payload).toString("base64url");
  return { token: `${payload}.${signature}`, expiresAt };
}

export type SessionCheck = { ok: true; expiresAt: number } | { ok: false; reason: "invalid" | "expired" };

export function checkSession(token: string, ownerPassword: string, nowMs: number): SessionCheck {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "v1" || !/^\d{1,15}$/.test(parts[1]!)) return { ok: false, reason: "invalid" };
  const expected = digest(signingKey(ownerPassword), parts.slice(0, 3).join("."));
  const given = Buffer.from(parts[3]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  const expiresAt = Number(parts[1]);
  return expiresAt > nowMs ? { ok: true, expiresAt } : { ok: false, reason: "expired" };
}
