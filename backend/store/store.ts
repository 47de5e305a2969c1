import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ChatStore, ClearOutcome } from "../chat/ports.ts";
import { DynamoBlocks } from "./blocks.ts";
import { DynamoConnectionStore } from "./connections.ts";
import { DynamoCounters, DynamoSignIns } from "./counters.ts";
import { DynamoHeads } from "./heads.ts";
import { DynamoInbox } from "./inbox.ts";
import { type ClearedMarkItem, type HeadItem, isLiveHead, isMark } from "./items.ts";
import { DynamoMessages } from "./messages.ts";
import { keys } from "./keys.ts";
import { DynamoNotificationLog } from "./notifications.ts";
import { DynamoPushDevices } from "./push-devices.ts";
import { DynamoReplyEmailStore } from "./reply-emails.ts";
import { attributeName, Table, tableClient } from "./table-client.ts";
import { newestEntry } from "./timeline.ts";
import { DynamoUnreadTotal } from "./unread-total.ts";

export interface StoreOptions {
  tableName: string;
  /** The low-level client to go through (its endpoint, credentials, retries); the store wraps it. */
  client?: DynamoDBClient;
}

/** What a delete removes from a conversation's head: all but whose it is, the block and `clearedAt`. */
const clearedHeadAttributes = [
  "lsk",
  "firstSeenAt",
  "lastSeenAt",
  "nickname",
  "email",
  "lastMessageAt",
  "lastMessage",
  "lastMessageFrom",
  "lastAppliedId",
  "appliedBy",
  "unreadBefore",
  "lastVisitorMessageId",
  "lastVisitorMessageAt",
  "visitorSeenUpTo",
  "visitorSeenAt",
  "ownerSeenUpTo",
  "ownerSeenAt",
  "lastPageTitle",
  "referrer",
  "language",
  "timeZone",
  "messageCount",
  "unread",
  "inboxPk",
  "inboxSk",
  "unreadPk",
  "unreadSk",
  "notifiedAt",
  "notifiedFor",
  "lastPageUrl",
  "emailUnsubscribedAt",
] as const satisfies readonly (keyof HeadItem)[];

/** Compiles only for `never`: here, when every head attribute is either removed by a delete or kept. */
type Never<T extends never> = T;
type _EveryHeadAttributeDecided = Never<
  Exclude<keyof HeadItem, (typeof clearedHeadAttributes)[number] | "pk" | "sk" | "visitorId" | "blocked" | "clearedAt">
>;

/**
 * The `sentAt` of the conversation's newest stored message, 0 without any (a delete mark, which
 * has none, is newer than the messages below it).
 */
async function newestMessageAt(table: Table, visitorId: string): Promise<number> {
  const entry = await newestEntry(table, visitorId);
  return entry && !isMark(entry) ? entry.sentAt : 0;
}

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });

/**
 * The chat's store (backend/chat/ports.ts) on one DynamoDB table (real DynamoDB on AWS, dynalite on
 * a laptop and in tests): one store per aggregate, sharing one document client; a conversation's
 * delete and the claim of its owner notification are still here.
 */
export class DynamoChatStore implements ChatStore {
  readonly table: Table;
  readonly connections: DynamoConnectionStore;
  readonly counters: DynamoCounters;
  readonly signIns: DynamoSignIns;
  readonly notifications: DynamoNotificationLog;
  readonly replyEmails: DynamoReplyEmailStore;
  readonly pushDevices: DynamoPushDevices;
  readonly unreadTotal: DynamoUnreadTotal;
  readonly inbox: DynamoInbox;
  readonly blocks: DynamoBlocks;
  readonly heads: DynamoHeads;
  readonly messages: DynamoMessages;

  constructor(options: StoreOptions) {
    const table = new Table(tableClient(options.client), options.tableName);
    this.table = table;
    this.connections = new DynamoConnectionStore(table);
    this.counters = new DynamoCounters(table);
    this.signIns = new DynamoSignIns(table);
    this.notifications = new DynamoNotificationLog(table);
    this.replyEmails = new DynamoReplyEmailStore(table);
    this.pushDevices = new DynamoPushDevices(table);
    this.unreadTotal = new DynamoUnreadTotal(table);
    this.inbox = new DynamoInbox(table);
    this.blocks = new DynamoBlocks(table);
    this.messages = new DynamoMessages(table);
    this.heads = new DynamoHeads(table, { unreadTotal: this.unreadTotal, replyEmails: this.replyEmails });
  }

  /**
   * Stamps `notifiedAt` on the head for `messageId`, conditional on the previous stamp being older
   * than `quietSinceMs`: however many messages race for it, one per quiet period wins. A claim
   * whose answer was lost and that the SDK retried finds its own stamp, and still wins.
   */
  async claimNotification(visitorId: string, messageId: string, nowMs: number, quietSinceMs: number): Promise<boolean> {
    const written = await this.table.updateIf<HeadItem>(
      {
        Key: headKey(visitorId),
        UpdateExpression: "SET notifiedAt = :now, notifiedFor = :id",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(notifiedAt) OR notifiedAt < :quietSince)",
        ExpressionAttributeValues: { ":now": nowMs, ":id": messageId, ":quietSince": quietSinceMs },
      },
      { existing: true },
    );
    return written.ok || written.existing?.notifiedFor === messageId;
  }

  /**
   * Deletes a conversation for every reader at once, whatever its size, in a bounded number of
   * writes: a mark in its timeline hides every message sent at or before `clearedAt`, and its head
   * is reset (the visitor's details, the inbox row and counts go; `clearedAt` stays, so a message
   * from before it can never be applied again). The messages themselves are erased later by
   * `sweepClearedMessages`. The mark is written first: a delete that dies halfway leaves the
   * messages hidden and the conversation still there to delete again.
   *
   * Returns null when there is no head at all; `cleared: false` when the conversation was already
   * deleted (nothing to erase, but a sweep may still be due); otherwise the visitor's connections.
   */
  async clearConversation(visitorId: string, nowMs: number): Promise<ClearOutcome | null> {
    const markKey = { pk: keys.conversationPk(visitorId), sk: keys.clearedSk };
    // The head, and the newest message stored: a message is stored before it is applied, and
    // messages can be applied out of order (the head's `lastMessageAt` is the last applied, not
    // the newest), so the newest stored one says how far the mark must go.
    let [head, newestAt] = await Promise.all([this.table.get<HeadItem>(headKey(visitorId)), newestMessageAt(this.table, visitorId)]);
    // No conversation ever, or only a block set before the visitor wrote.
    if (!head) return null;
    if (!isLiveHead(head)) {
      return typeof head.clearedAt === "number" ? { cleared: false, clearedAt: head.clearedAt, visitorConnections: [] } : null;
    }
    let markedAt = 0;
    for (let attempt = 1; ; attempt++) {
      // After every message stored or applied so far (even one stamped by a host whose clock runs
      // ahead) and after any earlier delete: the mark and `clearedAt` only ever move forward.
      const clearedAt = Math.max(nowMs, newestAt + 1, (head.lastMessageAt ?? 0) + 1, (head.clearedAt ?? 0) + 1, markedAt + 1);
      const { lastAppliedId } = head;
      const later = "attribute_not_exists(clearedAt) OR clearedAt < :clearedAt";
      const marked = await this.table.putIf<ClearedMarkItem>({
        Item: { ...markKey, lsk: keys.clearedLsk(clearedAt), visitorId, clearedAt },
        ConditionExpression: later,
        ExpressionAttributeValues: { ":clearedAt": clearedAt },
      });
      const reset =
        marked.ok &&
        (await this.table.updateIf<HeadItem>({
          Key: headKey(visitorId),
          // Every attribute by name: some ("language", "timeZone") are reserved words.
          UpdateExpression: `SET clearedAt = :clearedAt REMOVE ${clearedHeadAttributes.map(attributeName).join(", ")}`,
          // A message applied, or another delete, since the head was read moves the mark past it.
          ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(lastMessageAt) OR lastMessageAt < :clearedAt) AND (${later}) AND ${
            lastAppliedId === undefined ? "attribute_not_exists(lastAppliedId)" : "lastAppliedId = :lastAppliedId"
          }`,
          ExpressionAttributeNames: Object.fromEntries(clearedHeadAttributes.map((name) => [attributeName(name), name])),
          ExpressionAttributeValues: {
            ":clearedAt": clearedAt,
            ...(lastAppliedId === undefined ? {} : { ":lastAppliedId": lastAppliedId }),
          },
          ReturnValues: "ALL_OLD",
        }));
      if (reset && reset.ok) {
        const [visitorConnections] = await Promise.all([
          this.connections.visitorConnections(visitorId, nowMs),
          this.unreadTotal.add(visitorId, -(reset.output.Attributes?.unread ?? 0)),
        ]);
        return { cleared: true, clearedAt, visitorConnections };
      }
      if (attempt === 10) throw new Error(`the conversation of ${visitorId} was not cleared: every attempt raced another write`);
      // Rare (a race): read them again and go past what they say.
      const [headNow, mark, newestNow] = await Promise.all([
        this.table.get<HeadItem>(headKey(visitorId)),
        this.table.get<ClearedMarkItem>(markKey),
        newestMessageAt(this.table, visitorId),
      ]);
      head = headNow ?? head;
      newestAt = newestNow;
      markedAt = mark?.clearedAt ?? markedAt;
    }
  }
}
