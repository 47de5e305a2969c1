import type { Page } from "../chat/ports.ts";
import type { ChatMessage } from "#protocol";
import { historyCursor, parseHistoryCursor } from "./cursors.ts";
import { isMark, type MessageItem, type TimelineMark, type TimelineMessage, toMessage, toPage } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";
import { clearedMarkLsk, timelineIndex } from "./timeline.ts";

/**
 * A page of history, oldest first, of messages before the `before` cursor, and none from before
 * a delete's mark. The first page's range ends above every message, so the newest mark is in it;
 * a page from a cursor reads the mark alongside (the cursor may be older than the mark). Reads
 * are consistent, so nothing a delete hid is read once it has answered.
 */
export async function historyPage(
  table: Table,
  visitorId: string,
  { before, limit, withPages }: { before: string | undefined; limit: number; withPages: boolean },
): Promise<Page<ChatMessage>> {
  const position = before === undefined ? undefined : parseHistoryCursor(before);
  const upper = position ? keys.messageLsk(position.sentAt, position.id) : keys.afterMessagesLsk;
  const [output, markLsk] = await Promise.all([
    table.query<TimelineMessage | TimelineMark>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":lower": keys.beforeMessagesLsk, ":upper": upper },
      ScanIndexForward: false,
      Limit: limit + 2,
      ConsistentRead: true,
    }),
    position ? clearedMarkLsk(table, visitorId) : undefined,
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
  if (withPages) await addPages(table, visitorId, messages);
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
async function addPages(table: Table, visitorId: string, messages: ChatMessage[]): Promise<void> {
  const byId = new Map(messages.filter((message) => message.from === "visitor").map((message) => [message.id, message]));
  const stored = await table.getAll<Pick<MessageItem, "id" | "page">>(
    [...byId.keys()].map((id) => ({ pk: keys.conversationPk(visitorId), sk: keys.messageSk(id) })),
    { ProjectionExpression: "#id, #page", ExpressionAttributeNames: { "#id": "id", "#page": "page" } },
  );
  for (const item of stored) {
    const page = toPage(item.page);
    const message = byId.get(item.id);
    if (message && page) message.page = page;
  }
}
