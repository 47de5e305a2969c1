import type { OwnerPresence, PresencePush } from "#protocol";
import type { Pusher } from "../push/pusher.ts";
import type { OwnerAwayJob } from "../jobs/job.ts";
import type { Availability } from "./business-hours.ts";
import { log } from "./log.ts";
import type { ConnectionStore, OwnerState } from "./ports.ts";

/**
 * How long an owner who closed their last connection still counts as online: a reload, or a
 * dropped connection that comes back, is no news for visitors. When it has passed with no owner
 * connection open, a job tells every visitor (`settleOwnerAway`).
 */
export const defaultAwayGraceS = 15;

/** How many pushes are in flight at once when every visitor is told. */
const broadcastBatch = 100;

/**
 * Whether visitors are told the owner is online: while an owner connection is open, and during
 * the grace period after the last one closed if visitors were told so (the away job then settles
 * it). A grace long past with no job having run (it failed) counts as away. Outside the owner's
 * business hours (`ownerAvailability`), away whatever is open, and back at their next opening.
 */
export function ownerPresence(
  owner: OwnerState,
  nowMs: number,
  graceS: number,
  availability: Availability = { open: true },
): OwnerPresence {
  if (!availability.open)
    return { online: false, lastSeenAt: owner.lastSeenAt, ...(availability.backAt === null ? {} : { backAt: availability.backAt }) };
  const lingering = owner.announcedOnline && owner.lastSeenAt !== null && nowMs - owner.lastSeenAt < (graceS + 60) * 1000;
  return { online: owner.connections.length > 0 || lingering, lastSeenAt: owner.lastSeenAt };
}

/** What telling every visitor needs: the connections, and a way to push. */
export interface PresenceDeps {
  connections: ConnectionStore;
  pusher: Pusher;
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
 * Runs the owner-away job: if no owner connection is open (a consistent read) and the owner has
 * not been active since the job was made, marks them away (a conditional write that exactly one
 * job wins) and tells every visitor. Idempotent: run again, it finds its own mark and pushes again
 * (visitors just get the same state twice); any other job, or a returning owner, changes nothing.
 */
export async function settleOwnerAway(job: OwnerAwayJob, deps: PresenceDeps & { now: number }): Promise<string> {
  const owner = await deps.connections.ownerState(deps.now, { consistent: true });
  if (owner.connections.length) return "the owner is online";
  if (!(await deps.connections.markOwnerAway(job.activity, job.claim))) return "nothing to announce: the owner came back, or visitors know";
  const told = await announcePresence(deps, { online: false, lastSeenAt: owner.lastSeenAt });
  return `the owner is away: told ${told} visitor connections`;
}
