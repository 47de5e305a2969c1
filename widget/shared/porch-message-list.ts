import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Sender } from "../../protocol/index.ts";
import { linkify } from "./linkify.ts";
import { errorKey, type MessageListStrings } from "./strings.ts";
import { base, visuallyHidden } from "./theme.ts";
import type { ShownMessage } from "./timeline.ts";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/** The reader asked to send a failed message again. */
export class MessageRetryEvent extends Event {
  constructor(readonly messageId: string) {
    super("message-retry");
  }
}

/**
 * The conversation: a greeting, an optional notice, and the messages, oldest first. Text is
 * rendered as text; http(s) links become links that open in a new tab without an opener.
 * Follows new messages only while the reader is already near the bottom. The reader's own
 * messages (`self`) are on the right with their delivery state; the other side's on the left.
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`.
 * @fires message-retry - {@link MessageRetryEvent}, not composed.
 * @fires load-earlier - The reader asked for older history; not composed.
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
  /** Shown under the greeting, e.g. the away text. */
  @property() notice = "";
  /** Whether older history can be loaded. */
  @property({ type: Boolean }) hasEarlier = false;
  /** Whether the connection is down, so pending sends are queued. */
  @property({ type: Boolean }) offline = false;

  private followBottom = true;

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
        border-bottom-left-radius: 4px;
        background: var(--_surface-muted);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        line-height: 1.45;
      }
      .mine .bubble {
        background: var(--_accent);
        color: var(--_accent-contrast);
        border-bottom-left-radius: calc(var(--_radius) - 2px);
        border-bottom-right-radius: 4px;
      }
      .pending .bubble {
        opacity: 0.7;
      }
      .failed .bubble {
        opacity: 0.55;
      }
      a {
        color: inherit;
        text-decoration: underline;
        text-underline-offset: 2px;
        /* An address reads left to right, whatever bidi controls surround it (linkify.ts). */
        unicode-bidi: isolate;
      }
      .meta {
        margin-top: 3px;
        font-size: 12px;
        color: var(--_text-muted);
      }
      .failed .meta {
        color: var(--_danger);
      }
      .meta button {
        padding: 0 2px;
        border: 0;
        background: none;
        color: var(--_accent);
        font-weight: 600;
        text-decoration: underline;
      }
      .notice,
      .earlier {
        align-self: center;
        max-width: 90%;
        font-size: 13px;
        color: var(--_text-muted);
        text-align: center;
      }
      .earlier {
        border: 1px solid var(--_border);
        border-radius: 999px;
        background: none;
        padding: 4px 12px;
      }
    `,
  ];

  override willUpdate(): void {
    this.followBottom = this.scrollHeight - this.scrollTop - this.clientHeight < 80;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    const last = this.messages.at(-1);
    const sentJustNow = changed.has("messages") && last?.from === this.self && last.status === "pending";
    if (this.followBottom || sentJustNow) this.scrollTop = this.scrollHeight;
  }

  override render() {
    const s = this.strings;
    return html`<ol>
      ${
        this.hasEarlier
          ? html`<li class="earlier-row"><button class="earlier" @click=${() => this.dispatchEvent(new Event("load-earlier"))}>
            ${s.earlier}
          </button></li>`
          : nothing
      }
      ${this.greeting ? html`<li><div class="bubble" part="message">${this.greeting}</div></li>` : nothing}
      ${this.notice ? html`<li class="notice">${this.notice}</li>` : nothing}
      ${this.messages.map((message) => this.renderMessage(message))}
    </ol>`;
  }

  private renderMessage(message: ShownMessage) {
    const s = this.strings;
    const time = message.sentAt === null ? "" : timeFormat.format(message.sentAt);
    const mine = message.from === this.self;
    let delivery: unknown = nothing;
    if (mine) {
      if (message.status === "sent") delivery = ` · ${s.sent}`;
      else if (message.status === "pending") delivery = ` ${this.offline ? s.queued : s.sending}`;
      else
        delivery = html`${s.failed}: ${message.error ? s[errorKey(message.error.code)] : ""}
          <button @click=${() => this.dispatchEvent(new MessageRetryEvent(message.id))}>${s.retry}</button>`;
    }
    const text = linkify(message.text).map((piece) =>
      typeof piece === "string"
        ? piece
        : html`<a href=${piece.href} dir="ltr" target="_blank" rel="noopener noreferrer">${piece.label}</a>`,
    );
    // No whitespace inside the bubble: it keeps the text's own line breaks (pre-wrap).
    return html`<li class="${mine ? "mine" : ""} ${message.status}" data-id=${message.id}>
      <div class="bubble" part="message"><span class="sr">${mine ? s.you : s.owner}: </span>${text}</div>
      <div class="meta">${time}${delivery}</div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-message-list": PorchMessageList;
  }
  interface GlobalEventHandlersEventMap {
    "message-retry": MessageRetryEvent;
    "load-earlier": Event;
  }
}
