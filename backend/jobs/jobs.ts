/**
 * Porch's background jobs: work that must finish but not while someone waits for a reply.
 * A job is a small JSON message on a queue (SQS on AWS, backend/local/queue.ts on a laptop); the
 * jobs function runs it (backend/handlers/jobs.ts). Queues deliver at least once, so every job is
 * idempotent: running it twice, concurrently, or again after a crash halfway does no harm.
 * docs/data-model.md describes each job: the sweep ("Deletes"), the reply emails ("Reply emails")
 * and the owner's digest ("Owner notifications"); backend/chat/presence.ts the owner-away job.
 */
import { type DigestDeps, sendDigest } from "../chat/notify-owner.ts";
import { type OwnerAwayJob, type PresenceDeps, settleOwnerAway } from "../chat/presence.ts";
import { type ReplyEmailDeps, type ReplyEmailJob, type ReplyEmailStore, runReplyEmailJob } from "./reply-email.ts";

/** Erase the messages a delete hid, up to `clearedAt` (the mark it left in the conversation). */
export interface SweepConversationJob {
  type: "sweep-conversation";
  visitorId: string;
  clearedAt: number;
}

/** Tell the owner what the notification window that started at `windowStartMs` held (backend/chat/notify-owner.ts). */
export interface OwnerDigestJob {
  type: "owner-digest";
  windowStartMs: number;
}

export type Job = SweepConversationJob | ReplyEmailJob | OwnerAwayJob | OwnerDigestJob;
export type JobType = Job["type"];

export interface EnqueueOptions {
  /** Seconds before the job may run, 0 to 900 (SQS's per-message `DelaySeconds`). */
  delaySeconds?: number;
}

/** Where jobs go to be run later. */
export interface JobQueue {
  enqueue(job: Job, options?: EnqueueOptions): Promise<void>;
}

/** A queue for code that never enqueues (tests of other things): says so if it is asked to. */
export const noJobQueue: JobQueue = {
  enqueue: async (job) => {
    throw new Error(`no job queue: cannot enqueue a ${job.type} job`);
  },
};

/** How far one run of a sweep got. */
export interface SweepProgress {
  deleted: number;
  /** Nothing hidden by the mark is left. */
  done: boolean;
}

/** What the jobs need from storage. */
export interface SweepStore {
  sweepClearedMessages(visitorId: string, clearedAt: number, maxItems: number): Promise<SweepProgress>;
}

/** A message body that is no job of ours: it is reported, never retried into success. */
export class InvalidJobError extends Error {
  override readonly name = "InvalidJobError";
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a queue message's body as a job, field by field. */
export function parseJob(body: string): Job {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidJobError("the job is not JSON");
  }
  const job = (value ?? {}) as Record<string, unknown>;
  if (job.type === "sweep-conversation") {
    if (typeof job.visitorId !== "string" || !uuidPattern.test(job.visitorId)) throw new InvalidJobError("visitorId must be a UUID");
    if (typeof job.clearedAt !== "number" || !Number.isSafeInteger(job.clearedAt) || job.clearedAt < 0) {
      throw new InvalidJobError("clearedAt must be epoch milliseconds");
    }
    return { type: job.type, visitorId: job.visitorId, clearedAt: job.clearedAt };
  }
  if (job.type === "reply-email") {
    if (typeof job.visitorId !== "string" || !uuidPattern.test(job.visitorId)) throw new InvalidJobError("visitorId must be a UUID");
    if (typeof job.replyId !== "string" || !uuidPattern.test(job.replyId)) throw new InvalidJobError("replyId must be a UUID");
    return { type: job.type, visitorId: job.visitorId, replyId: job.replyId };
  }
  if (job.type === "owner-away") {
    if (typeof job.activity !== "number" || !Number.isSafeInteger(job.activity)) throw new InvalidJobError("activity must be an integer");
    if (typeof job.claim !== "string" || !uuidPattern.test(job.claim)) throw new InvalidJobError("claim must be a UUID");
    return { type: job.type, activity: job.activity, claim: job.claim };
  }
  if (job.type === "owner-digest") {
    if (typeof job.windowStartMs !== "number" || !Number.isSafeInteger(job.windowStartMs) || job.windowStartMs < 0) {
      throw new InvalidJobError("windowStartMs must be epoch milliseconds");
    }
    return { type: job.type, windowStartMs: job.windowStartMs };
  }
  throw new InvalidJobError(`unknown job type ${JSON.stringify(job.type)}`);
}

/**
 * One run of a sweep erases at most this many messages, `sweepStepItems` at a time, before it
 * hands the rest to a new job: every run is short, whatever the conversation's size.
 */
export const sweepRunItems = 1000;
const sweepStepItems = 200;

/** What running a job needs. */
export interface JobContext extends PresenceDeps {
  store: SweepStore & { readonly replyEmails: ReplyEmailStore };
  queue: JobQueue;
  /** How to email visitors; null where visitor emails are not set up. */
  replyEmails: ReplyEmailDeps | null;
  /** The owner's notification windows, the notifier and references, for digests. */
  digest: Omit<DigestDeps, "now">;
  now: () => number;
  /** Milliseconds left before the function is stopped; a job hands over what it cannot finish. */
  remainingMs(): number;
}

/** Time a sweep keeps in hand to hand its rest over before the function's deadline. */
const handOverReserveMs = 5000;

/** Runs one job to its end, or as far as its budget goes and enqueues the rest. */
export async function runJob(job: Job, context: JobContext): Promise<{ summary: string }> {
  switch (job.type) {
    case "sweep-conversation": {
      let deleted = 0;
      do {
        const progress = await context.store.sweepClearedMessages(job.visitorId, job.clearedAt, sweepStepItems);
        deleted += progress.deleted;
        if (progress.done) return { summary: `swept ${deleted} messages, done` };
      } while (deleted < sweepRunItems && context.remainingMs() > handOverReserveMs);
      // A bounded run: the rest is a new job (the same one: it starts from whatever is left).
      await context.queue.enqueue(job);
      return { summary: `swept ${deleted} messages, the rest handed to a new job` };
    }
    case "reply-email":
      return runReplyEmailJob(job, context.store.replyEmails, context.replyEmails, (delaySeconds) =>
        context.queue.enqueue(job, { delaySeconds }),
      );
    case "owner-away":
      return { summary: await settleOwnerAway(job, { connections: context.connections, pusher: context.pusher, now: context.now() }) };
    case "owner-digest":
      return { summary: await sendDigest({ ...context.digest, now: context.now }, job.windowStartMs) };
  }
}
