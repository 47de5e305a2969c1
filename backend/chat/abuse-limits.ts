// From its own module, not protocol/index.ts: `$connect` bundles this file, and the index would
// bring the protocol's schemas (and valibot) into a function that parses no frame.
import { attachmentLimits, limits } from "#protocol/limits.ts";

/**
 * What one attacker can make Porch do, bounded: the limits and their defaults, declared once.
 * docs/security.md says what each defends against and what it does not.
 */

/** At most `max` events per fixed window of `windowMs` (so up to twice that across a window's end). */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** A token bucket: `ratePerS` events a second sustained, bursts of up to `burst`. */
export interface BucketLimit {
  ratePerS: number;
  burst: number;
}

export interface AbuseLimits {
  /** New conversations (a visitor's first message) from one source address. */
  conversationsPerAddress: WindowLimit;
  /** New conversations started over one connection, in its whole life (2 hours at most). */
  conversationsPerConnection: number;
  /** Messages from one visitor. */
  messagesPerVisitor: WindowLimit;
  /** Frames over one connection: a connection over it is closed. The owner's frames are exempt. */
  framesPerConnection: BucketLimit;
  /** Frames over every connection from one address together, and new connections from it. */
  framesPerAddress: BucketLimit;
  /** Uploads one visitor starts (`upload`), and the bytes they declare, per window. */
  uploadsPerVisitor: WindowLimit;
  uploadBytesPerVisitor: WindowLimit;
  /** Wrong owner passwords from one address. */
  loginFailuresPerAddress: WindowLimit;
  /** Wrong owner passwords from every address together, except those the owner signed in from before. */
  loginFailuresTotal: WindowLimit;
}

export const defaultAbuseLimits: AbuseLimits = {
  conversationsPerAddress: { max: 10, windowMs: 10 * 60_000 },
  conversationsPerConnection: 3,
  messagesPerVisitor: { max: limits.visitorRateMax, windowMs: limits.visitorRateWindowMs },
  framesPerConnection: { ratePerS: 10, burst: 30 },
  framesPerAddress: { ratePerS: 20, burst: 60 },
  uploadsPerVisitor: { max: attachmentLimits.visitorUploadsPerHour, windowMs: 3600_000 },
  uploadBytesPerVisitor: { max: attachmentLimits.visitorUploadBytesPerDay, windowMs: 24 * 3600_000 },
  loginFailuresPerAddress: { max: limits.loginFailuresMax, windowMs: limits.loginFailureWindowMs },
  loginFailuresTotal: { max: 50, windowMs: limits.loginFailureWindowMs },
};

/**
 * What one email address receives from Porch before its recipient confirms it, whoever asks
 * (backend/jobs/email-confirmation.ts): confirmation emails, counted by the address's hash in one
 * atomic write each. A conversation asks for one confirmation until its address is confirmed.
 */
export const confirmationEmailLimits = {
  /** To one address: at most 3 in any 24 hours (a sliding window: the times of the last 3 are kept). */
  perAddress: { max: 3, windowMs: 24 * 3600_000 },
  /** To an address that unsubscribed: at most one per 30 days. */
  unsubscribedEveryMs: 30 * 24 * 3600_000,
} as const;

/** API Gateway closes a connection after 2 hours: a per-connection count lasts that long. */
export const connectionLifetimeMs = 2 * 3600_000;

/** How long an address the owner signed in from stays exempt from `loginFailuresTotal`. */
export const knownAddressTtlMs = 90 * 24 * 3600_000;

/**
 * `PORCH_CONVERSATIONS_PER_ADDRESS`: `<count>/<seconds>`, e.g. `10/600` (the default), set on the
 * message function by sst.config.ts and by the local stack. Anything else is refused loudly: a
 * limit silently off is worse than a deploy that fails.
 */
export function conversationsPerAddressFrom(value: string | undefined): WindowLimit {
  if (value === undefined || value.trim() === "") return defaultAbuseLimits.conversationsPerAddress;
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,7})\s*$/.exec(value);
  const max = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || max < 1 || seconds < 1) {
    throw new RangeError(`PORCH_CONVERSATIONS_PER_ADDRESS must be <count>/<seconds>, e.g. 10/600, not "${value}"`);
  }
  return { max, windowMs: seconds * 1000 };
}
