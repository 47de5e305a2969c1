import { Resource } from "sst";
import { randomUUID } from "node:crypto";
import type { OwnerProfile } from "../../protocol/index.ts";
import { Chat } from "../chat/chat.ts";
import { log } from "../chat/log.ts";
import { ownerProfileFrom, ownerProfileVariables } from "../chat/owner-profile.ts";
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
let builtJobs: { key: string; store: DynamoChatStore; queue: SqsJobQueue; sender: SesEmailSender; pusher: ManagementApiPusher } | undefined;

export function chat(): Chat {
  const tableName = Resource.PorchTable.name;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const linkKey = Resource.LinkSigningKey.value;
  const notifyFunction = Resource.PorchNotify.name;
  const jobsUrl = Resource.PorchJobs.url;
  const { env } = process;
  const email = visitorEmailSettings(env);
  const key = JSON.stringify([
    tableName,
    endpoint,
    ownerPassword,
    linkKey,
    notifyFunction,
    jobsUrl,
    email,
    env.AWS_ENDPOINT_URL_DYNAMODB,
    env.AWS_ENDPOINT_URL_LAMBDA,
    env.AWS_ENDPOINT_URL_SQS,
    ...Object.values(ownerProfileVariables).map((name) => env[name]),
    env.PORCH_OWNER_AWAY_GRACE_S,
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
        // sst.config.ts sets these on the function from the deploy's environment; the local stack
        // runs the handlers in its own process, which has them (backend/local/main.ts).
        ownerProfile: configuredOwnerProfile(env),
        ...(env.PORCH_OWNER_AWAY_GRACE_S ? { awayGraceS: Number(env.PORCH_OWNER_AWAY_GRACE_S) } : {}),
      }),
    };
  }
  return built.chat;
}

/** The owner's profile; a setting that cannot be used is logged and left out, never fatal to the chat. */
function configuredOwnerProfile(env: NodeJS.ProcessEnv): OwnerProfile {
  try {
    return ownerProfileFrom(env);
  } catch (error) {
    log.error("the owner's profile is not used", { error });
    return { name: null, avatar: null, replyTime: null };
  }
}

/**
 * What a job runs with: the table, the queue (to hand over the rest of a job), email, the socket's
 * management API (to tell visitors the owner left), the clock and the time left.
 */
export function jobContext(remainingMs: () => number): JobContext {
  const tableName = Resource.PorchTable.name;
  const jobsUrl = Resource.PorchJobs.url;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const key = JSON.stringify([
    tableName,
    jobsUrl,
    endpoint,
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_ENDPOINT_URL_SQS,
    process.env.AWS_ENDPOINT_URL_SESV2,
  ]);
  if (builtJobs?.key !== key) {
    builtJobs = {
      key,
      store: new DynamoChatStore({ tableName }),
      queue: new SqsJobQueue(jobsUrl),
      sender: new SesEmailSender(),
      pusher: new ManagementApiPusher({ endpoint }),
    };
  }
  const settings = visitorEmailSettings(process.env);
  const { store, queue, sender, pusher } = builtJobs;
  return {
    store,
    queue,
    replyEmails: settings.enabled
      ? { settings, sender, linkKey: Resource.LinkSigningKey.value, now: Date.now, claimToken: randomUUID }
      : null,
    pusher,
    connections: store.connections,
    now: Date.now,
    remainingMs,
  };
}
