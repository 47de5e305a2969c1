import { Resource } from "sst";
import { log } from "../chat/log.ts";
import type { OfflineNotification } from "../notify/notification.ts";
import { postWebhook, webhookPayload } from "../notify/webhook.ts";

/**
 * Delivers one offline notification to the owner's webhook (`NotifyWebhook`; anything but an
 * http(s) URL turns notifications off). Invoked asynchronously by the message handler. It never
 * throws, so Lambda does not retry it: a notification is sent at most once.
 */
export const handler = async (event: OfflineNotification): Promise<{ delivered: boolean }> => {
  const url = Resource.NotifyWebhook.value.trim();
  if (!/^https?:\/\//.test(url)) return { delivered: false };
  const result = await postWebhook(url, webhookPayload(event, process.env.PORCH_INBOX_URL || undefined), 5000);
  if (result.ok) log.info("owner notified", { messageId: event.message?.id, status: result.status });
  else log.warn("webhook failed", { messageId: event.message?.id, ...result });
  return { delivered: result.ok };
};
