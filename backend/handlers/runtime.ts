import { Resource } from "sst";
import { randomUUID } from "node:crypto";
import type { OwnerProfile } from "#protocol";
import { ConversationRefs } from "../auth/conversation-ref.ts";
import { attachmentPolicyFrom } from "../attachments/policy.ts";
import { S3AttachmentFiles } from "../attachments/s3-files.ts";
import { type Scope, isUsablePassword, ownerEpoch } from "../auth/session.ts";
import { conversationsPerAddressFrom } from "../chat/abuse-limits.ts";
import { Chat } from "../chat/chat.ts";
import { log } from "../chat/log.ts";
import { ownerProfileFrom } from "../chat/owner-profile.ts";
import { presenceTimesFrom } from "../chat/presence.ts";
import { retentionDaysFrom, retentionVariables } from "../chat/retention.ts";
import { SesEmailSender } from "../email/ses-sender.ts";
import { visitorEmailSettings } from "../email/settings.ts";
import type { JobContext } from "../jobs/jobs.ts";
import { SqsJobQueue } from "../jobs/sqs-queue.ts";
import { LambdaNotifier } from "../notify/lambda-notifier.ts";
import { configuredPushAllow } from "../notify/push-services.ts";
import { ManagementApiPusher } from "../push/pusher.ts";
import { DynamoChatStore } from "../store/store.ts";
import { perContainer } from "./container.ts";

/** The deployment: SST's app and stage (`sst deploy --stage …`; "local" on the local stack). */
function scope(): Scope {
  return { app: Resource.App.name, stage: Resource.App.stage };
}

/**
 * The owner password's generation, for the owner connections the store counts (none to tell
 * without a password that can be one: owner frames are refused anyway, visitors' are served).
 */
function currentOwnerEpoch(): string | undefined {
  const password = Resource.OwnerPassword.value;
  return isUsablePassword(password) ? ownerEpoch(password, scope()) : undefined;
}

/**
 * The chat as a handler sees it, built from what SST links to the function (on AWS) or what the
 * local stack sets the same way, and from the environment the deploy gives it (visitor emails:
 * backend/email/settings.ts), once per container (backend/handlers/container.ts).
 */
export const chat = perContainer((): Chat => {
  const { env } = process;
  const email = visitorEmailSettings(env);
  return new Chat({
    store: new DynamoChatStore({ tableName: Resource.PorchTable.name, ownerEpoch: currentOwnerEpoch() }),
    pusher: new ManagementApiPusher({ endpoint: Resource.PorchSocket.managementEndpoint }),
    ownerPassword: Resource.OwnerPassword.value,
    scope: scope(),
    linkKey: Resource.LinkSigningKey.value,
    replyEmails: { enabled: email.enabled, delayS: email.delayS },
    inboundDomain: email.inboundDomain,
    notifier: new LambdaNotifier(Resource.PorchNotify.name),
    jobs: new SqsJobQueue(Resource.PorchJobs.url),
    // sst.config.ts sets these on the function from the deploy's environment; the local stack
    // runs the handlers in its own process, which has them (backend/local/main.ts).
    ownerProfile: configuredOwnerProfile(env),
    presenceTimes: presenceTimesFrom(env),
    limits: { conversationsPerAddress: conversationsPerAddressFrom(env.PORCH_CONVERSATIONS_PER_ADDRESS) },
    retentionDays: retentionDaysFrom(env[retentionVariables.days]),
    // Set by the local stack only (the deploy refuses it): its tests run stand-in push services.
    pushAllow: configuredPushAllow(env),
    attachments: { files: attachmentFiles(), policy: attachmentPolicyFrom(env) },
  });
});

/** The attachments' bucket, one client per container for the chat and the jobs alike. */
const attachmentFiles = perContainer(() => new S3AttachmentFiles(Resource.PorchAttachments.name));

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
 * management API (to tell visitors the owner left), the owner's notifier (digests) and the clock,
 * built once per container; and the time left.
 */
export function jobContext(remainingMs: () => number): JobContext {
  return { ...jobDependencies(), remainingMs };
}

const jobDependencies = perContainer((): Omit<JobContext, "remainingMs"> => {
  const epoch = currentOwnerEpoch();
  const store = new DynamoChatStore({ tableName: Resource.PorchTable.name, ownerEpoch: epoch });
  const settings = visitorEmailSettings(process.env);
  const linkKey = Resource.LinkSigningKey.value;
  const ownerPassword = Resource.OwnerPassword.value;
  let refs: ConversationRefs | undefined;
  return {
    store,
    queue: new SqsJobQueue(Resource.PorchJobs.url),
    files: attachmentFiles(),
    replyEmails: settings.enabled ? { settings, sender: new SesEmailSender(), linkKey, now: Date.now, claimToken: randomUUID } : null,
    pusher: new ManagementApiPusher({ endpoint: Resource.PorchSocket.managementEndpoint }),
    connections: store.connections,
    presenceTimes: presenceTimesFrom(process.env),
    retentionDays: retentionDaysFrom(process.env[retentionVariables.days]),
    digest: {
      notifications: store.notifications,
      notifier: new LambdaNotifier(Resource.PorchNotify.name),
      refs: () => (refs ??= new ConversationRefs(ownerPassword, scope())),
      ownerEpoch: () => epoch ?? ownerEpoch(ownerPassword, scope()),
      replyAddresses: { linkKey, domain: settings.inboundDomain },
    },
    now: Date.now,
  };
});
