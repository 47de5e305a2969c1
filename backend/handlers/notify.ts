import { Resource } from "sst";
import { isEmailAddress } from "#protocol/text.ts";
import { log } from "../chat/log.ts";
import { SesEmailSender } from "../email/ses-sender.ts";
import { emailEnv, visitorEmailSettings } from "../email/settings.ts";
import { type NotificationChannel, deliverToChannels } from "../notify/channel.ts";
import type { OwnerNotification } from "../notify/notification.ts";
import { OwnerEmailChannel, ownerEmailVariable } from "../notify/owner-email.ts";
import { PushChannel, vapidSubject } from "../notify/push.ts";
import { configuredPushAllow } from "../notify/push-services.ts";
import { WebhookChannel } from "../notify/webhook.ts";
import { DynamoPushDevices } from "../store/push-devices.ts";
import { Table, tableClient } from "../store/table-client.ts";
import { perContainer } from "./container.ts";

/**
 * The channels the owner configured, built once per container (backend/handlers/container.ts), so
 * a setting that cannot work is logged once:
 * - the webhook, when `NotifyWebhook` is an http(s) URL;
 * - email, when `PORCH_OWNER_EMAIL` is an address and the deploy set up an SES identity (`PORCH_EMAIL_FROM`);
 * - Web Push, to every device the owner subscribed from the inbox (none: one query, nothing sent).
 */
const configuredChannels = perContainer((): NotificationChannel[] => {
  const { env } = process;
  const webhook = Resource.NotifyWebhook.value.trim();
  const ownerEmail = env[ownerEmailVariable]?.trim() ?? "";
  const from = env[emailEnv.from]?.trim() ?? "";
  const inboxUrl = env.PORCH_INBOX_URL || undefined;
  const channels: NotificationChannel[] = [];
  if (/^https?:\/\//.test(webhook)) channels.push(new WebhookChannel(webhook, inboxUrl));
  if (ownerEmail && !isEmailAddress(ownerEmail)) log.error(`${ownerEmailVariable} is not an email address: no notification emails`);
  else if (ownerEmail && !from)
    log.error(`${ownerEmailVariable} is set but no SES identity is (${emailEnv.sender}): no notification emails`);
  else if (ownerEmail) {
    const siteName = visitorEmailSettings(env).siteName || "your site";
    channels.push(new OwnerEmailChannel(new SesEmailSender({ timeoutMs: 5000 }), { from, to: ownerEmail, inboxUrl, siteName }));
  }
  if (inboxUrl) {
    // The push devices' store alone: the chat's whole store would bring the protocol's schemas.
    channels.push(
      new PushChannel(new DynamoPushDevices(new Table(tableClient(), Resource.PorchTable.name)), {
        inboxUrl,
        subject: vapidSubject(inboxUrl, ownerEmail || undefined),
        allow: configuredPushAllow(env),
      }),
    );
  }
  return channels;
});

/**
 * Delivers one owner notification (a message or a digest) to every configured channel. Invoked
 * asynchronously by the message handler and the jobs function. It never throws, so Lambda does
 * not retry it: a notification is sent at most once.
 */
export const handler = async (event: OwnerNotification): Promise<{ delivered: boolean }> => {
  const results = await deliverToChannels(configuredChannels(), event);
  return { delivered: results.some((result) => result.ok) };
};
