import { type HeadSummary, summaryOf } from "../chat/head.ts";
import type { Inbox, InboxView, Page } from "../chat/ports.ts";
import { limits } from "#protocol";
import { inboxCursor, parseInboxCursor } from "./cursors.ts";
import { type LiveHeadItem, toHead } from "./items.ts";
import { keys, paddedMs } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/**
 * How many rows of the open partition an Unread page reads at most, looking for unread ones: a
 * page may come back short (or empty) with a cursor, and the inbox asks on.
 */
const unreadReadRows = 200;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const entryOf = (item: LiveHeadItem) => ({ item: summaryOf(toHead(item)), cursor: inboxCursor(item) });

/**
 * The owner's inbox: the `inbox` index, which holds each live head by its last activity, in one
 * partition per status (keys.inboxStatusPk).
 */
export class DynamoInbox implements Inbox {
  constructor(private readonly table: Table) {}

  async page(view: InboxView, cursor: string | undefined): Promise<Page<HeadSummary>> {
    const inboxPk = keys.inboxStatusPk(view.status);
    let startKey = cursor === undefined ? undefined : parseInboxCursor(cursor, inboxPk);
    if (!view.unreadOnly) {
      const output = await this.rows(inboxPk, limits.inboxPageSize, startKey, false);
      return { entries: (output.Items ?? []).map(entryOf), more: output.LastEvaluatedKey !== undefined };
    }
    // The Unread view reads the open rows newest first and keeps the unread ones (a filter does not
    // lower what a query reads), until a page is full or `unreadReadRows` were read.
    const entries: Page<HeadSummary>["entries"] = [];
    let rowsRead = 0;
    do {
      const output = await this.rows(inboxPk, unreadReadRows / 4, startKey, true);
      rowsRead += output.ScannedCount ?? 0;
      for (const item of output.Items ?? []) {
        if (entries.length === limits.inboxPageSize) return { entries, more: true };
        entries.push(entryOf(item));
      }
      startKey = output.LastEvaluatedKey;
    } while (startKey && rowsRead < unreadReadRows);
    if (!startKey) return { entries, more: false };
    // Continue past the last row read, which may be past the last one kept.
    const last = startKey as { pk: string; inboxSk: string };
    return { entries, more: true, next: inboxCursor({ visitorId: keys.visitorIdOf(last.pk), inboxSk: last.inboxSk }) };
  }

  /** The Open view's first row (eventually consistent, as every read of a global index). */
  async newestActivity(): Promise<{ visitorId: string; lastMessageAt: number } | null> {
    const output = await this.rows(keys.inboxStatusPk("open"), 1, undefined, false);
    const item = output.Items?.[0];
    if (!item) return null;
    const { visitorId, lastMessageAt } = summaryOf(toHead(item));
    return { visitorId, lastMessageAt };
  }

  async idleBefore(beforeMs: number, limit: number): Promise<{ visitorIds: string[]; more: boolean }> {
    // Open and done conversations age alike: the oldest of both partitions, merged.
    const [open, done] = await Promise.all([
      this.idleRows(keys.inboxStatusPk("open"), beforeMs, limit),
      this.idleRows(keys.inboxStatusPk("done"), beforeMs, limit),
    ]);
    const items = [...(open.Items ?? []), ...(done.Items ?? [])].sort((a, b) => byKey(a.inboxSk ?? "", b.inboxSk ?? ""));
    const more = open.LastEvaluatedKey !== undefined || done.LastEvaluatedKey !== undefined || items.length > limit;
    return { visitorIds: items.slice(0, limit).map((item) => item.visitorId), more };
  }

  /** Up to `limit` rows of one partition of the inbox index whose last message was sent before `beforeMs`, oldest first. */
  private idleRows(inboxPk: string, beforeMs: number, limit: number) {
    // A row's key starts with its last message's time: every key below the bare time is older.
    return this.table.query<LiveHeadItem>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox AND inboxSk < :before",
      ExpressionAttributeValues: { ":inbox": inboxPk, ":before": paddedMs(beforeMs) },
      ScanIndexForward: true,
      Limit: limit,
    });
  }

  /** Up to `limit` rows of one partition of the inbox index, newest activity first, after `startKey`. */
  private rows(inboxPk: string, limit: number, startKey: Record<string, unknown> | undefined, unreadOnly: boolean) {
    return this.table.query<LiveHeadItem>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox",
      ...(unreadOnly ? { FilterExpression: "unread > :zero" } : {}),
      ExpressionAttributeValues: { ":inbox": inboxPk, ...(unreadOnly ? { ":zero": 0 } : {}) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
  }
}
