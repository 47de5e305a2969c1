import { type HeadSummary, summaryOf } from "../chat/head.ts";
import type { Inbox, Page } from "../chat/ports.ts";
import { limits } from "#protocol";
import { inboxCursor, parseInboxCursor } from "./cursors.ts";
import { type LiveHeadItem, toHead } from "./items.ts";
import { keys, paddedMs } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/** The owner's inbox: the `inbox` index, which holds each live head by its last activity. */
export class DynamoInbox implements Inbox {
  constructor(private readonly table: Table) {}

  async page(cursor: string | undefined): Promise<Page<HeadSummary>> {
    const output = await this.rows(limits.inboxPageSize, cursor);
    const entries = (output.Items ?? []).map((item) => ({ item: summaryOf(toHead(item)), cursor: inboxCursor(item) }));
    return { entries, more: output.LastEvaluatedKey !== undefined };
  }

  /** The inbox index's first row (eventually consistent, as every read of a global index). */
  async newestActivity(): Promise<{ visitorId: string; lastMessageAt: number } | null> {
    const output = await this.rows(1, undefined);
    const item = output.Items?.[0];
    if (!item) return null;
    const { visitorId, lastMessageAt } = summaryOf(toHead(item));
    return { visitorId, lastMessageAt };
  }

  async idleBefore(beforeMs: number, limit: number): Promise<{ visitorIds: string[]; more: boolean }> {
    // A row's key starts with its last message's time: every key below the bare time is older.
    const output = await this.table.query<LiveHeadItem>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox AND inboxSk < :before",
      ExpressionAttributeValues: { ":inbox": keys.inboxPk, ":before": paddedMs(beforeMs) },
      ScanIndexForward: true,
      Limit: limit,
    });
    return { visitorIds: (output.Items ?? []).map((item) => item.visitorId), more: output.LastEvaluatedKey !== undefined };
  }

  /** Up to `limit` rows of the inbox index, newest activity first, after the `cursor`. */
  private rows(limit: number, cursor: string | undefined) {
    return this.table.query<LiveHeadItem>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox",
      ExpressionAttributeValues: { ":inbox": keys.inboxPk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor === undefined ? undefined : parseInboxCursor(cursor),
    });
  }
}
