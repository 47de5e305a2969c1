// From its own module, not protocol/index.ts: the deploy (infra/settings.ts) reads the setting too.
import type { Pusher } from "../push/pusher.ts";
import type { JobQueue } from "../jobs/job.ts";
import type { ConnectionStore, Deletes, Inbox } from "./ports.ts";
import { eraseConversation } from "./erase-conversation.ts";

/**
 * How long conversations are kept (docs/privacy.md): a conversation whose last message is older
 * than `PORCH_RETENTION_DAYS` is deleted by the retention job, through the owner's delete path.
 */
export const retentionVariables = {
  /** Days a conversation is kept after its last message; `0` keeps it until deleted. Decimals allowed. */
  days: "PORCH_RETENTION_DAYS",
  /** The local stack only: seconds between runs of the job (deployed, an EventBridge schedule runs it daily). */
  everyS: "PORCH_RETENTION_EVERY_S",
} as const;

export const defaultRetentionDays = 365;
export const defaultRetentionEveryS = 3600;

const dayMs = 24 * 3600_000;

/**
 * `PORCH_RETENTION_DAYS`: a number of days, 0 or more (`0.001` is about 86 s, to watch it work
 * locally). Anything else is refused loudly: a retention silently off is worse than a deploy
 * that fails.
 */
export function retentionDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return defaultRetentionDays;
  const days = /^\s*\d{1,6}(\.\d{1,9})?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(days)) {
    throw new RangeError(`${retentionVariables.days} must be a number of days (0 keeps conversations until deleted), not "${value}"`);
  }
  return days;
}

/** `PORCH_RETENTION_EVERY_S`: whole seconds, at least 1. */
export function retentionEveryFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return defaultRetentionEveryS;
  const seconds = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : 0;
  if (seconds < 1) throw new RangeError(`${retentionVariables.everyS} must be a whole number of seconds, at least 1, not "${value}"`);
  return seconds;
}

/** What the retention job works with: the inbox index (to find idle conversations) and the delete path. */
export interface RetentionDeps {
  store: { readonly inbox: Pick<Inbox, "idleBefore">; readonly deletes: Deletes; readonly connections: ConnectionStore };
  jobs: JobQueue;
  pusher: Pusher;
  retentionDays: number;
  now: number;
}

/** Conversations one run looks at before it hands the rest over (a run is short, whatever the backlog). */
export const retentionBatch = 25;

/**
 * Deletes up to `retentionBatch` conversations whose last message is older than the retention,
 * oldest first, each through the owner's delete path (deletes.ts; a sweep job erases its
 * messages). `more`: there may be others. Idempotent: run twice, the second finds them gone.
 */
export async function eraseIdleConversations(deps: RetentionDeps): Promise<{ erased: number; more: boolean }> {
  if (deps.retentionDays === 0) return { erased: 0, more: false };
  const idleBefore = deps.now - Math.round(deps.retentionDays * dayMs);
  const idle = await deps.store.inbox.idleBefore(idleBefore, retentionBatch);
  let erased = 0;
  for (const visitorId of idle.visitorIds) {
    if ((await eraseConversation(visitorId, deps, { idleBefore })) !== null) erased++;
  }
  return { erased, more: idle.more };
}
