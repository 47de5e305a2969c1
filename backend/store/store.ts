import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type {
  ApplyOutcome,
  ChatStore,
  ClearOutcome,
  ConversationHead,
  Page,
  PutOutcome,
  SendContext,
  VisitorContext,
} from "../chat/ports.ts";
import type { SweepProgress, SweepStore } from "../jobs/jobs.ts";
import type { ChatMessage } from "#protocol";
import { DynamoBlocks } from "./blocks.ts";
import { DynamoConnectionStore } from "./connections.ts";
import { DynamoCounters, DynamoSignIns } from "./counters.ts";
import { historyCursor, parseHistoryCursor } from "./cursors.ts";
import { DynamoHeads } from "./heads.ts";
import { DynamoInbox } from "./inbox.ts";
import {
  type ClearedMarkItem,
  type HeadItem,
  isLive,
  isLiveHead,
  isMark,
  isVisitorBinding,
  type MessageItem,
  preview,
  type TimelineBinding,
  type TimelineBlock,
  type TimelineHead,
  type TimelineMark,
  type TimelineMessage,
  toHead,
  toMessage,
  toPage,
} from "./items.ts";
import { keys } from "./keys.ts";
import { DynamoNotificationLog } from "./notifications.ts";
import { DynamoPushDevices } from "./push-devices.ts";
import { DynamoReplyEmailStore } from "./reply-emails.ts";
import type { tableDefinition } from "./table.ts";
import { attributeName, Table, tableClient } from "./table-client.ts";
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

/** Messages a sweep reads per query: four BatchWriteItems' worth. */
const sweepPageSize = 100;

const timelineIndex: keyof typeof tableDefinition.localIndexes = "timeline";

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });

/**
 * The chat's store (backend/chat/ports.ts) on one DynamoDB table (real DynamoDB on AWS, dynalite on
 * a laptop and in tests). Conversations and messages are here; connections, the limits' counters,
 * the owner's sign-ins and notification windows have their own stores.
 */
export class DynamoChatStore implements ChatStore, SweepStore {
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
    this.heads = new DynamoHeads(table, { unreadTotal: this.unreadTotal, replyEmails: this.replyEmails });
  }

  /**
   * One query of the conversation's timeline past its messages: connections, the head (while the
   * conversation exists: a cleared head is not in the timeline), a block.
   */
  async sendContext(visitorId: string, nowMs: number): Promise<SendContext> {
    const nowS = Math.floor(nowMs / 1000);
    const items = await this.table.queryAll<TimelineHead | TimelineBlock | TimelineBinding>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk > :afterMessages",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":afterMessages": keys.afterMessagesLsk },
    });
    const context: SendContext = { conversationExists: false, blocked: false, visitorConnections: [] };
    for (const item of items) {
      if (item.sk === keys.headSk) context.conversationExists = true;
      else if (item.sk === keys.blockSk) context.blocked = true;
      else if (isVisitorBinding(item) && isLive(item, nowS)) context.visitorConnections.push(item.connectionId);
    }
    return context;
  }

  /**
   * Stores a message unless one with the same id is already in the conversation; then the stored
   * one is returned, with whether its effects on the conversation were already applied.
   */
  async putMessage(message: ChatMessage): Promise<PutOutcome> {
    const key = { pk: keys.conversationPk(message.visitorId), sk: keys.messageSk(message.id) };
    const written = await this.table.putIf<MessageItem>(
      { Item: { ...key, lsk: keys.messageLsk(message.sentAt, message.id), ...message }, ConditionExpression: "attribute_not_exists(pk)" },
      { existing: true },
    );
    if (written.ok) return { created: true };
    const item = written.existing;
    if (!item) throw new Error(`message ${message.id} vanished between its put and its read`);
    return { created: false, existing: toMessage(item), applied: item.applied !== undefined };
  }

  /** Removes a message that was refused after it was stored (never one that was applied). */
  async deleteUnappliedMessage(message: ChatMessage): Promise<void> {
    await this.table.deleteIf({
      Key: { pk: keys.conversationPk(message.visitorId), sk: keys.messageSk(message.id) },
      ConditionExpression: "attribute_not_exists(applied)",
    });
  }

  /**
   * Applies a stored message to its conversation head: last message, inbox position, unread count.
   * The condition on `lastAppliedId` makes concurrent and retried copies apply it once. A message
   * sent at or before the conversation was cleared (a delete raced it) is not applied, nor is an
   * owner's message to a conversation that does not exist: the head never comes back with old
   * messages. A visitor's message after a delete starts the conversation afresh. A visitor's
   * message also records where the visitor is (the page it was written on, and their referrer,
   * language and time zone), in the same update: no request or write unit more.
   */
  async applyMessage(message: ChatMessage, visitor: VisitorContext = {}): Promise<ApplyOutcome> {
    const fromVisitor = message.from === "visitor";
    const set = [
      "visitorId = :v",
      "firstSeenAt = if_not_exists(firstSeenAt, :t)",
      "lastMessageAt = :t",
      "lastMessage = :preview",
      "lastMessageFrom = :from",
      "lastAppliedId = :id",
      // Which request applied it, and the count before: a retry of this very request after a lost
      // answer fails the condition, finds its own token, and still knows what the count changed by.
      "appliedBy = :token",
      "unreadBefore = if_not_exists(unread, :zero)",
      "lsk = :lsk",
      "inboxPk = :inboxPk",
      "inboxSk = :inboxSk",
    ];
    const values: Record<string, unknown> = {
      ":v": message.visitorId,
      ":t": message.sentAt,
      ":preview": preview(message.text),
      ":from": message.from,
      ":id": message.id,
      ":lsk": keys.headLsk,
      ":inboxPk": keys.inboxPk,
      ":inboxSk": keys.inboxSk(message.sentAt, message.visitorId),
      ":one": 1,
      ":zero": 0,
      ":token": randomUUID(),
    };
    let update: string;
    const names: Record<string, string> = {};
    // Where the visitor is: only what this message says (an absent or empty field keeps the last one).
    const whereabouts: Partial<ConversationHead> = {
      // The page's title goes with it (empty without one: a stored title never outlives its page).
      ...(message.page ? { lastPageUrl: message.page.url, lastPageTitle: message.page.title ?? "" } : {}),
      ...(visitor.referrer ? { referrer: visitor.referrer } : {}),
      ...(visitor.language ? { language: visitor.language } : {}),
      ...(visitor.timeZone ? { timeZone: visitor.timeZone } : {}),
    };
    if (fromVisitor) {
      set.push("lastSeenAt = :t", "lastVisitorMessageId = :id", "lastVisitorMessageAt = :t");
      for (const [field, value] of Object.entries(whereabouts)) {
        set.push(`${attributeName(field)} = :${field}`);
        names[attributeName(field)] = field;
        values[`:${field}`] = value;
      }
      update = `SET ${set.join(", ")} ADD messageCount :one, unread :one`;
    } else {
      set.push("lastSeenAt = if_not_exists(lastSeenAt, :t)", "unread = :zero");
      // unreadPk/unreadSk: the keys of the unread index of an older Porch, gone with its count.
      update = `SET ${set.join(", ")} ADD messageCount :one REMOVE unreadPk, unreadSk`;
    }
    const written = await this.table.updateIf<HeadItem>(
      {
        Key: headKey(message.visitorId),
        UpdateExpression: update,
        ConditionExpression: [
          "(attribute_not_exists(lastAppliedId) OR lastAppliedId <> :id)",
          "(attribute_not_exists(clearedAt) OR clearedAt < :t)",
          ...(fromVisitor ? [] : ["attribute_exists(firstSeenAt)"]),
        ].join(" AND "),
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        // The new head is derived from the old one below: ALL_NEW would cost the same, but the
        // old item is what a caller needs to tell what changed.
        ReturnValues: "ALL_OLD",
      },
      { existing: true },
    );
    if (!written.ok) {
      const stored = written.existing;
      // Which condition failed: a delete at or after the message, no conversation for an owner's
      // message, or else the message was already applied (by a copy, or by this very request).
      const clearedSince = typeof stored?.clearedAt === "number" && stored.clearedAt >= message.sentAt;
      if (!stored || clearedSince || (!fromVisitor && !isLiveHead(stored))) return { outcome: "cleared" };
      if (stored.lastAppliedId !== message.id || stored.appliedBy !== values[":token"] || !isLiveHead(stored)) {
        return { outcome: "already" };
      }
      // This request applied it; only its answer was lost.
      const unreadBefore = stored.unreadBefore ?? 0;
      return { outcome: "applied", head: toHead(stored), unreadChange: fromVisitor ? 1 : -unreadBefore };
    }
    const old = written.output.Attributes;
    const before = old && isLiveHead(old) ? toHead(old) : null;
    const head: ConversationHead = {
      ...(before ?? { visitorId: message.visitorId, firstSeenAt: message.sentAt, blocked: old?.blocked === true }),
      lastSeenAt: fromVisitor ? message.sentAt : (before?.lastSeenAt ?? message.sentAt),
      lastMessageAt: message.sentAt,
      lastMessage: preview(message.text),
      lastMessageFrom: message.from,
      unread: fromVisitor ? (before?.unread ?? 0) + 1 : 0,
      messageCount: (before?.messageCount ?? 0) + 1,
      ...(fromVisitor ? { lastVisitorMessageId: message.id, lastVisitorMessageAt: message.sentAt, ...whereabouts } : {}),
    };
    return { outcome: "applied", head, unreadChange: head.unread - (before?.unread ?? 0) };
  }

  /**
   * Marks a message as applied, with a token of the caller's, unless a copy of it already did.
   * Returns whether this caller's token is the one stored: exactly one copy of a message wins,
   * even when the SDK retries this very request after its answer was lost (the condition then
   * fails on the caller's own token, which it recognises). The winner pushes the message.
   */
  async claimMessage(message: ChatMessage, claim: string): Promise<boolean> {
    const written = await this.table.updateIf<MessageItem>(
      {
        Key: { pk: keys.conversationPk(message.visitorId), sk: keys.messageSk(message.id) },
        UpdateExpression: "SET applied = :claim",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(applied)",
        ExpressionAttributeValues: { ":claim": claim },
      },
      { existing: true },
    );
    return written.ok || written.existing?.applied === claim;
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
   * A page of history, oldest first, of messages before the `before` cursor, and none from before
   * a delete's mark. The first page's range ends above every message, so the newest mark is in it;
   * a page from a cursor reads the mark alongside (the cursor may be older than the mark). Reads
   * are consistent, so nothing a delete hid is read once it has answered.
   */
  async history(visitorId: string, before: string | undefined, limit: number, withPages = false): Promise<Page<ChatMessage>> {
    const position = before === undefined ? undefined : parseHistoryCursor(before);
    const upper = position ? keys.messageLsk(position.sentAt, position.id) : keys.afterMessagesLsk;
    const [output, markLsk] = await Promise.all([
      this.table.query<TimelineMessage | TimelineMark>({
        IndexName: timelineIndex,
        KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
        ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":lower": keys.beforeMessagesLsk, ":upper": upper },
        ScanIndexForward: false,
        Limit: limit + 2,
        ConsistentRead: true,
      }),
      position ? this.clearedMark(visitorId) : undefined,
    ]);
    const items: TimelineMessage[] = [];
    let reachedMark = false;
    for (const item of output.Items ?? []) {
      if (item.lsk === upper) continue; // BETWEEN is inclusive: the cursor's own message
      if (isMark(item) || (markLsk !== undefined && item.lsk < markLsk)) {
        reachedMark = true;
        break;
      }
      items.push(item);
    }
    const messages = items.slice(0, limit).map(toMessage);
    if (withPages) await this.addPages(visitorId, messages);
    const entries = messages.map((message) => ({ item: message, cursor: historyCursor(message) })).reverse();
    // A query answers at most 1 MB: long messages can end it early, with a LastEvaluatedKey.
    const more = items.length > limit || (!reachedMark && output.LastEvaluatedKey !== undefined);
    return { entries, more };
  }

  /**
   * Reads the page each visitor message was written on, which the timeline index does not hold
   * (a local index's projection is fixed when the table is made), from the messages themselves:
   * one BatchGetItem per 100, eventually consistent (a message's page never changes once put).
   */
  private async addPages(visitorId: string, messages: ChatMessage[]): Promise<void> {
    const byId = new Map(messages.filter((message) => message.from === "visitor").map((message) => [message.id, message]));
    const stored = await this.table.getAll<Pick<MessageItem, "id" | "page">>(
      [...byId.keys()].map((id) => ({ pk: keys.conversationPk(visitorId), sk: keys.messageSk(id) })),
      { ProjectionExpression: "#id, #page", ExpressionAttributeNames: { "#id": "id", "#page": "page" } },
    );
    for (const item of stored) {
      const page = toPage(item.page);
      const message = byId.get(item.id);
      if (message && page) message.page = page;
    }
  }

  /** The `lsk` of the conversation's delete mark, if it was ever deleted (a consistent read). */
  private async clearedMark(visitorId: string): Promise<string | undefined> {
    const mark = await this.table.get<ClearedMarkItem>({ pk: keys.conversationPk(visitorId), sk: keys.clearedSk });
    return mark?.lsk;
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
    let [head, newestAt] = await Promise.all([this.table.get<HeadItem>(headKey(visitorId)), this.newestMessageAt(visitorId)]);
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
          this.visitorConnections(visitorId, nowMs),
          this.unreadTotal.add(visitorId, -(reset.output.Attributes?.unread ?? 0)),
        ]);
        return { cleared: true, clearedAt, visitorConnections };
      }
      if (attempt === 10) throw new Error(`the conversation of ${visitorId} was not cleared: every attempt raced another write`);
      // Rare (a race): read them again and go past what they say.
      const [headNow, mark, newestNow] = await Promise.all([
        this.table.get<HeadItem>(headKey(visitorId)),
        this.table.get<ClearedMarkItem>(markKey),
        this.newestMessageAt(visitorId),
      ]);
      head = headNow ?? head;
      newestAt = newestNow;
      markedAt = mark?.clearedAt ?? markedAt;
    }
  }

  /**
   * The newest item of the timeline's message range, one consistent query of one entry: a message,
   * or the mark of a delete (which sorts after every message it hides), or undefined.
   */
  private async newestEntry(visitorId: string): Promise<TimelineMessage | TimelineMark | undefined> {
    const output = await this.table.query<TimelineMessage | TimelineMark>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPk(visitorId),
        ":lower": keys.beforeMessagesLsk,
        ":upper": keys.afterMessagesLsk,
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return output.Items?.[0];
  }

  /**
   * The `sentAt` of the conversation's newest stored message, 0 without any (a delete mark, which
   * has none, is newer than the messages below it).
   */
  private async newestMessageAt(visitorId: string): Promise<number> {
    const entry = await this.newestEntry(visitorId);
    return entry && !isMark(entry) ? entry.sentAt : 0;
  }

  /** The visitor's live connections, from the timeline. */
  async visitorConnections(visitorId: string, nowMs: number): Promise<string[]> {
    const nowS = Math.floor(nowMs / 1000);
    const items = await this.table.queryAll<TimelineBinding>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND begins_with(lsk, :connections)",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":connections": keys.visitorBindingLsk("") },
    });
    return items.filter((item) => isLive(item, nowS)).map((item) => item.connectionId);
  }

  /**
   * Erases up to about `maxItems` messages that a delete's mark hides, sent at or before
   * `clearedAt` (and never past the mark itself), in batches; `done` once none is left. Safe to run
   * twice, concurrently, or after a crash: each run starts from whatever is still there.
   */
  async sweepClearedMessages(visitorId: string, clearedAt: number, maxItems: number): Promise<SweepProgress> {
    const markLsk = await this.clearedMark(visitorId);
    if (markLsk === undefined) return { deleted: 0, done: true };
    const bound = [markLsk, keys.clearedLsk(clearedAt)].sort()[0]!;
    let deleted = 0;
    while (deleted < maxItems) {
      const output = await this.table.query<Pick<MessageItem, "pk" | "sk">>({
        IndexName: timelineIndex,
        KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :bound",
        ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":lower": keys.beforeMessagesLsk, ":bound": bound },
        ProjectionExpression: "pk, sk",
        Limit: sweepPageSize,
        ConsistentRead: true,
      });
      const messages = (output.Items ?? []).filter((item) => item.sk !== keys.clearedSk);
      await this.table.deleteAll(messages);
      deleted += messages.length;
      if (output.LastEvaluatedKey === undefined) return { deleted, done: true };
    }
    return { deleted, done: false };
  }

  /**
   * The newest item of the timeline's message range, one query of one item: a message, or the
   * mark of a delete, after which nothing older is readable. Consistent, so a message whose `sent`
   * a client has seen is in it.
   */
  async newestMessage(visitorId: string): Promise<{ id: string; sentAt: number } | null> {
    const item = await this.newestEntry(visitorId);
    return item && !isMark(item) ? { id: item.id, sentAt: item.sentAt } : null;
  }
}
