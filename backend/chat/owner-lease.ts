import type { OwnerState } from "./ports.ts";

/**
 * How long an owner connection counts as alive after its last `hello` or `ping`, in seconds: a
 * connection that ended without `$disconnect` (API Gateway delivers it on a best-effort basis, and
 * a function that fails on it loses it) stops counting once its lease lapses, not when its binding
 * expires hours later. More than twice the inbox's ping interval (`limits.ownerPingIntervalMs`),
 * so one lost ping is no absence; at most SQS's longest delay, which the lease job waits.
 */
export const defaultOwnerLeaseS = 300;

/** The variable that sets it (tests and `npm start` shorten it). */
export const ownerLeaseVariable = "PORCH_OWNER_LEASE_S";

/** The lease from the environment: a whole number of seconds from 1 to 900; anything else is the default. */
export function ownerLeaseFrom(env: Readonly<Record<string, string | undefined>>): number {
  const given = Number(env[ownerLeaseVariable]);
  return Number.isInteger(given) && given >= 1 && given <= 900 ? given : defaultOwnerLeaseS;
}

/** Whether an owner connection said `hello` or `ping` within the lease. */
export function holdsLease(owner: Pick<OwnerState, "refreshedAt">, nowMs: number, leaseS: number): boolean {
  return owner.refreshedAt !== null && nowMs - owner.refreshedAt < leaseS * 1000;
}
