import { summaryOf } from "../chat/head.ts";
import type { ExportEntry, Exports, Page } from "../chat/ports.ts";
import { type ExportPosition, exportCursor, parseExportCursor } from "./cursors.ts";
import {
  isLiveHead,
  isMark,
  type LiveHeadItem,
  type NoteItem,
  type TimelineMark,
  type TimelineMessage,
  toHead,
  toMessage,
} from "./items.ts";
import { headMaxBytes, itemBytes, messageEntryMaxBytes } from "./item-size.ts";
import { keys, paddedMs } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Item, Table } from "./table-client.ts";
import { timelineIndex } from "./timeline.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/** The inbox partitions an export goes through, in order. */
const statuses = ["open", "done"] as const;

/** Heads asked for at most per query: each conversation then costs a query of its timeline anyway. */
const headsPerQuery = 25;

/**
 * Timeline entries a query asks for at least, even when what is left of the page would hold
 * fewer of the longest: a page of short messages then reads a conversation in one query, not in
 * many that each cost a request and its rounding, and a page of the longest reads no more than
 * this many past its room (docs/data-model.md, "Exports").
 */
const timelineBatchMin = 10;

type TimelineNote = Pick<NoteItem, "pk" | "sk" | "lsk" | "id" | "visitorId" | "text" | "sentAt">;
type TimelineEntry = TimelineMessage | TimelineMark | TimelineNote;
type Inside = NonNullable<ExportPosition["conversation"]> & { phase: "m" | "n" };

const isNote = (item: TimelineEntry): item is TimelineNote => keys.isNoteSk(item.sk);

function entryOf(item: TimelineMessage | TimelineNote): ExportEntry {
  return isNote(item)
    ? { kind: "note", note: { id: item.id, visitorId: item.visitorId, text: item.text, writtenAt: item.sentAt } }
    : { kind: "message", message: toMessage(item) };
}

/** A page in the making: its entries and what its reads have cost, in bytes as DynamoDB counts them. */
class Filling {
  readonly entries: Page<ExportEntry>["entries"] = [];
  spent = 0;
  constructor(readonly readBytes: number) {}

  /** Whether an entry of `bytes` more is past the page (one always goes in, so paging moves on). */
  full(bytes = 0): boolean {
    return this.entries.length > 0 && this.spent + bytes > this.readBytes;
  }

  /** How many entries of the longest a query may still ask for: what fits, and one more to see past it. */
  room(maxBytes: number): number {
    return Math.floor(Math.max(0, this.readBytes - this.spent) / maxBytes) + 1;
  }
}

/**
 * Everything stored, page by page, for the owner's `export` (docs/data-model.md, "Exports"): the
 * conversations of the `inbox` index (open, then done; newest activity first), each followed by its
 * messages and then its notes, newest first, from its `timeline` (none hidden by a delete). Each
 * query asks for no more than what is left of `readBytes` would hold at the longest, and one more,
 * so a page reads about its reply's worth and one item, however large the conversations are; a
 * conversation larger than a page continues on the next. Reads are eventually consistent.
 */
export class DynamoExports implements Exports {
  constructor(private readonly table: Table) {}

  async page(cursor: string | undefined, since: number | undefined, readBytes: number): Promise<Page<ExportEntry>> {
    const position = cursor === undefined ? { status: statuses[0], ...(since === undefined ? {} : { since }) } : parseExportCursor(cursor);
    const page = new Filling(readBytes);
    const inside = position.conversation?.phase ? (position.conversation as Inside) : undefined;
    if (inside && (await this.resume(position, inside, page)) === "full") return { entries: page.entries, more: true };
    for (let index = statuses.indexOf(position.status); index < statuses.length; index++) {
      const status = statuses[index]!;
      const after = status === position.status ? position.conversation : undefined;
      if ((await this.conversations({ status, ...sinceOf(position) }, after, page)) === "full")
        return { entries: page.entries, more: true };
    }
    return { entries: page.entries, more: false };
  }

  /** A page that starts inside a conversation: its row again (as it now stands), then the rest of it. */
  private async resume(position: ExportPosition, inside: Inside, page: Filling): Promise<"full" | "ended"> {
    const item = await this.table.get<LiveHeadItem>({ pk: keys.conversationPk(inside.visitorId), sk: keys.headSk });
    // Deleted since the last page: nothing more of it.
    if (!item || !isLiveHead(item)) return "ended";
    page.spent += itemBytes(item);
    const at = { ...position, conversation: inside };
    page.entries.push({ item: { kind: "conversation", head: summaryOf(toHead(item)), continued: true }, cursor: exportCursor(at) });
    return this.timeline(at, inside, page);
  }

  /** The conversations of one inbox partition after `after` (from its newest without it), each with its timeline. */
  private async conversations(position: ExportPosition, after: ExportPosition["conversation"], page: Filling): Promise<"full" | "ended"> {
    const inboxPk = keys.inboxStatusPk(position.status);
    let startKey: Item | undefined = after && {
      pk: keys.conversationPk(after.visitorId),
      sk: keys.headSk,
      inboxPk,
      inboxSk: after.inboxSk,
    };
    do {
      if (page.full()) return "full";
      const output = await this.table.query<LiveHeadItem>({
        IndexName: inboxIndex,
        KeyConditionExpression: position.since === undefined ? "inboxPk = :inbox" : "inboxPk = :inbox AND inboxSk > :since",
        ExpressionAttributeValues: {
          ":inbox": inboxPk,
          ...(position.since === undefined ? {} : { ":since": `${paddedMs(position.since)}#~` }),
        },
        ScanIndexForward: false,
        Limit: Math.min(headsPerQuery, page.room(headMaxBytes)),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      });
      const heads = output.Items ?? [];
      // The whole batch is read, whether or not the page takes all of it.
      page.spent += heads.reduce((sum, head) => sum + itemBytes(head), 0);
      for (const head of heads) {
        if (page.full()) return "full";
        const inside: Inside = { visitorId: head.visitorId, inboxSk: head.inboxSk!, phase: "m" };
        const at = { ...position, conversation: inside };
        page.entries.push({ item: { kind: "conversation", head: summaryOf(toHead(head)), continued: false }, cursor: exportCursor(at) });
        if ((await this.timeline(at, inside, page)) === "full") return "full";
      }
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return "ended";
  }

  /**
   * One conversation's messages, then its notes, newest first, below `inside.lsk`: messages down
   * to a delete's mark or `since`, notes down to the later of the two.
   */
  private async timeline(position: ExportPosition, start: Inside, page: Filling): Promise<"full" | "ended"> {
    let inside = start;
    for (;;) {
      const output = await this.table.query<TimelineEntry>(
        this.timelineQuery(inside, Math.max(timelineBatchMin, page.room(messageEntryMaxBytes))),
      );
      let jumped = false;
      for (const item of output.Items ?? []) {
        const mark = isNote(item) ? undefined : isMark(item) ? item : undefined;
        if (mark || (!isNote(item) && (item as TimelineMessage).sentAt <= (position.since ?? -1))) {
          // Everything older is hidden by the delete (or is before `since`): on to the notes.
          const { lsk: _above, ...rest } = inside;
          inside = { ...rest, phase: "n", ...(mark ? { clearedAt: clearedAtOf(mark) } : {}) };
          jumped = true;
          break;
        }
        const entry = entryOf(item as TimelineMessage | TimelineNote);
        if (entry.kind === "note" && entry.note.writtenAt <= Math.max(position.since ?? -1, inside.clearedAt ?? -1)) return "ended";
        const bytes = itemBytes(item);
        if (page.full(bytes)) return "full";
        page.spent += bytes;
        inside = { ...inside, phase: entry.kind === "note" ? "n" : "m", lsk: item.lsk };
        page.entries.push({ item: entry, cursor: exportCursor({ ...position, conversation: inside }) });
      }
      if (!jumped && !output.LastEvaluatedKey) return "ended";
    }
  }

  /**
   * The next batch of the timeline below where `inside` stands: in the messages' phase the range
   * from the top of the messages down through the notes (below every message), so a conversation
   * without a delete or `since` is one query; in the notes' phase, the notes' range alone.
   */
  private timelineQuery(inside: Inside, limit: number) {
    const pk = keys.conversationPk(inside.visitorId);
    const startKey = inside.lsk === undefined ? undefined : { pk, sk: skOf(inside.lsk), lsk: inside.lsk };
    return {
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :lower AND :upper",
      ExpressionAttributeValues: {
        ":pk": pk,
        ":lower": keys.beforeNotesLsk,
        ":upper": inside.phase === "m" ? keys.afterMessagesLsk : keys.afterNotesLsk,
      },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    };
  }
}

const sinceOf = (position: ExportPosition) => (position.since === undefined ? {} : { since: position.since });

/** The time a delete's mark stands for (`M#<clearedAt>#~`). */
const clearedAtOf = (mark: TimelineMark) => Number(mark.lsk.slice(2, 15));

/** The table's key of the message or note a timeline entry's `lsk` names (`M#<ms>#<id>`, `L#<ms>#<id>`). */
function skOf(lsk: string): string {
  const id = lsk.slice(16);
  return lsk.startsWith(keys.beforeNotesLsk) ? keys.noteSk(id) : keys.messageSk(id);
}
