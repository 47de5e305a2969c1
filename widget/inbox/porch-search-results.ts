import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ChatMessage, ExportPageReply } from "#protocol";
import { base } from "../shared/theme.ts";
import { ConversationSearch, type SearchHit, type SearchRow, type StoredSearch } from "./search-index.ts";
import type { InboxStrings } from "./strings.ts";
import { visitorName } from "./visitor-name.ts";

/*
 * The inbox's search, loaded on first use (the search field's focus, or `/`): the index
 * (search-index.ts, with MiniSearch) kept in IndexedDB, and the element that lists what matches.
 */

/** The owner picked a result: open its conversation at the message that matched. */
export class OpenResultEvent extends Event {
  constructor(readonly hit: SearchHit) {
    super("open-result");
  }
}

const databaseName = "porch-search";
const storeName = "indexes";

function request<T>(made: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    made.onsuccess = () => resolve(made.result);
    made.onerror = () => reject(made.error ?? new Error("IndexedDB failed"));
  });
}

/** Runs `work` on the database, closed after it (an open one would hold up its delete at sign-out). */
async function withDatabase<T>(work: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const opening = indexedDB.open(databaseName, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(storeName);
  const db = await request(opening);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** The index of one inbox (its endpoint): read from IndexedDB, written back, forgotten at sign-out. */
const stored = {
  read: (key: string) =>
    withDatabase((db) => request(db.transaction(storeName).objectStore(storeName).get(key) as IDBRequest<StoredSearch | undefined>)),
  write: (key: string, value: StoredSearch | undefined) =>
    withDatabase(async (db) => {
      const store = db.transaction(storeName, "readwrite").objectStore(storeName);
      if (value) await request(store.put(value, key));
      else await request(store.delete(key));
    }),
};

/**
 * The index of one inbox: the one IndexedDB kept, or built from every `export` page the first
 * time; then `export {since}` brings it up to date, each time search starts again (a reconnect,
 * the field focused anew). A search reads nothing from the server.
 */
export class InboxSearch {
  private index: ConversationSearch | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly key: string,
    private readonly pages: (request: { cursor?: string; since?: number }) => Promise<ExportPageReply>,
  ) {}

  /** Loads or builds the index, then brings it up to date; `progress` hears how many conversations were read. */
  update(progress: (conversations: number) => void): Promise<void> {
    this.catchingUp ??= this.catchUp(progress).finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private async catchUp(progress: (conversations: number) => void): Promise<void> {
    const kept = this.index ? undefined : await stored.read(this.key).catch(() => undefined);
    const index = (this.index ??= kept ? ConversationSearch.fromJSON(kept) : new ConversationSearch());
    const since = index.size ? index.syncedUpTo : undefined;
    let cursor: string | undefined;
    let read = 0;
    do {
      const page = await this.pages(cursor ? { cursor } : since === undefined ? {} : { since });
      index.addPage(page);
      read += page.conversations.filter((entry) => !entry.continued).length;
      progress(read);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    if (read || !kept) await stored.write(this.key, index.toJSON()).catch(() => undefined);
  }

  /** A message pushed while the inbox is open (and its row, when the inbox holds it): searchable at once. */
  pushed(message: ChatMessage, row: SearchRow | undefined): void {
    if (row) this.index?.setVisitor(row);
    this.index?.addMessage(message, false);
  }

  find(query: string): SearchHit[] {
    return query.trim() && this.index ? this.index.search(query) : [];
  }

  /** Forgets the index here and in IndexedDB (sign-out). */
  async forget(): Promise<void> {
    this.index = null;
    await stored.write(this.key, undefined).catch(() => undefined);
  }
}

/** `text` with every word that starts with one of `terms` marked. */
function highlighted(text: string, terms: readonly string[]) {
  if (!terms.length) return text;
  const escaped = terms.map((term) => term.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])((?:${escaped.join("|")})[\\p{L}\\p{N}]*)`, "giu");
  return text.split(pattern).map((part, index) => (index % 2 ? html`<mark>${part}</mark>` : part));
}

/**
 * The conversations that match a search, each a link to the conversation with what matched
 * (its message, or the visitor's name or email) and the words found marked.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires open-result - {@link OpenResultEvent}, not composed.
 */
@customElement("porch-search-results")
export class PorchSearchResults extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  @property({ attribute: false }) hits: readonly SearchHit[] = [];

  static override styles = [
    base,
    css`
      :host {
        display: block;
        overflow-y: auto;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        border-bottom: 1px solid var(--_border);
      }
      a {
        display: block;
        padding: 10px 14px;
        color: var(--_text);
        text-decoration: none;
      }
      a:hover,
      a:focus-visible {
        background: var(--_surface-muted);
      }
      strong {
        display: block;
        font-size: 15px;
      }
      span {
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        font-size: 14px;
        color: var(--_text-muted);
      }
      mark {
        background: color-mix(in srgb, var(--_accent) 22%, transparent);
        color: var(--_text);
        font-weight: 600;
      }
    `,
  ];

  override render() {
    const s = this.strings;
    return html`<ul aria-label=${s.searchResults}>
      ${this.hits.map(
        (hit) =>
          html`<li>
            <a href=${`#/r/${hit.row.ref}`} @click=${() => this.dispatchEvent(new OpenResultEvent(hit))}>
              <strong>${visitorName(hit.row)}</strong>
              ${hit.text ? html`<span>${highlighted(hit.text, hit.terms)}</span>` : nothing}
            </a>
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-search-results": PorchSearchResults;
  }
}
