import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Sender } from "#protocol";
import { linkify } from "./linkify.ts";
import { pageLink } from "./page-link.ts";
import type { MessageListStrings } from "./strings.ts";
import { base, visuallyHidden } from "./theme.ts";
import type { ShownMessage } from "./timeline.ts";

/** The time and date formats of a language ("" is the browser's), made once for each. */
const formats = new Map<string, Record<"time" | "date" | "dateInOtherYear", Intl.DateTimeFormat>>();
function formatsOf(locale: string) {
  let made = formats.get(locale);
  if (!made) {
    const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale || undefined, options);
    made = {
      time: format({ hour: "numeric", minute: "2-digit" }),
      date: format({ weekday: "long", month: "long", day: "numeric" }),
      dateInOtherYear: format({ year: "numeric", month: "long", day: "numeric" }),
    };
    formats.set(locale, made);
  }
  return made;
}

/** Within this many pixels of the end, the reader counts as at the bottom and new messages follow. */
const bottomSlackPx = 80;

/** "Today", "Yesterday", else the date in the reader's language: what a day separator says. */
export function dayLabel(ms: number, strings: Pick<MessageListStrings, "today" | "yesterday">, nowMs = Date.now(), locale = ""): string {
  const day = new Date(ms);
  const today = new Date(nowMs);
  if (day.toDateString() === today.toDateString()) return strings.today;
  today.setDate(today.getDate() - 1);
  if (day.toDateString() === today.toDateString()) return strings.yesterday;
  const { date, dateInOtherYear } = formatsOf(locale);
  return (day.getFullYear() === today.getFullYear() ? date : dateInOtherYear).format(day);
}

/**
 * The conversation: a greeting, notices, and the messages, oldest first, with a separator at each
 * new day. Text is rendered as text; http(s) links become links that open in a new tab without an
 * opener. It follows new messages while the reader is at the bottom (also when something above
 * changes size); a message from the other side arriving while they are scrolled up shows a
 * "New message" button instead. The reader's own messages (`self`) are at the end of the line
 * (the right, the left right to left) with their delivery state ("Seen" once the other side has
 * read up to them); the other side's at its start. Times and dates are in its `lang` (the
 * browser's when none); each message's text and each name is isolated in its own direction.
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`.
 * @fires load-earlier - The reader asked for older history; not composed.
 * @fires caught-up - The reader reached the messages the "New message" button pointed to; not composed.
 * @csspart message - One message bubble (exported by `<porch-chat>`).
 */
@customElement("porch-message-list")
export class PorchMessageList extends LitElement {
  /** Messages in history order. */
  @property({ attribute: false }) messages: readonly ShownMessage[] = [];
  @property({ attribute: false }) strings!: MessageListStrings;
  /** Whose side the reader is on: the visitor in the widget, the owner in the inbox. */
  @property() self: Sender = "visitor";
  /** Shown first, as if the owner had said it; not a stored message. */
  @property() greeting = "";
  /**
   * Shown under the greeting, one row each: the away text, and any prompt a page of the widget
   * adds (text or a template).
   */
  @property({ attribute: false }) notices: readonly unknown[] = [];
  /** Whether older history can be loaded. */
  @property({ type: Boolean }) hasEarlier = false;
  /** Whether the connection is down, so pending sends are queued. */
  @property({ type: Boolean }) offline = false;
  /** The newest of the reader's messages the other side has read, by id: it says "Seen". */
  @property() seenUpTo: string | null = null;
  /** "Marta is typing…" while the other side writes; empty otherwise. */
  @property() typing = "";
  /** The other side's name, beside their messages and before them for screen readers. */
  @property() peer = "";
  /** What marks the owner's private notes (the inbox's); they show as their own part, `note`. */
  @property() noteLabel = "";
  /** A small picture of the other side, beside their name (decorative). */
  @property({ attribute: false }) peerBadge: unknown = nothing;
  /** Say which page each of the other side's messages was written on, when it changes. */
  @property({ type: Boolean }) pages = false;

  /** A message from the other side arrived below what the reader sees. */
  @state() private newBelow = false;

  /** Whether a message from the other side is below what the reader sees (the "New message" button shows). */
  get hasNewBelow(): boolean {
    return this.newBelow;
  }
  private followBottom = true;
  /** The newest message's id of the reader's side and of the other's, as last rendered. */
  private newestIds: [string, string] | undefined;
  private readonly pinToBottom = () => {
    if (this.followBottom) this.scrollTop = this.scrollHeight;
  };
  /** Whatever changes size (a message, the typing line, fonts, the panel) keeps the newest in view. */
  private readonly resized = new ResizeObserver(this.pinToBottom);
  private readonly scrolled = () => {
    this.followBottom = this.scrollHeight - this.scrollTop - this.clientHeight < bottomSlackPx;
    if (this.followBottom) this.caughtUp();
  };

  private caughtUp() {
    if (!this.newBelow) return;
    this.newBelow = false;
    this.dispatchEvent(new Event("caught-up"));
  }

  static override styles = [
    base,
    visuallyHidden,
    css`
      :host {
        display: block;
        flex: 1;
        overflow-y: auto;
        overscroll-behavior: contain;
        padding: 16px 14px 8px;
        background: var(--_surface);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      li {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        max-width: 85%;
      }
      li.mine {
        align-self: flex-end;
        align-items: flex-end;
      }
      .bubble {
        padding: 9px 13px;
        border-radius: calc(var(--_radius) - 2px);
        border-end-start-radius: 4px;
        background: var(--_surface-muted);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        line-height: 1.45;
      }
      .mine .bubble {
        background: var(--_accent);
        color: var(--_accent-contrast);
        border-end-start-radius: calc(var(--_radius) - 2px);
        border-end-end-radius: 4px;
      }
      .failed .bubble {
        background: var(--_surface);
        color: var(--_text);
        box-shadow: inset 0 0 0 1.5px var(--_danger);
      }
      a {
        color: inherit;
        text-decoration: underline;
        text-underline-offset: 2px;
        /* An address reads left to right, whatever bidi controls surround it (linkify.ts). */
        unicode-bidi: isolate;
      }
      .meta {
        display: flex;
        align-items: center;
        gap: 5px;
        max-width: 100%;
        margin-top: 3px;
        font-size: 12px;
        line-height: 24px;
        white-space: nowrap;
        color: var(--_text-muted);
      }
      .failed .meta {
        color: var(--_danger);
      }
      .meta a {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .notice,
      .earlier,
      .day,
      .typing {
        align-self: center;
        max-width: 90%;
        font-size: 13px;
        color: var(--_text-muted);
        text-align: center;
      }
      .day {
        font-weight: 600;
        font-size: 12px;
      }
      .typing {
        align-self: flex-start;
        font-style: italic;
      }
      .earlier,
      .new {
        min-height: 28px;
        border: 1px solid var(--_field-border);
        border-radius: var(--_radius);
        background: var(--_surface);
        padding: 4px 12px;
      }
      .new {
        position: sticky;
        bottom: 4px;
        display: block;
        margin: 8px auto 0;
        color: var(--_text);
        font-size: 13px;
        font-weight: 600;
        box-shadow: 0 2px 8px var(--_shadow);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("scroll", this.scrolled, { passive: true });
    this.resized.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("scroll", this.scrolled);
    this.resized.disconnect();
  }

  override firstUpdated(): void {
    this.resized.observe(this.renderRoot.querySelector("ol")!);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has("messages")) return;
    // The newest message of each side (one not sent yet stays last: compare each side's own).
    const newest = (mine: boolean) => this.messages.findLast((message) => (message.from === this.self) === mine)?.id ?? "";
    const [mine, theirs] = [newest(true), newest(false)];
    const [heldMine, heldTheirs] = this.newestIds ?? [mine, theirs];
    this.newestIds = [mine, theirs];
    // The reader's own message always shows; the other side's only if they were at the bottom.
    if (mine !== heldMine) this.followBottom = true;
    else if (theirs !== heldTheirs && !this.followBottom) this.newBelow = true;
  }

  override updated(): void {
    this.pinToBottom();
  }

  /** Scrolls to the newest message and follows from there. */
  private toBottom() {
    this.followBottom = true;
    this.caughtUp();
    this.pinToBottom();
  }

  override render() {
    const s = this.strings;
    const rows: unknown[] = [];
    let day = "";
    let page = "";
    for (const message of this.messages) {
      const at = message.sentAt ?? Date.now();
      if (new Date(at).toDateString() !== day) {
        day = new Date(at).toDateString();
        rows.push(html`<li class="day">${dayLabel(at, s, undefined, this.lang)}</li>`);
      }
      // Where the other side wrote from, each time it changes.
      let onPage: unknown = nothing;
      if (this.pages && message.from !== this.self && message.page && message.page.url !== page) {
        page = message.page.url;
        onPage = html`${s.onPage} ${pageLink(message.page)} ·`;
      }
      rows.push(this.renderMessage(message, onPage));
    }
    return html`<ol>
        ${
          this.hasEarlier
            ? html`<li class="earlier-row"><button class="earlier" @click=${() => this.dispatchEvent(new Event("load-earlier"))}>
              ${s.earlier}
            </button></li>`
            : nothing
        }
        ${this.greeting ? html`<li><div class="bubble" part="message" dir="auto">${this.greeting}</div></li>` : nothing}
        ${this.notices.map((notice) => html`<li class="notice">${notice}</li>`)} ${rows}
        ${this.typing ? html`<li class="typing">${this.typing}</li>` : nothing}
      </ol>
      ${this.newBelow ? html`<button class="new" @click=${this.toBottom}>${s.newMessage}</button>` : nothing}`;
  }

  /** A message's files: `<porch-files>`, whose module the first message with files loads (uploads/porch-files.ts). */
  private renderFiles(message: ShownMessage) {
    if (!message.attachments?.length) return nothing;
    void import("./uploads/porch-files.ts");
    return html`<porch-files .files=${message.attachments} .strings=${this.strings}></porch-files>`;
  }

  private renderMessage(message: ShownMessage, onPage: unknown) {
    const s = this.strings;
    const time = message.sentAt === null ? "" : formatsOf(this.lang).time.format(message.sentAt);
    const mine = message.from === this.self;
    let meta: unknown;
    if (!mine) meta = html`${this.peerBadge}${this.peer ? html`<bdi>${this.peer}</bdi> ·` : ""} ${onPage} ${time}`;
    else if (message.note && message.status === "sent") meta = `${this.noteLabel} · ${time}`;
    else if (message.status === "sent") meta = `${time} · ${message.id === this.seenUpTo ? s.seen : s.sent}`;
    else meta = message.status === "pending" ? (this.offline ? s.queued : s.sending) : s.failed;
    const text = linkify(message.text).map((piece) =>
      typeof piece === "string"
        ? piece
        : html`<a href=${piece.href} dir="ltr" target="_blank" rel="noopener noreferrer">${piece.label}</a>`,
    );
    // No whitespace inside the bubble: it keeps the text's own line breaks (pre-wrap).
    return html`<li class="${mine ? "mine" : ""} ${message.status}" data-id=${message.id}>
      <div class="bubble" part="message ${message.note ? "note" : ""}" dir="auto"><span class="sr" dir="auto">${message.note ? this.noteLabel : mine ? s.you : this.peer || s.owner}: </span>${text}${this.renderFiles(message)}</div>
      <div class="meta">${meta}</div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-message-list": PorchMessageList;
  }
  interface GlobalEventHandlersEventMap {
    "load-earlier": Event;
    "caught-up": Event;
  }
}
