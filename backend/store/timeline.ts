import type { ClearedMarkItem, TimelineMark, TimelineMessage } from "./items.ts";
import { keys } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";

/*
 * Reads of one conversation's timeline (the `timeline` index: its messages in server order, a
 * delete's mark among them) that messages and deletes share.
 */

export const timelineIndex: keyof typeof tableDefinition.localIndexes = "timeline";

/**
 * The newest item of the timeline's message range, one consistent query of one entry: a message,
 * or the mark of a delete (which sorts after every message it hides), or undefined.
 */
export async function newestEntry(table: Table, visitorId: string): Promise<TimelineMessage | TimelineMark | undefined> {
  const output = await table.query<TimelineMessage | TimelineMark>({
    IndexName: timelineIndex,
    KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
    ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":lower": keys.beforeMessagesLsk, ":upper": keys.afterMessagesLsk },
    ScanIndexForward: false,
    Limit: 1,
    ConsistentRead: true,
  });
  return output.Items?.[0];
}

/** The `lsk` of the conversation's delete mark, if it was ever deleted (a consistent read). */
export async function clearedMarkLsk(table: Table, visitorId: string): Promise<string | undefined> {
  const mark = await table.get<ClearedMarkItem>({ pk: keys.conversationPk(visitorId), sk: keys.clearedSk });
  return mark?.lsk;
}
