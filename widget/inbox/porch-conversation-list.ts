import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { ConversationSummary } from "#protocol";
import { say } from "./catalogues.ts";
import { base, visuallyHidden } from "../shared/theme.ts";
import { shortTime } from "./format-time.ts";
import "./porch-avatar.ts";
import type { InboxStrings } from "./strings.ts";
import { visitorName } from "./visitor-name.ts";

/**
 * The link that opens a conversation: `#/r/<ref>`, its reference (never the visitor id, the
 * visitor's only credential, which a URL would leave in the history and in screenshots), as
 * notifications link to it.
 */
export const conversationHref = (row: { ref: string }) => `#/r/${encodeURIComponent(row.ref)}`;

/**
 * The owner's conversations, newest activity first: name, time, last message (or "typing…" while
 * the visitor writes) and unread count.
 * Each row is a link to `#/r/<ref>`; Arrow keys, Home and End move between rows.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires load-more - Scrolled to the end (or clicked the button there) while `hasMore`; not composed.
 */
@customElement("porch-conversation-list")
export class PorchConversationList extends LitElement {
  @property({ attribute: false }) conversations: readonly ConversationSummary[] = [];
  @property({ attribute: false }) strings!: InboxStrings;
  /** The inbox's language (BCP 47), for plurals, numbers and dates; the browser's when empty. */
  @property() locale = "";
  /** The visitor whose conversation is open, marked as current. */
  @property() selected: string | null = null;
  /** Whether older conversations can be loaded. */
  @property({ type: Boolean }) hasMore = false;
  /** The visitors writing right now. */
  @property({ attribute: false }) typing: readonly string[] = [];
  /** What an empty list says (the view's words); `strings.empty` without it. */
  @property() emptyText = "";

  @query(".more") private moreButton?: HTMLButtonElement;
  private observer?: IntersectionObserver;
  private observed?: Element;

  static override styles = [
    base,
    visuallyHidden,
    css`
      :host {
        display: block;
        overflow-y: auto;
        overscroll-behavior: contain;
        background: var(--_surface);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 6px;
      }
      a {
        display: flex;
        gap: 12px;
        align-items: center;
        padding: 10px;
        border-radius: calc(var(--_radius) * 0.75);
        color: inherit;
        text-decoration: none;
      }
      a:hover {
        background: var(--_surface-muted);
      }
      /* The open row: a tint, and a bar in the accent that tells it apart at 3:1 or more. */
      a[aria-current="page"] {
        background: var(--_selected);
        border-inline-start: 4px solid var(--_accent);
        padding-inline-start: 6px;
      }
      a:focus-visible {
        outline-offset: -2px;
      }
      .text {
        flex: 1;
        min-width: 0;
      }
      .line {
        display: flex;
        align-items: baseline;
        gap: 8px;
      }
      .name,
      .preview {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .name {
        font-weight: 500;
      }
      .unread .name {
        font-weight: 700;
      }
      time,
      .preview {
        font-size: 13px;
        color: var(--_text-muted);
      }
      .unread .preview {
        color: var(--_text);
      }
      .preview.typing {
        font-style: italic;
      }
      .badge {
        min-width: 20px;
        padding: 1px 6px;
        box-sizing: border-box;
        border-radius: 999px;
        background: var(--_accent);
        color: var(--_accent-contrast);
        font-size: 12px;
        font-weight: 700;
        text-align: center;
      }
      .tag {
        padding: 0 6px;
        border: 1px solid var(--_border);
        border-radius: 6px;
        font-size: 11px;
        color: var(--_text-muted);
      }
      .empty {
        margin: 0;
        padding: 32px 24px;
        color: var(--_text-muted);
        text-align: center;
      }
      .more {
        display: block;
        margin: 6px auto 14px;
        padding: 6px 14px;
        border: 1px solid var(--_field-border);
        border-radius: var(--_radius);
        background: none;
        font-size: 13px;
        color: var(--_text-muted);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("keydown", this.onKeydown);
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.requestMore();
      },
      { root: this, rootMargin: "200px" },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.onKeydown);
    this.observer?.disconnect();
    this.observed = undefined;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    // Observing anew reports whether the end is still in view, so pages load until the list scrolls.
    if (this.moreButton === this.observed && !changed.has("conversations")) return;
    if (this.observed) this.observer?.unobserve(this.observed);
    this.observed = this.moreButton;
    if (this.observed) this.observer?.observe(this.observed);
  }

  /** Moves focus to the open conversation's row, or the first row. */
  override focus(): void {
    const rows = this.rows();
    (rows.find((row) => row.getAttribute("aria-current")) ?? rows[0])?.focus();
  }

  override render() {
    const s = this.strings;
    if (!this.conversations.length) return html`<p class="empty">${this.emptyText || s.empty}</p>`;
    return html`<ul>
        ${repeat(
          this.conversations,
          (row) => row.visitorId,
          (row) => this.renderRow(row),
        )}
      </ul>
      ${this.hasMore ? html`<button class="more" @click=${this.requestMore}>${s.loadMore}</button>` : nothing}`;
  }

  private renderRow(row: ConversationSummary) {
    const s = this.strings;
    const name = visitorName(row);
    const unread = row.unread ? say(this.locale, s.unread, { count: row.unread }) : "";
    return html`<li class=${row.unread ? "unread" : ""}>
      <a href=${conversationHref(row)} aria-current=${row.visitorId === this.selected ? "page" : nothing}>
        <porch-avatar .visitorId=${row.visitorId} .name=${name}></porch-avatar>
        <span class="text">
          <span class="line">
            <span class="name" dir="auto">${name}</span>
            ${row.blocked ? html`<span class="tag">${s.blocked}</span>` : nothing}
            <time datetime=${new Date(row.lastMessageAt).toISOString()}>${shortTime(row.lastMessageAt, Date.now(), this.locale || undefined)}</time>
          </span>
          <span class="line">
            ${
              this.typing.includes(row.visitorId)
                ? html`<span class="preview typing">${s.typingShort}</span>`
                : html`<span class="preview">${row.lastMessageFrom === "owner" ? s.youPrefix : ""}<bdi>${row.lastMessage}</bdi></span>`
            }
            ${unread ? html`<span class="badge" aria-hidden="true">${new Intl.NumberFormat(this.locale || undefined).format(row.unread)}</span><span class="sr">${unread}</span>` : nothing}
          </span>
        </span>
      </a>
    </li>`;
  }

  private rows(): HTMLAnchorElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLAnchorElement>("li > a")];
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    const rows = this.rows();
    const at = rows.indexOf(this.shadowRoot!.activeElement as HTMLAnchorElement);
    const target = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (target === undefined || at < 0) return;
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, target))]?.focus();
  };

  private requestMore() {
    if (this.hasMore) this.dispatchEvent(new Event("load-more"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-conversation-list": PorchConversationList;
  }
  interface GlobalEventHandlersEventMap {
    "load-more": Event;
  }
}
