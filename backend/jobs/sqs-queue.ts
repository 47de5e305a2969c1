import type { SQSClient } from "@aws-sdk/client-sqs";
import type { EnqueueOptions, Job, JobQueue } from "./job.ts";

/**
 * Jobs as SQS messages, one per job, body the job as JSON, with SQS's per-message `DelaySeconds`.
 * The jobs function consumes the queue (sst.config.ts); the local stack serves the same API
 * (backend/local/queue.ts), which the SDK reaches through `AWS_ENDPOINT_URL_SQS`.
 *
 * The SQS client is loaded on the first job, not at cold start: the message handler enqueues only
 * for the owner's frames and replies (see backend/handlers/bundling.ts).
 */
export class SqsJobQueue implements JobQueue {
  private client: Promise<{ client: SQSClient; module: typeof import("@aws-sdk/client-sqs") }> | undefined;

  constructor(private readonly queueUrl: string) {}

  async enqueue(job: Job, options: EnqueueOptions = {}): Promise<void> {
    const delaySeconds = options.delaySeconds ?? 0;
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
      throw new RangeError(`delaySeconds must be a whole number from 0 to 900, not ${delaySeconds}`);
    }
    this.client ??= import("@aws-sdk/client-sqs").then((module) => ({ module, client: new module.SQSClient({ maxAttempts: 3 }) }));
    const { client, module } = await this.client;
    await client.send(
      new module.SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(job),
        ...(delaySeconds ? { DelaySeconds: delaySeconds } : {}),
      }),
      { abortSignal: AbortSignal.timeout(3000) },
    );
  }
}
