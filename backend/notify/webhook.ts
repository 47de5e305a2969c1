import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import type { OfflineNotification } from "./notification.ts";

/** The owner's webhook (Slack, Discord, or anything that takes a JSON POST). */
export class WebhookChannel implements NotificationChannel {
  readonly name = "webhook";

  constructor(
    private readonly url: string,
    private readonly inboxUrl: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  deliver(notification: OfflineNotification): Promise<DeliveryResult> {
    return postWebhook(this.url, webhookPayload(notification, this.inboxUrl), this.timeoutMs);
  }
}

/**
 * The webhook's JSON body. `text` is what Slack's incoming webhooks show, `content` what
 * Discord's show (both ignore the other fields); `porch` carries the details for anything else.
 */
export function webhookPayload(notification: OfflineNotification, inboxUrl: string | undefined) {
  const { conversation, message } = notification;
  const who = conversation.nickname ?? conversation.email ?? "A visitor";
  const link = inboxUrl ? `${inboxUrl}#/c/${conversation.visitorId}` : null;
  const quoted = message.text.length > 300 ? `${message.text.slice(0, 299)}…` : message.text;
  const summary = `${who} wrote on your site: “${quoted}”${link ? `\nAnswer: ${link}` : ""}`;
  return {
    text: summary,
    content: summary.slice(0, 2000),
    porch: {
      event: "visitor_message",
      visitor: {
        visitorId: conversation.visitorId,
        nickname: conversation.nickname,
        email: conversation.email,
      },
      message,
      unread: conversation.unread,
      conversationUrl: link,
    },
  };
}

/** POSTs the payload; never throws. Returns what happened, for logs and tests. */
export async function postWebhook(url: string, payload: unknown, timeoutMs: number): Promise<DeliveryResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Porch-Notifier/1" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.ok, status: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
