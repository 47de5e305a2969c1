import type { ApplyOutcome, HistoryBounds, Messages, Page, PutOutcome, SendContext, VisitorContext } from "../chat/ports.ts";
import type { SweepProgress, SweepStore } from "../jobs/jobs.ts";
import type { ChatMessage } from "#protocol";
import { applyMessage } from "./apply-message.ts";
import { historyPage } from "./history.ts";
import {
  isLive,
  isMark,
  isVisitorBinding,
  type HeadItem,
  type MessageItem,
  type TimelineBinding,
  type TimelineBlock,
  type TimelineHead,
  type TimelineMark,
  toMessage,
} from "./items.ts";
import { erasedForeverAt, keys } from "./keys.ts";
import type { Table } from "./table-client.ts";
import { clearedMarkLsk, newestEntry, timelineIndex } from "./timeline.ts";

/** Messages a sweep reads per query: four BatchWriteItems' worth. */
const sweepPageSize = 100;

/**
 * Conversations' messages (docs/data-model.md, "Items" and "Exactly once"): each stored once by
 * its id, applied to its conversation's head once (apply-message.ts), claimed by one copy of the
 * `send`; read a page at a time (history.ts); erased by the sweep job after a delete.
 */
export class DynamoMessages implements Messages, SweepStore {
  constructor(private readonly table: Table) {}

  /**
   * One query of the conversation's timeline past its messages: connections, the head (while the
   * conversation exists: a cleared head is not in the timeline), a block.
   */
  async sendContext(visitorId: string, nowMs: number): Promise<SendContext> {
    const nowS = Math.floor(nowMs / 1000);
    // From the visitor's erase mark on (the end of time, after every message): what follows the messages.
    const items = await this.table.queryAll<TimelineHead | TimelineBlock | TimelineBinding | TimelineMark>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk >= :erasedMark",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":erasedMark": keys.clearedLsk(erasedForeverAt) },
    });
    const context: SendContext = { conversationExists: false, blocked: false, erased: false, visitorConnections: [] };
    for (const item of items) {
      if (item.sk === keys.headSk) context.conversationExists = true;
      else if (item.sk === keys.clearedSk) context.erased = true;
      else if (item.sk === keys.blockSk) context.blocked = true;
      else if (isVisitorBinding(item) && isLive(item, nowS)) context.visitorConnections.push(item.connectionId);
    }
    return context;
  }

  /**
   * Stores a message unless one with the same id is already in the conversation; then the stored
   * one is returned, with whether its effects on the conversation were already applied.
   */
  async put(message: ChatMessage): Promise<PutOutcome> {
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
  async deleteUnapplied(message: ChatMessage): Promise<void> {
    await this.table.deleteIf({
      Key: { pk: keys.conversationPk(message.visitorId), sk: keys.messageSk(message.id) },
      ConditionExpression: "attribute_not_exists(applied)",
    });
  }

  apply(message: ChatMessage, visitor: VisitorContext = {}): Promise<ApplyOutcome> {
    return applyMessage(this.table, message, visitor);
  }

  /**
   * Marks a message as applied, with a token of the caller's, unless a copy of it already did.
   * Returns whether this caller's token is the one stored: exactly one copy of a message wins,
   * even when the SDK retries this very request after its answer was lost (the condition then
   * fails on the caller's own token, which it recognises). The winner pushes the message.
   */
  async claim(message: ChatMessage, claim: string): Promise<boolean> {
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

  history(visitorId: string, before: string | undefined, bounds: HistoryBounds): Promise<Page<ChatMessage>> {
    return historyPage(this.table, visitorId, before, bounds);
  }

  /**
   * The newest item of the timeline's message range: a message, or the mark of a delete, after
   * which nothing older is readable. Consistent, so a message whose `sent` a client has seen is in it.
   */
  async newest(visitorId: string): Promise<{ id: string; sentAt: number } | null> {
    const item = await newestEntry(this.table, visitorId);
    return item && !isMark(item) ? { id: item.id, sentAt: item.sentAt } : null;
  }

  async count(visitorId: string): Promise<number> {
    const head = await this.table.get<Pick<HeadItem, "messageCount">>(
      { pk: keys.conversationPk(visitorId), sk: keys.headSk },
      "messageCount",
    );
    return head?.messageCount ?? 0;
  }

  /**
   * Erases up to about `maxItems` messages that a delete's mark hides, sent at or before
   * `clearedAt` (and never past the mark itself), and the owner's notes written by then, in
   * batches; `done` once none is left. Safe to run
   * twice, concurrently, or after a crash: each run starts from whatever is still there.
   */
  async sweepClearedMessages(visitorId: string, clearedAt: number, maxItems: number): Promise<SweepProgress> {
    const markLsk = await clearedMarkLsk(this.table, visitorId);
    if (markLsk === undefined) return { deleted: 0, done: true };
    const bound = [markLsk, keys.clearedLsk(clearedAt)].sort()[0]!;
    // The owner's notes written up to the delete first (they sort below the messages), then the messages.
    const notes = await this.sweepRange(visitorId, keys.beforeNotesLsk, keys.noteLsk(clearedAt, "~"), maxItems);
    if (!notes.done) return notes;
    const messages = await this.sweepRange(visitorId, keys.beforeMessagesLsk, bound, maxItems - notes.deleted);
    return { deleted: notes.deleted + messages.deleted, done: messages.done };
  }

  /** Erases up to about `maxItems` items of a range of the timeline (never a delete's mark). */
  private async sweepRange(visitorId: string, lower: string, bound: string, maxItems: number): Promise<SweepProgress> {
    let deleted = 0;
    while (deleted < maxItems) {
      const output = await this.table.query<Pick<MessageItem, "pk" | "sk">>({
        IndexName: timelineIndex,
        KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :bound",
        ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":lower": lower, ":bound": bound },
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
}
