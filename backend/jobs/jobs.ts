/**
 * Porch's background jobs: work that must finish but not while someone waits for a reply.
 * A job is a small JSON message on a queue (SQS on AWS, backend/local/queue.ts on a laptop); the
 * jobs function runs it (backend/handlers/jobs.ts). Queues deliver at least once, so every job is
 * idempotent: running it twice, concurrently, or again after a crash halfway does no harm.
 * docs/data-model.md describes each job: the sweep ("Deletes"), the reply emails ("Reply emails"),
 * the confirmation emails ("Confirmed addresses"), the owner's digest ("Owner notifications") and
 * the hours' changes ("Business hours"); backend/chat/presence.ts the owner-away job.
 */
import { type DigestDeps, sendDigest } from "../chat/notify-owner.ts";
import { runHoursChange } from "../chat/hours-change.ts";
import type { ConnectionStore, Deletes, HoursStore, Inbox } from "../chat/ports.ts";
import { type AwayDeps, type PresenceDeps, type PresenceTimes, settleOwnerAway } from "../chat/presence.ts";
import { eraseIdleConversations } from "../chat/retention.ts";
import { type AttachmentJobDeps, checkUploads, sweepAttachments } from "./attachment-check.ts";
import { type EmailConfirmationStore, runConfirmationJob } from "./email-confirmation.ts";
import type { Job, JobQueue } from "./job.ts";
import { type ReplyEmailDeps, type ReplyEmailStore, runReplyEmailJob } from "./reply-email.ts";

/** How far one run of a sweep got. */
export interface SweepProgress {
  deleted: number;
  /** Nothing hidden by the mark is left. */
  done: boolean;
}

/** What the sweep needs from storage (backend/store/messages.ts). */
export interface SweepStore {
  sweepClearedMessages(visitorId: string, clearedAt: number, maxItems: number): Promise<SweepProgress>;
}

/**
 * One run of a sweep erases at most this many messages, `sweepStepItems` at a time, before it
 * hands the rest to a new job: every run is short, whatever the conversation's size.
 */
export const sweepRunItems = 1000;
const sweepStepItems = 200;

/** What running a job needs. */
export interface JobContext extends PresenceDeps {
  store: {
    readonly messages: SweepStore;
    readonly replyEmails: ReplyEmailStore;
    readonly confirmations: EmailConfirmationStore;
    readonly inbox: Pick<Inbox, "idleBefore">;
    readonly deletes: Deletes;
    readonly connections: ConnectionStore;
    readonly attachments: AttachmentJobDeps["attachments"];
    readonly hours: HoursStore;
  };
  /** Days a conversation is kept after its last message (`PORCH_RETENTION_DAYS`); 0: until deleted. */
  retentionDays: number;
  /** The owner's grace after a departure and lease after a hello or ping (backend/chat/presence.ts). */
  presenceTimes: PresenceTimes;
  /** The attachments' bucket; null where the deploy has none. */
  files: AttachmentJobDeps["files"];
  queue: JobQueue;
  /** How to email visitors (replies, confirmations); null where visitor emails are not set up. */
  replyEmails: ReplyEmailDeps | null;
  /** The owner's notification windows, the notifier and references, for digests. */
  digest: Omit<DigestDeps, "now">;
  now: () => number;
  /** Milliseconds left before the function is stopped; a job hands over what it cannot finish. */
  remainingMs(): number;
}

/** Time a sweep keeps in hand to hand its rest over before the function's deadline. */
const handOverReserveMs = 5000;

/** What the presence jobs (owner-away, hours-change) read and push with, at the job's time. */
function presenceNow(context: JobContext): AwayDeps & { hours: HoursStore } {
  return {
    connections: context.connections,
    pusher: context.pusher,
    hours: context.store.hours,
    now: context.now(),
    times: context.presenceTimes,
  };
}

/** Runs one job to its end, or as far as its budget goes and enqueues the rest. */
export async function runJob(job: Job, context: JobContext): Promise<{ summary: string }> {
  switch (job.type) {
    case "sweep-conversation": {
      let deleted = 0;
      do {
        const progress = await context.store.messages.sweepClearedMessages(job.visitorId, job.clearedAt, sweepStepItems);
        deleted += progress.deleted;
        if (progress.done) {
          const files = await sweepAttachments(job, { attachments: context.store.attachments, files: context.files });
          return { summary: `swept ${deleted} messages and ${files} attachments, done` };
        }
      } while (deleted < sweepRunItems && context.remainingMs() > handOverReserveMs);
      // A bounded run: the rest is a new job (the same one: it starts from whatever is left).
      await context.queue.enqueue(job);
      return { summary: `swept ${deleted} messages, the rest handed to a new job` };
    }
    case "reply-email":
      return runReplyEmailJob(job, context.store.replyEmails, context.replyEmails, (delaySeconds) =>
        context.queue.enqueue(job, { delaySeconds }),
      );
    case "email-confirmation":
      return runConfirmationJob(job, context.store.confirmations, context.replyEmails);
    case "owner-away":
      return { summary: await settleOwnerAway(job, presenceNow(context)) };
    case "hours-change":
      return { summary: await runHoursChange(job, { ...presenceNow(context), jobs: context.queue, digest: context.digest }) };
    case "owner-digest":
      return { summary: await sendDigest({ ...context.digest, now: context.now }, job.windowStartMs) };
    case "retention": {
      if (context.retentionDays === 0) return { summary: "conversations are kept until deleted (PORCH_RETENTION_DAYS=0)" };
      const { erased, more } = await eraseIdleConversations({ ...context, jobs: context.queue, now: context.now() });
      // A batch that deleted something and found more hands the rest over; one that deleted nothing
      // found only rows the index had not dropped yet, which the next day's run finds gone.
      if (erased && more) await context.queue.enqueue(job);
      return {
        summary: `deleted ${erased} conversations idle for ${context.retentionDays} days${erased && more ? ", the rest handed to a new job" : ""}`,
      };
    }
    case "attachments-uploaded":
      return checkUploads(job, { attachments: context.store.attachments, files: context.files });
  }
}
