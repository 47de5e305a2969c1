import { Resource } from "sst";
import { ConversationRefs } from "../auth/conversation-ref.ts";
import type { Scope } from "../auth/session.ts";
import { conversationsPerAddressFrom } from "../chat/abuse-limits.ts";
import { Chat } from "../chat/chat.ts";
import type { JobContext } from "../jobs/jobs.ts";
import { SqsJobQueue } from "../jobs/sqs-queue.ts";
import { LambdaNotifier } from "../notify/lambda-notifier.ts";
import { ManagementApiPusher } from "../push/pusher.ts";
import { DynamoChatStore } from "../store/store.ts";

/**
 * The chat, and the jobs' dependencies, as a handler sees them, built from what SST links to the
 * function (on AWS) or what the local stack sets the same way. Built once per warm container;
 * rebuilt only if the links change (which happens in tests that restart the local stack, never
 * on AWS).
 */
let built: { key: string; chat: Chat } | undefined;
let builtJobs: { key: string; context: Omit<JobContext, "remainingMs"> } | undefined;

/** What a built object depends on: its links, and the endpoints the local stack points the SDK at. */
function keyOf(...links: unknown[]): string {
  const { AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SQS } = process.env;
  return JSON.stringify([...links, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SQS]);
}

/** The deployment: SST's app and stage (`sst deploy --stage …`; "local" on the local stack). */
function scope(): Scope {
  return { app: Resource.App.name, stage: Resource.App.stage };
}

export function chat(): Chat {
  const tableName = Resource.PorchTable.name;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const notifyFunction = Resource.PorchNotify.name;
  const jobsUrl = Resource.PorchJobs.url;
  const key = keyOf(tableName, endpoint, ownerPassword, notifyFunction, jobsUrl, scope(), process.env.PORCH_CONVERSATIONS_PER_ADDRESS);
  if (built?.key !== key) {
    built = {
      key,
      chat: new Chat({
        store: new DynamoChatStore({ tableName }),
        pusher: new ManagementApiPusher({ endpoint }),
        ownerPassword,
        scope: scope(),
        notifier: new LambdaNotifier(notifyFunction),
        jobs: new SqsJobQueue(jobsUrl),
        limits: { conversationsPerAddress: conversationsPerAddressFrom(process.env.PORCH_CONVERSATIONS_PER_ADDRESS) },
      }),
    };
  }
  return built.chat;
}

/** What a job runs with: the table, the queue (to hand over the rest of a job), the owner's notifier, the time left. */
export function jobContext(remainingMs: () => number): JobContext {
  const tableName = Resource.PorchTable.name;
  const jobsUrl = Resource.PorchJobs.url;
  const ownerPassword = Resource.OwnerPassword.value;
  const notifyFunction = Resource.PorchNotify.name;
  const key = keyOf(tableName, jobsUrl, ownerPassword, notifyFunction, scope());
  if (builtJobs?.key !== key) {
    const store = new DynamoChatStore({ tableName });
    let refs: ConversationRefs | undefined;
    builtJobs = {
      key,
      context: {
        store,
        queue: new SqsJobQueue(jobsUrl),
        digest: {
          notifications: store.notifications,
          notifier: new LambdaNotifier(notifyFunction),
          refs: () => (refs ??= new ConversationRefs(ownerPassword, scope())),
        },
      },
    };
  }
  return { ...builtJobs.context, remainingMs };
}
