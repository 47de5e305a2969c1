import type { BusinessHours } from "#protocol";
import type { HoursChangeJob, JobQueue } from "../jobs/job.ts";
import { nextHoursChange, ownerAvailability } from "./business-hours.ts";
import { type DigestDeps, sendHeld } from "./notify-owner.ts";
import type { HoursStore } from "./ports.ts";
import { announcePresence, ownerPresence, type SettleDeps } from "./presence.ts";

/** SQS's longest delay: a change further away is reached by a chain of jobs this far apart. */
const longestDelayS = 900;

/**
 * Enqueues the hours-change job of the next opening or closing of `hours` after `nowMs` (none
 * without hours), or, for one more than 15 minutes away, the first of the chain that reaches it.
 */
export async function scheduleHoursChange(jobs: JobQueue, hours: BusinessHours, stamp: string, nowMs: number): Promise<void> {
  const changeAtMs = nextHoursChange(hours, nowMs);
  if (changeAtMs !== null) await enqueueTowards(jobs, { type: "hours-change", stamp, changeAtMs }, nowMs);
}

function enqueueTowards(jobs: JobQueue, job: HoursChangeJob, nowMs: number): Promise<void> {
  return jobs.enqueue(job, { delaySeconds: Math.min(longestDelayS, Math.ceil((job.changeAtMs - nowMs) / 1000)) });
}

/** What the hours-change job needs besides the owner's presence: the hours, the queue, and the digest's notifier. */
export interface HoursChangeDeps extends SettleDeps {
  hours: HoursStore;
  jobs: JobQueue;
  digest: Omit<DigestDeps, "now">;
}

/**
 * Runs the hours-change job (docs/data-model.md, "Business hours"): hours set again since it was
 * enqueued (another stamp) make it nothing; before its time it hands itself on (the chain of
 * delays); at or after it, it tells every open visitor connection the owner's presence as it is
 * now, then claims the change so that exactly one copy schedules the next. It decides on what it
 * reads, so a late job or a second copy pushes the truth, never a contradiction, and the chain
 * stays one job long whatever the queue delivers twice.
 */
export async function runHoursChange(job: HoursChangeJob, deps: HoursChangeDeps): Promise<string> {
  const hours = await deps.hours.read();
  if (hours.stamp !== job.stamp) return "the hours were set again: their own job announces them";
  if (deps.now < job.changeAtMs) {
    await enqueueTowards(deps.jobs, job, deps.now);
    return "not due yet: handed on";
  }
  const owner = await deps.connections.ownerState(deps.now, { consistent: true });
  const presence = ownerPresence(owner, deps.now, deps.times, ownerAvailability(hours, deps.now));
  const told = await announcePresence(deps, presence);
  // At an opening, what waited outside the hours goes out (once, whichever copy takes it).
  const held = ownerAvailability(hours, deps.now).open
    ? `; ${await sendHeld({ ...deps.digest, hours: deps.hours, now: () => deps.now })}`
    : "";
  if (!(await deps.hours.claimChange(job.stamp, job.changeAtMs)))
    return `told ${told} visitor connections${held}; the next change is scheduled already`;
  try {
    await scheduleHoursChange(deps.jobs, hours, job.stamp, deps.now);
  } catch (error) {
    // Nothing half-done: the retry of this job claims the change again and schedules the next.
    await deps.hours.releaseChange(job.stamp, job.changeAtMs);
    throw error;
  }
  return `told ${told} visitor connections the owner is ${presence.online ? "online" : "away"}${held}; the next change is scheduled`;
}
