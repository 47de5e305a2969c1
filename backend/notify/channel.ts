import { log } from "../chat/log.ts";
import type { OwnerNotification } from "./notification.ts";

/** What became of one delivery, for logs and tests. */
export interface DeliveryResult {
  ok: boolean;
  /** The receiving service's HTTP status, when it answered. */
  status?: number;
  error?: string;
  /** What else the log should say (how many devices a push reached, …). */
  detail?: string;
}

/**
 * One way of telling the owner about visitor messages while they are away: the webhook, email,
 * Web Push.
 * A channel never throws and gives up within its own deadline: one slow channel must not hold the
 * others, and nothing retries a delivery (a notification is sent at most once). It shows both
 * kinds of notification (a message, a digest), links with the conversation's `ref` (never a
 * visitor id), and escapes what visitors wrote for its medium (docs/contributing.md).
 */
export interface NotificationChannel {
  /** For logs: "webhook", … */
  readonly name: string;
  deliver(notification: OwnerNotification): Promise<DeliveryResult>;
}

/** Delivers to every channel at once and logs each outcome; never throws. */
export async function deliverToChannels(
  channels: readonly NotificationChannel[],
  notification: OwnerNotification,
): Promise<DeliveryResult[]> {
  return Promise.all(
    channels.map(async (channel) => {
      const result = await channel
        .deliver(notification)
        .catch((error: unknown): DeliveryResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
      const fields = { channel: channel.name, kind: notification.kind, conversations: notification.totals.conversations, ...result };
      if (result.ok) log.info("owner notified", fields);
      else log.warn("owner notification failed", fields);
      return result;
    }),
  );
}
