import type { Activity, NotificationLog } from "../chat/ports.ts";
import { type HeadItem, type LiveHeadItem, type NotifyWindowItem, toHead } from "./items.ts";
import { keys, paddedMs } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/** How long a window's item is kept after the window starts: its digest runs well before. */
const windowItemTtlMs = 24 * 3600_000;

const windowKey = (windowStartMs: number) => ({ pk: keys.notifyWindowPk(windowStartMs), sk: keys.counterSk });

/**
 * When the owner was notified: per conversation, a stamp on its head (`notifiedAt`, claimed with a
 * conditional write); per window, one item counting its notification-worthy events (`ADD`, which
 * hands every caller its own count) and marking its digest as sent (a conditional write that one
 * run of the digest job wins). A digest's figures come from the inbox index.
 */
export class DynamoNotificationLog implements NotificationLog {
  constructor(private readonly table: Table) {}

  /**
   * Stamps `notifiedAt` on the head for `messageId`, conditional on the previous stamp being older
   * than `quietSinceMs`: however many messages race for it, one per quiet period wins. A claim
   * whose answer was lost and that the SDK retried finds its own stamp, and still wins.
   */
  async claimConversation(visitorId: string, messageId: string, nowMs: number, quietSinceMs: number): Promise<boolean> {
    const written = await this.table.updateIf<HeadItem>(
      {
        Key: { pk: keys.conversationPk(visitorId), sk: keys.headSk },
        UpdateExpression: "SET notifiedAt = :now, notifiedFor = :id",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(notifiedAt) OR notifiedAt < :quietSince)",
        ExpressionAttributeValues: { ":now": nowMs, ":id": messageId, ":quietSince": quietSinceMs },
      },
      { existing: true },
    );
    return written.ok || written.existing?.notifiedFor === messageId;
  }

  async count(windowStartMs: number, expiresAtMs: number): Promise<number> {
    const output = await this.table.update<Pick<NotifyWindowItem, "events">>({
      Key: windowKey(windowStartMs),
      UpdateExpression: "ADD events :one SET expiresAtS = if_not_exists(expiresAtS, :expires)",
      ExpressionAttributeValues: { ":one": 1, ":expires": Math.ceil(Math.max(expiresAtMs, windowStartMs + windowItemTtlMs) / 1000) },
      ReturnValues: "UPDATED_NEW",
    });
    return output.Attributes!.events;
  }

  async claimDigest(windowStartMs: number, immediate: number, nowMs: number): Promise<number | null> {
    const written = await this.table.updateIf<NotifyWindowItem>({
      Key: windowKey(windowStartMs),
      UpdateExpression: "SET digestedAt = :now",
      ConditionExpression: "attribute_not_exists(digestedAt) AND events > :immediate",
      ExpressionAttributeValues: { ":now": nowMs, ":immediate": immediate },
      ReturnValues: "ALL_NEW",
    });
    return written.ok ? written.output.Attributes!.events : null;
  }

  /**
   * One query of the inbox index from `sinceMs` (the index orders conversations by their last
   * message), page after page: a digest runs once per window, and reads what a flood wrote.
   */
  async activitySince(sinceMs: number, latest: number): Promise<Activity> {
    const items = await this.table.queryAll<LiveHeadItem>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox AND inboxSk >= :since",
      ExpressionAttributeValues: { ":inbox": keys.inboxPk, ":since": paddedMs(sinceMs) },
      ScanIndexForward: false,
    });
    const activity: Activity = { latest: [], conversations: 0, newConversations: 0, unreadMessages: 0 };
    for (const item of items) {
      const head = toHead(item);
      if ((head.lastVisitorMessageAt ?? 0) < sinceMs) continue; // only the owner wrote since
      activity.conversations++;
      if (head.firstSeenAt >= sinceMs) activity.newConversations++;
      activity.unreadMessages += head.unread;
      if (head.unread > 0 && activity.latest.length < latest) activity.latest.push(head);
    }
    return activity;
  }
}
