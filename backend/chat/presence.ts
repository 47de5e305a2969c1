import type { OwnerPresence, PresencePush } from "#protocol";
import type { Pusher } from "../push/pusher.ts";
import type { OwnerAwayJob } from "../jobs/job.ts";
import { type Availability, ownerAvailability } from "./business-hours.ts";
import { log } from "./log.ts";
import { holdsLease, ownerLeaseFrom } from "./owner-lease.ts";
import type { ConnectionStore, HoursStore, OwnerBefore, OwnerState } from "./ports.ts";

/**
 * How long an owner who closed their last connection still counts as online: a reload, or a
 * dropped connection that comes back, is no news for visitors. When it has passed with no owner
 * connection open, a job tells every visitor (`settleOwnerAway`).
 */
export const defaultAwayGraceS = 15;

/** How many pushes are in flight at once when every visitor is told. */
const broadcastBatch = 100;

/** How long the owner counts as online: the grace after a departure, the lease of a connection (owner-lease.ts). */
export interface PresenceTimes {
  graceS: number;
  leaseS: number;
}

/** The times from the environment (`PORCH_OWNER_AWAY_GRACE_S`, `PORCH_OWNER_LEASE_S`), as the message and jobs functions read them. */
export function presenceTimesFrom(env: Readonly<Record<string, string | undefined>>): PresenceTimes {
  const graceS = Number(env.PORCH_OWNER_AWAY_GRACE_S || defaultAwayGraceS);
  return { graceS: Number.isInteger(graceS) && graceS >= 0 && graceS <= 900 ? graceS : defaultAwayGraceS, leaseS: ownerLeaseFrom(env) };
}

/**
 * Whether visitors are told the owner is online: while an owner connection holds its lease (it
 * said hello or ping within it), and during the grace period after the last one closed if visitors
 * were told so (the away job then settles it). A grace long past with no job having run (it
 * failed) counts as away, and nothing counts past a lease. Outside the owner's business hours
 * (`ownerAvailability`), away whatever is open, and back at their next opening.
 */
export function ownerPresence(
  owner: OwnerState,
  nowMs: number,
  { graceS, leaseS }: PresenceTimes,
  availability: Availability = { open: true },
): OwnerPresence {
  if (!availability.open)
    return { online: false, lastSeenAt: owner.lastSeenAt, ...(availability.backAt === null ? {} : { backAt: availability.backAt }) };
  const lingerS = Math.min(graceS + 60, leaseS);
  const lingering = owner.announcedOnline && owner.lastSeenAt !== null && nowMs - owner.lastSeenAt < lingerS * 1000;
  return { online: holdsLease(owner, nowMs, leaseS) || lingering, lastSeenAt: owner.lastSeenAt };
}

/**
 * Whether an owner's hello or ping is news to visitors: they were last told the owner was away,
 * or the owner was last seen longer than a lease ago (their hellos meanwhile said away, and the
 * lease job that tells the others may not have run yet).
 */
export function ownerReturned(before: OwnerBefore, nowMs: number, leaseS: number): boolean {
  return !before.announcedOnline || before.lastSeenAt === null || nowMs - before.lastSeenAt >= leaseS * 1000;
}

/** What telling every visitor needs: the connections, and a way to push. */
export interface PresenceDeps {
  connections: ConnectionStore;
  pusher: Pusher;
}

/** What settling the owner's presence needs besides: the clock, the grace and the lease. */
export interface SettleDeps extends PresenceDeps {
  now: number;
  times: PresenceTimes;
}

/** What the owner-away job needs besides: the business hours, for when the owner is back. */
export interface AwayDeps extends SettleDeps {
  hours: Pick<HoursStore, "read">;
}

/**
 * Pushes `{type:"presence", owner}` to every open visitor connection, a batch at a time; a
 * connection the gateway reports gone loses its binding. Best effort, never thrown.
 */
export async function announcePresence({ connections, pusher }: PresenceDeps, owner: OwnerPresence): Promise<number> {
  const frame: PresencePush = { type: "presence", owner };
  const targets = await connections.liveVisitorConnections();
  let delivered = 0;
  for (let start = 0; start < targets.length; start += broadcastBatch) {
    const batch = targets.slice(start, start + broadcastBatch);
    const results = await pusher.push(
      batch.map((target) => target.connectionId),
      frame,
    );
    const stale: Promise<void>[] = [];
    results.forEach((result, n) => {
      if (result.outcome === "delivered") delivered++;
      else if (result.outcome === "gone")
        stale.push(connections.deleteBinding(result.connectionId, { role: "visitor", visitorId: batch[n]!.visitorId }));
      else log.warn("presence not delivered", { connectionId: result.connectionId, outcome: result.outcome, reason: result.reason });
    });
    await Promise.allSettled(stale);
  }
  return delivered;
}

/**
 * Runs the owner-away job, enqueued when an owner connection closes (after the grace) and by each
 * owner hello and ping (after the lease): if no owner connection holds its lease (a consistent
 * read), marks the owner away unless they were active since that read (a conditional write that
 * exactly one job wins) and tells every visitor. It decides on what it reads, not on when it was
 * made: a late job, or one whose connection's lease another renewed, is right too, and one older
 * than the owner's last coming or going leaves it to that one's job, due later. Idempotent: run
 * again, it finds its own mark and pushes again (visitors just get the same state twice); any
 * other job, or a returning owner, changes nothing.
 */
export async function settleOwnerAway(job: OwnerAwayJob, deps: AwayDeps): Promise<string> {
  const { graceS, leaseS } = deps.times;
  const owner = await deps.connections.ownerState(deps.now, { consistent: true });
  if (holdsLease(owner, deps.now, leaseS)) return "the owner is online";
  // Each hello, ping and departure schedules a job at least this long after it.
  const newerJobDue = owner.lastSeenAt !== null && deps.now - owner.lastSeenAt < Math.min(graceS, leaseS) * 1000;
  if (newerJobDue) return "nothing to announce yet: the job of the owner's last coming or going decides";
  // The hours beside the mark (no round trip more): outside them, visitors keep being told when the owner is back.
  const [marked, hours] = await Promise.all([deps.connections.markOwnerAway(owner.activity, job.claim), deps.hours.read()]);
  if (!marked) return "nothing to announce: the owner came back, or visitors know";
  const availability = ownerAvailability(hours, deps.now);
  const told = await announcePresence(
    deps,
    availability.open ? { online: false, lastSeenAt: owner.lastSeenAt } : ownerPresence(owner, deps.now, deps.times, availability),
  );
  return `the owner is away: told ${told} visitor connections`;
}
