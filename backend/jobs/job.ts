/**
 * The jobs as messages on the queue, and the queue they go to: what the chat, the jobs and the
 * queues (SQS, backend/local/queue.ts) share. It imports nothing of theirs, so the chat can
 * enqueue jobs that the jobs function (backend/jobs/jobs.ts) runs with the chat's code.
 */

/** Erase the messages a delete hid, up to `clearedAt` (the mark it left in the conversation). */
export interface SweepConversationJob {
  type: "sweep-conversation";
  visitorId: string;
  clearedAt: number;
}

/**
 * Delete the conversations idle for longer than the retention (backend/chat/retention.ts): run
 * daily by the deploy's schedule (infra/retention.ts) and by the local stack's timer, a batch at a
 * time, each batch handing the rest to the queue as the same job.
 */
export interface RetentionJob {
  type: "retention";
}

/** The retention job, as the schedules send it (infra/retention.ts; backend/local/schedule.ts). */
export const retentionJob: RetentionJob = { type: "retention" };

/** Tell the owner what the notification window that started at `windowStartMs` held (backend/chat/notify-owner.ts). */
export interface OwnerDigestJob {
  type: "owner-digest";
  windowStartMs: number;
}

/**
 * The owner-away job: enqueued when an owner connection closes, run after the grace period, and by
 * each owner hello and ping, run when its lease would lapse (backend/chat/presence.ts).
 */
export interface OwnerAwayJob {
  type: "owner-away";
  /** This job's own mark, so a second run of it knows it already won. */
  claim: string;
}

/**
 * Tell visitors the owner's presence at the opening or closing at `changeAtMs` of the hours set
 * under `stamp` (backend/chat/hours-change.ts); run early, it hands itself on.
 */
export interface HoursChangeJob {
  type: "hours-change";
  stamp: string;
  changeAtMs: number;
}

/** Email the visitor whatever owner replies are due; `replyId` is the reply that enqueued it, for logs. */
export interface ReplyEmailJob {
  type: "reply-email";
  visitorId: string;
  replyId: string;
}

/**
 * Email the recipient of the conversation's unconfirmed address its confirmation link, if the
 * limits allow (backend/jobs/email-confirmation.ts); `claim` is this job's own mark.
 */
export interface EmailConfirmationJob {
  type: "email-confirmation";
  visitorId: string;
  claim: string;
}

/**
 * Objects uploaded to the attachments' bucket: not enqueued by Porch but by S3 itself, an event
 * notification (infra/bucket.ts; the local S3 sends the same), whose body is read into this.
 */
export interface AttachmentsUploadedJob {
  type: "attachments-uploaded";
  objects: { key: string; size: number }[];
}

export type Job =
  | SweepConversationJob
  | ReplyEmailJob
  | OwnerAwayJob
  | HoursChangeJob
  | OwnerDigestJob
  | EmailConfirmationJob
  | RetentionJob
  | AttachmentsUploadedJob;
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
  if (job.Event === "s3:TestEvent") return { type: "attachments-uploaded", objects: [] }; // sent once, when the notification is set up
  if (Array.isArray(job.Records)) return s3Event(job.Records as unknown[]);
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
  if (job.type === "email-confirmation") {
    if (typeof job.visitorId !== "string" || !uuidPattern.test(job.visitorId)) throw new InvalidJobError("visitorId must be a UUID");
    if (typeof job.claim !== "string" || !uuidPattern.test(job.claim)) throw new InvalidJobError("claim must be a UUID");
    return { type: job.type, visitorId: job.visitorId, claim: job.claim };
  }
  if (job.type === "owner-away") {
    // (An `activity` that jobs made by an older Porch carry is not needed: the job reads it.)
    if (typeof job.claim !== "string" || !uuidPattern.test(job.claim)) throw new InvalidJobError("claim must be a UUID");
    return { type: job.type, claim: job.claim };
  }
  if (job.type === "hours-change") {
    if (typeof job.stamp !== "string" || !uuidPattern.test(job.stamp)) throw new InvalidJobError("stamp must be a UUID");
    if (typeof job.changeAtMs !== "number" || !Number.isSafeInteger(job.changeAtMs) || job.changeAtMs < 0) {
      throw new InvalidJobError("changeAtMs must be epoch milliseconds");
    }
    return { type: job.type, stamp: job.stamp, changeAtMs: job.changeAtMs };
  }
  if (job.type === "owner-digest") {
    if (typeof job.windowStartMs !== "number" || !Number.isSafeInteger(job.windowStartMs) || job.windowStartMs < 0) {
      throw new InvalidJobError("windowStartMs must be epoch milliseconds");
    }
    return { type: job.type, windowStartMs: job.windowStartMs };
  }
  if (job.type === "retention") return { type: job.type };
  throw new InvalidJobError(`unknown job type ${JSON.stringify(job.type)}`);
}

/** An S3 event notification's records of objects created (keys come URL-encoded, spaces as `+`). */
function s3Event(records: unknown[]): AttachmentsUploadedJob {
  const objects = records.map((record) => {
    const { eventSource, eventName, s3 } = (record ?? {}) as {
      eventSource?: unknown;
      eventName?: unknown;
      s3?: { object?: { key?: unknown; size?: unknown } };
    };
    if (eventSource !== "aws:s3" || typeof eventName !== "string" || !eventName.startsWith("ObjectCreated:")) {
      throw new InvalidJobError("an S3 event must be of an object created");
    }
    const key = s3?.object?.key;
    const size = s3?.object?.size;
    if (typeof key !== "string" || typeof size !== "number") throw new InvalidJobError("an S3 event must name the object's key and size");
    return { key: decodeURIComponent(key.replace(/\+/g, " ")), size };
  });
  return { type: "attachments-uploaded", objects };
}
