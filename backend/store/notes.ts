import type { Notes, Page } from "../chat/ports.ts";
import type { PrivateNote } from "#protocol";
import { historyCursor, parseHistoryCursor } from "./cursors.ts";
import type { NoteItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";
import { timelineIndex } from "./timeline.ts";

const toNote = (item: Pick<NoteItem, "id" | "visitorId" | "text" | "sentAt">): PrivateNote => ({
  id: item.id,
  visitorId: item.visitorId,
  text: item.text,
  writtenAt: item.sentAt,
});

/**
 * The owner's private notes (docs/data-model.md, "Items"): in the conversation's partition, and in
 * its timeline below every message, so that nothing that reads messages (the visitor's `list`,
 * reply emails, the watermark) can meet one. A delete's sweep erases them (messages.ts).
 */
export class DynamoNotes implements Notes {
  constructor(private readonly table: Table) {}

  async add(note: PrivateNote): Promise<PrivateNote> {
    const item: NoteItem = {
      pk: keys.conversationPk(note.visitorId),
      sk: keys.noteSk(note.id),
      lsk: keys.noteLsk(note.writtenAt, note.id),
      id: note.id,
      visitorId: note.visitorId,
      text: note.text,
      sentAt: note.writtenAt,
    };
    const written = await this.table.putIf<NoteItem>({ Item: item, ConditionExpression: "attribute_not_exists(pk)" }, { existing: true });
    return written.ok || !written.existing ? note : toNote(written.existing);
  }

  async page(visitorId: string, before: string | undefined, limit: number): Promise<Page<PrivateNote>> {
    const position = before === undefined ? undefined : parseHistoryCursor(before);
    const output = await this.table.query<NoteItem>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPk(visitorId),
        ":lower": keys.beforeNotesLsk,
        ":upper": position ? keys.noteLsk(position.sentAt, position.id) : keys.afterNotesLsk,
      },
      ScanIndexForward: false,
      // One more to tell whether there are more, and one for the cursor's own note.
      Limit: limit + 2,
      ConsistentRead: true,
    });
    // BETWEEN is inclusive: the cursor's own note is not in the page.
    const older = (output.Items ?? []).filter((item) => !position || item.id !== position.id);
    const entries = older
      .slice(0, limit)
      .reverse()
      .map((item) => ({ item: toNote(item), cursor: historyCursor(item) }));
    return { entries, more: older.length > limit };
  }
}
