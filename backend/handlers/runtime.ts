import { Resource } from "sst";
import { randomUUID } from "node:crypto";
import type { OwnerProfile } from "#protocol";
import { ConversationRefs } from "../auth/conversation-ref.ts";
import type { Scope } from "../auth/session.ts";
import { conversationsPerAddressFrom } from "../chat/abuse-limits.ts";
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
let builtJobs: { key: string; context: Omit<JobContext, "remainingMs"> } | undefined;

/** What a built object depends on: its links, and the endpoints the local stack points the SDK at. */
function keyOf(...links: unknown[]): string {
  const { AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_SESV2 } = process.env;
  return JSON.stringify([...links, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_SESV2]);
}

/** The deployment: SST's app and stage (`sst deploy --stage …`; "local" on the local stack). */
function scope(): Scope {
  return { app: Resource.App.name, stage: Resource.App.stage };
}

export function chat(): Chat {
  const tableName = Resource.PorchTable.name;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const linkKey = Resource.LinkSigningKey.value;
  const notifyFunction = Resource.PorchNotify.name;
  const jobsUrl = Resource.PorchJobs.url;
  const { env } = process;
  const email = visitorEmailSettings(env);
  const key = keyOf(
    tableName,
    endpoint,
    ownerPassword,
    linkKey,
    notifyFunction,
    jobsUrl,
    email,
    scope(),
    env.PORCH_CONVERSATIONS_PER_ADDRESS,
    ...Object.values(ownerProfileVariables).map((name) => env[name]),
    env.PORCH_OWNER_AWAY_GRACE_S,
    env.PORCH_PUSH_LOOPBACK,
  );
  if (built?.key !== key) {
    built = {
      key,
      chat: new Chat({
        store: new DynamoChatStore({ tableName }),
        pusher: new ManagementApiPusher({ endpoint }),
        ownerPassword,
        scope: scope(),
        linkKey,
        replyEmails: { enabled: email.enabled, delayS: email.delayS },
        notifier: new LambdaNotifier(notifyFunction),
        jobs: new SqsJobQueue(jobsUrl),
        // sst.config.ts sets these on the function from the deploy's environment; the local stack
        // runs the handlers in its own process, which has them (backend/local/main.ts).
        ownerProfile: configuredOwnerProfile(env),
        ...(env.PORCH_OWNER_AWAY_GRACE_S ? { awayGraceS: Number(env.PORCH_OWNER_AWAY_GRACE_S) } : {}),
        limits: { conversationsPerAddress: conversationsPerAddressFrom(env.PORCH_CONVERSATIONS_PER_ADDRESS) },
        // Set by the local stack only: its tests run stand-in push services on loopback.
        allowLoopbackPush: env.PORCH_PUSH_LOOPBACK === "on",
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
 * management API (to tell visitors the owner left), the owner's notifier (digests), the clock and
 * the time left.
 */
export function jobContext(remainingMs: () => number): JobContext {
  const tableName = Resource.PorchTable.name;
  const jobsUrl = Resource.PorchJobs.url;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const notifyFunction = Resource.PorchNotify.name;
  const linkKey = Resource.LinkSigningKey.value;
  const settings = visitorEmailSettings(process.env);
  const key = keyOf(tableName, jobsUrl, endpoint, ownerPassword, notifyFunction, linkKey, scope(), settings);
  if (builtJobs?.key !== key) {
    const store = new DynamoChatStore({ tableName });
    let refs: ConversationRefs | undefined;
    builtJobs = {
      key,
      context: {
        store,
        queue: new SqsJobQueue(jobsUrl),
        replyEmails: settings.enabled ? { settings, sender: new SesEmailSender(), linkKey, now: Date.now, claimToken: randomUUID } : null,
        pusher: new ManagementApiPusher({ endpoint }),
        connections: store.connections,
        digest: {
          notifications: store.notifications,
          notifier: new LambdaNotifier(notifyFunction),
          refs: () => (refs ??= new ConversationRefs(ownerPassword, scope())),
        },
        now: Date.now,
      },
    };
  }
  return { ...builtJobs.context, remainingMs };
}
