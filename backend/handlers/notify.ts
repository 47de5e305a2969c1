import { Resource } from "sst";
import { type NotificationChannel, deliverToChannels } from "../notify/channel.ts";
import type { OwnerNotification } from "../notify/notification.ts";
import { WebhookChannel } from "../notify/webhook.ts";

/** The channels the owner configured: the webhook when `NotifyWebhook` is an http(s) URL. */
function configuredChannels(): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  const webhook = Resource.NotifyWebhook.value.trim();
  if (/^https?:\/\//.test(webhook)) channels.push(new WebhookChannel(webhook, process.env.PORCH_INBOX_URL || undefined));
  return channels;
}

/**
 * Delivers one owner notification (a message or a digest) to every configured channel. Invoked
 * asynchronously by the message handler and the jobs function. It never throws, so Lambda does
 * not retry it: a notification is sent at most once.
 */
export const handler = async (event: OwnerNotification): Promise<{ delivered: boolean }> => {
  const results = await deliverToChannels(configuredChannels(), event);
  return { delivered: results.some((result) => result.ok) };
};
