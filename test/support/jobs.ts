import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DigestDeps } from "#backend/chat/notify-owner.ts";
import type { Job } from "#backend/jobs/job.ts";
import { runJob } from "#backend/jobs/jobs.ts";
import type { Stack } from "#backend/local/stack.ts";
import { ManagementApiPusher } from "#backend/push/pusher.ts";
import { DynamoChatStore } from "#backend/store/store.ts";

/**
 * The jobs function's work on a stack's table and socket, at a time the test sets (`nowMs`):
 * `run` runs a job as the queue would deliver it, as often as called; what it enqueues is kept in
 * `enqueued`, not sent. Digests go to `digest`'s notifier (by default, nowhere).
 */
export function jobsAt(stack: Stack, nowMs: number, digest: Partial<Omit<DigestDeps, "now" | "notifications">> = {}) {
  const store = new DynamoChatStore({ tableName: stack.tableName, client: new DynamoDBClient({ endpoint: stack.dynamoEndpoint }) });
  const enqueued: { job: Job; delaySeconds: number }[] = [];
  const run = (job: Job) =>
    runJob(job, {
      store,
      queue: { enqueue: async (next, options) => void enqueued.push({ job: next, delaySeconds: options?.delaySeconds ?? 0 }) },
      remainingMs: () => 30_000,
      digest: {
        notifications: store.notifications,
        notifier: { notify: async () => {} },
        refs: () => {
          throw new Error("no conversation references in this test");
        },
        ownerEpoch: () => "epoch",
        ...digest,
      },
      replyEmails: null,
      files: null,
      connections: store.connections,
      pusher: new ManagementApiPusher({ endpoint: stack.managementEndpoint }),
      retentionDays: 0,
      presenceTimes: { graceS: 15, leaseS: 300 },
      now: () => nowMs,
    });
  return { run, enqueued };
}
