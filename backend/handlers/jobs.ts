import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { log } from "../chat/log.ts";
import { InvalidJobError, parseJob } from "../jobs/job.ts";
import { runJob } from "../jobs/jobs.ts";
import { RetryLaterError } from "../jobs/reply-email.ts";
import { jobContext } from "./runtime.ts";

/** What the deploy's schedule (infra/retention.ts) invokes the function with: a job, as is. */
type ScheduledJob = { type: string; Records?: never };

/**
 * A job the schedule invokes directly (EventBridge Scheduler, `RetryPolicy` of its own): run as
 * a queue's would be; a failure is thrown, so the schedule's retries and logs see it.
 */
async function runScheduled(event: ScheduledJob, context: Pick<Context, "getRemainingTimeInMillis">): Promise<{ summary: string }> {
  const job = parseJob(JSON.stringify(event));
  const { summary } = await runJob(
    job,
    jobContext(() => context.getRemainingTimeInMillis()),
  );
  log.info("scheduled job done", { type: job.type, summary });
  return { summary };
}

/**
 * The jobs queue's consumer (SQS event source mapping, partial batch responses): runs each
 * message's job and reports the ones that failed, which SQS delivers again after the visibility
 * timeout, and moves to the dead-letter queue after a few receives. Jobs are idempotent, so a
 * message delivered twice or run again after a crash does no harm.
 */
export const handler = async (
  event: SQSEvent | ScheduledJob,
  context: Pick<Context, "getRemainingTimeInMillis">,
): Promise<SQSBatchResponse | { summary: string }> => {
  if (!event.Records) return runScheduled(event, context);
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    const receives = Number(record.attributes.ApproximateReceiveCount);
    try {
      const job = parseJob(record.body);
      const { summary } = await runJob(
        job,
        jobContext(() => context.getRemainingTimeInMillis()),
      );
      log.info("job done", { messageId: record.messageId, type: job.type, receives, summary });
    } catch (error) {
      // A body that is no job fails every time: it reaches the dead-letter queue for a person to see.
      // A job that waits for another run (RetryLaterError) is no failure of its own.
      const level = error instanceof InvalidJobError ? "error" : error instanceof RetryLaterError ? "info" : "warn";
      log[level]("job failed", { messageId: record.messageId, receives, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
