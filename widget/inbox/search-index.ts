import MiniSearch, { type Options, type SearchResult } from "minisearch";
import type { ChatMessage, ConversationSummary, ExportPageReply } from "#protocol";

/*
 * The owner's search (docs/data-model.md, "Search"): MiniSearch over every conversation's visitor
 * (name, email) and messages, built once from the `export` pages and kept current from pushes and
 * `export {since}`; each search then reads nothing from the table. Loaded on first use.
 */

/** One searchable thing: a conversation's visitor (`id` the visitor id) or one of its messages. */
interface SearchDocument {
  id: string;
  visitorId: string;
  /** The visitor's name and email, or the message's text. */
  text: string;
  /** The message's time; 0 for the visitor. */
  sentAt: number;
}

/** What a result shows of its conversation (its row as last seen). */
export type SearchRow = Pick<ConversationSummary, "visitorId" | "nickname" | "email" | "ref">;

/** A conversation that matches, at its best-matching message (null: its visitor's name or email matched). */
export interface SearchHit {
  row: SearchRow;
  messageId: string | null;
  /** The text that matched: the message's, or the visitor's name and email. */
  text: string;
  /** The words of the text that matched, to highlight. */
  terms: string[];
  score: number;
}

const options: Options<SearchDocument> = {
  fields: ["text"],
  storeFields: ["visitorId", "text"],
  searchOptions: { prefix: true, fuzzy: 0.15, combineWith: "AND" },
};

const visitorText = (row: Pick<ConversationSummary, "nickname" | "email">) => [row.nickname, row.email].filter(Boolean).join(" ");

/** What IndexedDB keeps of the index. */
export interface StoredSearch {
  index: string;
  rows: SearchRow[];
  syncedUpTo: number;
}

/** The index, and how far it is current. */
export class ConversationSearch {
  private index = new MiniSearch<SearchDocument>(options);
  private rows = new Map<string, SearchRow>();
  /** The newest message time the index holds: `export {since}` catches up from it. */
  syncedUpTo = 0;

  /** Adds what an `export` page carries (a conversation carried on from an earlier page adds its messages). */
  addPage(page: ExportPageReply): void {
    for (const { conversation, messages } of page.conversations) {
      this.setVisitor(conversation);
      for (const message of messages) this.addMessage(message);
    }
  }

  /** The visitor's name or email as they now stand. */
  setVisitor(row: SearchRow): void {
    this.rows.set(row.visitorId, { visitorId: row.visitorId, nickname: row.nickname, email: row.email, ref: row.ref });
    if (this.index.has(row.visitorId)) this.index.discard(row.visitorId);
    this.index.add({ id: row.visitorId, visitorId: row.visitorId, text: visitorText(row), sentAt: 0 });
  }

  /**
   * A message (one already held is left as it is: a push and a page may both carry it). Only a
   * page's (`fromExport`) moves `syncedUpTo`: a push says nothing of the messages before it.
   */
  addMessage(message: ChatMessage, fromExport = true): void {
    if (!this.index.has(message.id)) {
      this.index.add({ id: message.id, visitorId: message.visitorId, text: message.text, sentAt: message.sentAt });
    }
    if (fromExport) this.syncedUpTo = Math.max(this.syncedUpTo, message.sentAt);
  }

  /** The conversations that match every word of `query` (prefixes and small typos too), best first, each at its best match. */
  search(query: string, max = 50): SearchHit[] {
    const best = new Map<string, SearchResult>();
    for (const result of this.index.search(query)) {
      const visitorId = result.visitorId as string;
      if (!best.has(visitorId) && this.rows.has(visitorId)) best.set(visitorId, result);
      if (best.size === max) break;
    }
    return [...best.values()].map((result) => ({
      row: this.rows.get(result.visitorId as string)!,
      messageId: result.visitorId === result.id ? null : (result.id as string),
      text: result.text as string,
      terms: result.terms,
      score: result.score,
    }));
  }

  /** How many visitors and messages it holds. */
  get size(): number {
    return this.index.documentCount;
  }

  /** What IndexedDB keeps of it. */
  toJSON(): StoredSearch {
    return { index: JSON.stringify(this.index), rows: [...this.rows.values()], syncedUpTo: this.syncedUpTo };
  }

  static fromJSON(stored: StoredSearch): ConversationSearch {
    const search = new ConversationSearch();
    search.index = MiniSearch.loadJSON<SearchDocument>(stored.index, options);
    search.rows = new Map(stored.rows.map((row) => [row.visitorId, row]));
    search.syncedUpTo = stored.syncedUpTo;
    return search;
  }
}
