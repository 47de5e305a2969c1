import type { ChatMessage, ErrorCode, HistoryReply } from "#protocol";
import { PorchServerError } from "../connection/errors.ts";

/** A message as its sender sees it: stored (`sent`), on its way (`pending`), or refused (`failed`). */
export interface ShownMessage extends Omit<ChatMessage, "sentAt"> {
  /** The server's clock; null until the server has stored it. */
  sentAt: number | null;
  status: "sent" | "pending" | "failed";
  error?: ProblemReport;
  /** The owner's private note, not a message (the inbox's timeline only). */
  note?: true;
}

/** Why something failed: a protocol error code, or "offline". */
export interface ProblemReport {
  code: ErrorCode | "offline";
  message: string;
}

export function problemOf(error: unknown): ProblemReport {
  return error instanceof PorchServerError ? { code: error.code, message: error.message } : { code: "offline", message: String(error) };
}

/** Fetches one page of history: the newest without `before`. */
export type HistoryPager = (before?: string) => Promise<HistoryReply>;

/** History order, `(sentAt, id)`, as the server sorts; messages not stored yet come last. */
const byHistoryOrder = (a: Pick<ShownMessage, "sentAt" | "id">, b: Pick<ShownMessage, "sentAt" | "id">): number =>
  a.sentAt === null || b.sentAt === null
    ? (a.sentAt === null ? 1 : 0) - (b.sentAt === null ? 1 : 0)
    : a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One conversation's messages as a client holds them, merged by id so nothing shows twice:
 * stored ones from history and pushes, and the sender's own optimistic ones until stored.
 * Used by the visitor's widget and by the owner's inbox alike.
 */
export class MessageTimeline {
  /** True when older history exists than the oldest message held. */
  hasEarlier = false;
  /** The server's cursor for the history before the oldest page held (opaque: passed back as is). */
  private earlierCursor: string | null = null;
  /** Whether the newest page of history has been fetched once. */
  loaded = false;
  /**
   * How many stored messages of the conversation this client does not hold (older pages not
   * loaded), from the `count` of the newest page it last fetched; null before one said.
   */
  private notHeld: number | null = null;
  /** The conversation was deleted at this time (server clock): messages sent until then are gone. */
  private clearedAt = -Infinity;

  private readonly byId = new Map<string, ShownMessage>();
  private sorted: ShownMessage[] = [];

  get messages(): readonly ShownMessage[] {
    return this.sorted;
  }

  get(id: string): ShownMessage | undefined {
    return this.byId.get(id);
  }

  put(message: ShownMessage): void {
    this.byId.set(message.id, message);
    this.sorted = [...this.byId.values()].sort(byHistoryOrder);
  }

  /** Adds stored messages by id; returns the ones it did not hold as stored yet. */
  merge(messages: readonly ChatMessage[]): ChatMessage[] {
    const added = messages.filter((message) => this.byId.get(message.id)?.status !== "sent" && message.sentAt > this.clearedAt);
    for (const message of added) this.put({ ...message, status: "sent" });
    return added;
  }

  /**
   * Forgets every message; with the delete's `clearedAt`, also any that comes later but was sent
   * before it (a push of a message applied just before the delete, arriving after it).
   */
  clear(clearedAt?: number): void {
    if (clearedAt !== undefined) this.clearedAt = Math.max(this.clearedAt, clearedAt);
    this.byId.clear();
    this.sorted = [];
    this.keepEarlier({ more: false, cursor: null });
    this.notHeld = 0;
  }

  /**
   * Whether the conversation has more messages (`count`, a `pong`'s) than this client holds and
   * knows it has not loaded: a push was lost, whichever one, even before one that arrived.
   */
  misses(count: number): boolean {
    return this.notHeld !== null && count > this.storedCount() + this.notHeld;
  }

  private storedCount(): number {
    return this.sorted.filter((message) => message.sentAt !== null).length;
  }

  /** What the newest page's `count` says this client does not hold, once it has merged the page. */
  private countNotHeld(page: HistoryReply): void {
    if (page.count !== undefined) this.notHeld = Math.max(0, page.count - this.storedCount());
  }

  private keepEarlier(page: Pick<HistoryReply, "more" | "cursor">): void {
    this.earlierCursor = page.more ? page.cursor : null;
    this.hasEarlier = this.earlierCursor !== null;
  }

  /**
   * Fetches what this client missed: the newest page, then older pages only while they are still
   * newer than the newest message already held (a gap from a long disconnect). Returns the
   * messages it did not hold, except on the first load, which is history rather than news.
   */
  async catchUp(list: HistoryPager): Promise<ChatMessage[]> {
    const newestHeld = this.sorted.findLast((m) => m.sentAt !== null);
    let page = await list();
    const newest = page;
    const first = !this.loaded;
    const added = this.merge(page.messages);
    this.loaded = true;
    const reachesBack = (p: HistoryReply) => !p.messages[0] || byHistoryOrder(p.messages[0], newestHeld!) <= 0;
    while (newestHeld && page.more && page.cursor && !reachesBack(page)) {
      page = await list(page.cursor);
      added.push(...this.merge(page.messages));
    }
    // On the first load, or holding no stored message (after `clear`), the last page fetched is
    // the oldest one held: older history continues from its cursor.
    if (first || !newestHeld) this.keepEarlier(page);
    this.countNotHeld(newest);
    return first ? [] : added;
  }

  /** Loads the page of history before the oldest page held, from the cursor that page came with. */
  async loadEarlier(list: HistoryPager): Promise<void> {
    if (!this.earlierCursor) return;
    const page = await list(this.earlierCursor);
    this.keepEarlier(page);
    const added = this.merge(page.messages).length;
    if (this.notHeld !== null) this.notHeld = Math.max(0, this.notHeld - added);
  }
}
