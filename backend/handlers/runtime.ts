import { Resource } from "sst";
import { randomUUID } from "node:crypto";
import { Chat } from "../chat/chat.ts";
import { SesEmailSender } from "../email/ses-sender.ts";
import { visitorEmailSettings } from "../email/settings.ts";
import type { JobContext } from "../jobs/jobs.ts";
import { SqsJobQueue } from "../jobs/sqs-queue.ts";
import { LambdaNotifier } from "../notify/lambda-notifier.ts";
import { ManagementApiPusher } from "../push/pusher.ts";
import { DynamoChatStore } from "../store/store.ts";

/**
 * The chat, and the jobs' dependencies, as a handler sees them, built from what SST links to the
 * function (on AWS) or what the local stack sets the same way, and from the environment the deploy
 * gives it (visitor emails: backend/email/settings.ts). Built once per warm container; rebuilt only
 * if the links change (which happens in tests that restart the local stack, never on AWS).
 */
let built: { key: string; chat: Chat } | undefined;
let builtJobs: { key: string; store: DynamoChatStore; queue: SqsJobQueue; sender: SesEmailSender } | undefined;

export function chat(): Chat {
  const tableName = Resource.PorchTable.name;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const linkKey = Resource.LinkSigningKey.value;
  const notifyFunction = Resource.PorchNotify.name;
  const jobsUrl = Resource.PorchJobs.url;
  const email = visitorEmailSettings(process.env);
  const key = JSON.stringify([
    tableName,
    endpoint,
    ownerPassword,
    linkKey,
    notifyFunction,
    jobsUrl,
    email,
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_ENDPOINT_URL_LAMBDA,
    process.env.AWS_ENDPOINT_URL_SQS,
  ]);
  if (built?.key !== key) {
    built = {
      key,
      chat: new Chat({
        store: new DynamoChatStore({ tableName }),
        pusher: new ManagementApiPusher({ endpoint }),
        ownerPassword,
        linkKey,
        replyEmails: { enabled: email.enabled, delayS: email.delayS },
        notifier: new LambdaNotifier(notifyFunction),
        jobs: new SqsJobQueue(jobsUrl),
      }),
    };
  }
  return built.chat;
}

/** What a job runs with: the table, the queue (to hand over the rest of a job), email, the time left. */
export function jobContext(remainingMs: () => number): JobContext {
  const tableName = Resource.PorchTable.name;
  const jobsUrl = Resource.PorchJobs.url;
  const key = JSON.stringify([
    tableName,
    jobsUrl,
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_ENDPOINT_URL_SQS,
    process.env.AWS_ENDPOINT_URL_SESV2,
  ]);
  if (builtJobs?.key !== key) {
    builtJobs = { key, store: new DynamoChatStore({ tableName }), queue: new SqsJobQueue(jobsUrl), sender: new SesEmailSender() };
  }
  const settings = visitorEmailSettings(process.env);
  return {
    store: builtJobs.store,
    queue: builtJobs.queue,
    replyEmails: settings.enabled
      ? { settings, sender: builtJobs.sender, linkKey: Resource.LinkSigningKey.value, now: Date.now, claimToken: randomUUID }
      : null,
    remainingMs,
  };
}
