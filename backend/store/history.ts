import type { HistoryBounds, Page } from "../chat/ports.ts";
import type { ChatMessage } from "#protocol";
import { historyCursor, parseHistoryCursor } from "./cursors.ts";
import { isMark, type MessageItem, type TimelineMark, type TimelineMessage, toMessage, toPage } from "./items.ts";
import { itemBytes, messageEntryMaxBytes, messageExtraMaxBytes, readUnitBytes } from "./item-size.ts";
import { keys } from "./keys.ts";
import type { Item, Table } from "./table-client.ts";
import { clearedMarkLsk, timelineIndex } from "./timeline.ts";

/**
 * A page of history, oldest first, of messages before the `before` cursor, and none from before
 * a delete's mark. The first page's range ends above every message, so the newest mark is in it;
 * a page from a cursor reads the mark alongside (the cursor may be older than the mark). Reads
 * are consistent, so nothing a delete hid is read once it has answered.
 *
 * The timeline is read newest first in small batches, each no larger than what is left of
 * `readBytes` would hold if every message in it were as long as a message can be, and one more:
 * so however long the messages are, the page reads at most `readBytes` and one message (and each
 * query's rounding up to a read unit). The one more says whether older messages exist. A batch
 * of short messages leaves room for the next, which reads on until `limit` or `readBytes`.
 */
export async function historyPage(
  table: Table,
  visitorId: string,
  before: string | undefined,
  { limit, readBytes, withPages }: HistoryBounds,
): Promise<Page<ChatMessage>> {
  const position = before === undefined ? undefined : parseHistoryCursor(before);
  const markLsk = position ? clearedMarkLsk(table, visitorId) : undefined;
  const costOf = (item: TimelineMessage) => readCost(item, withPages);
  const worstCost = withPages ? readCost(undefined, true) : messageEntryMaxBytes;
  const taken: TimelineMessage[] = [];
  let spent = 0;
  // The cursor's message itself is where the query starts, exclusively.
  let startKey: Item | undefined = position && {
    pk: keys.conversationPk(visitorId),
    sk: keys.messageSk(position.id),
    lsk: keys.messageLsk(position.sentAt, position.id),
  };
  for (;;) {
    const batch = Math.min(limit - taken.length, Math.floor((readBytes - spent) / worstCost)) + 1;
    const [output, mark] = await Promise.all([
      table.query<TimelineMessage | TimelineMark>({
        IndexName: timelineIndex,
        KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
        ExpressionAttributeValues: {
          ":pk": keys.conversationPk(visitorId),
          ":lower": keys.beforeMessagesLsk,
          ":upper": keys.afterMessagesLsk,
        },
        ScanIndexForward: false,
        Limit: batch,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
      markLsk,
    ]);
    for (const item of output.Items ?? []) {
      // The end of the conversation as it now stands: no more.
      if (isMark(item) || (mark !== undefined && item.lsk < mark)) return finish(table, visitorId, taken, false, withPages);
      const cost = costOf(item);
      // A message past the page: there is more.
      if (taken.length === limit || (taken.length > 0 && spent + cost > readBytes)) return finish(table, visitorId, taken, true, withPages);
      taken.push(item);
      spent += cost;
    }
    if (!output.LastEvaluatedKey) return finish(table, visitorId, taken, false, withPages);
    startKey = output.LastEvaluatedKey;
  }
}

/**
 * What reading a message costs the page, in bytes of consistent reads: its timeline entry, and
 * for a visitor message whose page is wanted, the eventually consistent read of the whole item
 * (`undefined`: the longest message there can be).
 */
function readCost(item: TimelineMessage | undefined, withPages: boolean): number {
  const entry = item ? itemBytes(item) : messageEntryMaxBytes;
  if (!withPages || item?.from === "owner") return entry;
  const units = Math.ceil((entry + messageExtraMaxBytes) / readUnitBytes);
  return entry + (units * readUnitBytes) / 2;
}

async function finish(
  table: Table,
  visitorId: string,
  items: TimelineMessage[],
  more: boolean,
  withPages: boolean,
): Promise<Page<ChatMessage>> {
  const messages = items.map(toMessage);
  if (withPages) await addPages(table, visitorId, messages);
  const entries = messages.map((message) => ({ item: message, cursor: historyCursor(message) })).reverse();
  return { entries, more };
}

/**
 * Reads the page each visitor message was written on, which the timeline index does not hold
 * (a local index's projection is fixed when the table is made), from the messages themselves:
 * one BatchGetItem per 100, eventually consistent (a message's page never changes once put).
 */
async function addPages(table: Table, visitorId: string, messages: ChatMessage[]): Promise<void> {
  const byId = new Map(messages.filter((message) => message.from === "visitor").map((message) => [message.id, message]));
  if (byId.size === 0) return;
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
