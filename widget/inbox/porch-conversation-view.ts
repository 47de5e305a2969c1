import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ConversationStatus, ConversationSummary, SavedReply } from "#protocol";
import { AttachEvent, ComposeEvent, filesOf } from "../shared/porch-composer.ts";
import { failedNotice, problemStyles } from "../shared/failed-notice.ts";
import "../shared/porch-message-list.ts";
import { fill } from "../shared/strings.ts";
import { base, outlinedButton } from "../shared/theme.ts";
import type { ShownMessage } from "../shared/timeline.ts";
import "./porch-avatar.ts";
import "./porch-reply-composer.ts";
import type { InboxStrings } from "./strings.ts";
import { visitorName } from "./visitor-name.ts";
import "./porch-visitor-details.ts";
import { ExportEvent, ModerateEvent } from "./porch-visitor-details.ts";

/** The owner marked the conversation done, or opened it again. */
export class StatusChangeEvent extends Event {
  constructor(readonly status: ConversationStatus) {
    super("status-change");
  }
}

/** The owner wrote a private note (the composer in note mode). */
export class NoteEvent extends Event {
  constructor(readonly text: string) {
    super("note");
  }
}

/**
 * One conversation as the owner sees it: a header with the visitor's name, the history (visitor on
 * the left, the owner's replies on the right with their delivery state), a reply composer, and the
 * visitor's details beside it (behind a button when `narrow`). It passes on its parts' events, none
 * composed, to `<porch-inbox>`.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires compose - {@link ComposeEvent}: the owner replied.
 * @fires attach - {@link AttachEvent}: files chosen with the attach button, dropped on the conversation or pasted in it.
 * @fires note - {@link NoteEvent}: the owner wrote a private note.
 * @fires draft - The owner is typing a reply.
 * @fires retry-all - Send the failed replies again.
 * @fires load-earlier - Older history was asked for.
 * @fires moderate - {@link ModerateEvent}: block, unblock or delete.
 * @fires export-transcript - {@link ExportEvent}: "Download as text".
 * @fires status-change - {@link StatusChangeEvent}: "Mark done" or "Reopen".
 * @fires navigate-back - Back to the list (narrow layout only).
 */
@customElement("porch-conversation-view")
export class PorchConversationView extends LitElement {
  @property({ attribute: false }) conversation!: ConversationSummary;
  @property({ attribute: false }) messages: readonly ShownMessage[] = [];
  @property({ attribute: false }) strings!: InboxStrings;
  /** Whether older history can be loaded. */
  @property({ type: Boolean }) hasEarlier = false;
  /** Whether the connection is down, so replies are queued. */
  @property({ type: Boolean }) offline = false;
  /** One pane at a time: a back button, and the details behind a button. */
  @property({ type: Boolean, reflect: true }) narrow = false;
  /** A failure to show above the composer, in words. */
  @property() problem = "";
  /** Offer to attach files to replies (the site takes them). */
  @property({ type: Boolean }) attachable = false;
  /** The files attached to the reply being written (rendered by the attachment UI), shown above the field. */
  @property({ attribute: false }) tray: unknown = nothing;
  /** Whether the visitor is writing right now. */
  @property({ type: Boolean }) typing = false;
  /** The owner's saved replies, which `/` in the reply field offers. */
  @property({ attribute: false }) savedReplies: readonly SavedReply[] = [];

  @state() private detailsOpen = false;
  /** The composer writes private notes rather than replies. */
  @state() private noting = false;

  static override styles = [
    base,
    outlinedButton,
    problemStyles,
    css`
      :host {
        display: grid;
        grid-template: "head head" auto "talk side" 1fr / 1fr 280px;
        min-height: 0;
        background: var(--_surface);
      }
      :host([narrow]) {
        grid-template: "head" auto "talk" 1fr / 1fr;
      }
      header {
        grid-area: head;
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 10px 16px;
        border-bottom: 1px solid var(--_border);
      }
      .titles {
        flex: 1;
        min-width: 0;
      }
      h2 {
        margin: 0;
        font-size: 16px;
        font-weight: 600;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      h2:focus {
        outline: none;
      }
      .sub {
        font-size: 13px;
        color: var(--_text-muted);
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .icon {
        display: grid;
        place-items: center;
        width: 40px;
        height: 40px;
        padding: 0;
        border: 0;
        border-radius: calc(var(--_radius) * 1.25);
        background: none;
        flex: none;
      }
      .icon:hover {
        background: var(--_surface-muted);
      }
      /* Open details: the button is filled, which tells its state apart at 3:1 or more. */
      .icon[aria-expanded="true"] {
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      .talk {
        grid-area: talk;
        display: flex;
        flex-direction: column;
        min-height: 0;
        min-width: 0;
      }
      porch-message-list {
        min-height: 0;
      }
      /* The message a search found. */
      porch-message-list::part(found) {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      /* A note is set apart from replies by its dashed edge and muted surface, whatever the theme. */
      porch-message-list::part(note) {
        background: var(--_surface-muted);
        color: var(--_text);
        border: 1px dashed var(--_field-border);
      }
      .mode {
        display: flex;
        justify-content: flex-end;
        padding: 6px 10px 0;
        border-top: 1px solid var(--_border);
      }
      .noting porch-reply-composer {
        background: var(--_surface-muted);
      }
      porch-visitor-details {
        grid-area: side;
        overflow-y: auto;
        border-left: 1px solid var(--_border);
      }
      :host([narrow]) porch-visitor-details {
        grid-area: talk;
        z-index: 1;
        border: 0;
        background: var(--_surface);
      }
    `,
  ];

  /** Moves focus to the reply field, or to the heading in the narrow layout (no keyboard pops up). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>(this.narrow ? "h2" : "porch-reply-composer")?.focus();
  }

  /** Moves focus to the heading (the conversation is read from the top, and single keys stay shortcuts). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>("h2")?.focus();
  }

  /**
   * Scrolls to a message the list holds and marks it (the `found` part) until another is found;
   * false when the list does not hold it.
   */
  async showFound(messageId: string): Promise<boolean> {
    await this.updateComplete;
    const list = this.renderRoot.querySelector("porch-message-list");
    await list?.updateComplete;
    const bubble = list?.shadowRoot?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(messageId)}"] [part~=message]`);
    if (!bubble) return false;
    list!.shadowRoot!.querySelector("[part~=found]")?.part.remove("found");
    bubble.part.add("found");
    bubble.scrollIntoView({ block: "center" });
    // Told at once, so the list stops keeping its newest message in view before the next frame.
    list!.dispatchEvent(new Event("scroll"));
    return true;
  }

  /** Moves focus to the reply field, whatever the layout. */
  focusComposer(): void {
    this.renderRoot.querySelector<HTMLElement>("porch-reply-composer")?.focus();
  }

  override render() {
    const s = this.strings;
    const row = this.conversation;
    const name = visitorName(row);
    const showDetails = !this.narrow || this.detailsOpen;
    return html`<header>
        ${
          this.narrow
            ? html`<button class="icon back" aria-label=${s.back} title=${s.back} @click=${() => this.dispatchEvent(new Event("navigate-back"))}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 5l-7 7 7 7" /></svg>
            </button>`
            : nothing
        }
        <porch-avatar .visitorId=${row.visitorId} .name=${name}></porch-avatar>
        <div class="titles">
          <h2 tabindex="-1">${name}</h2>
          <div class="sub">${row.blocked ? s.blocked : row.nickname && row.email ? row.email : s.anonymous}</div>
        </div>
        ${
          row.status === "done"
            ? html`<button class="outlined status reopen" @click=${() => this.dispatchEvent(new StatusChangeEvent("open"))}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4" /></svg>${s.reopen}
            </button>`
            : html`<button class="outlined status done" @click=${() => this.dispatchEvent(new StatusChangeEvent("done"))}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>${s.markDone}
            </button>`
        }
        ${
          this.narrow
            ? html`<button
              class="icon details"
              aria-label=${s.details}
              title=${s.details}
              aria-expanded=${this.detailsOpen}
              @click=${() => (this.detailsOpen = !this.detailsOpen)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.01" /></svg>
            </button>`
            : nothing
        }
      </header>
      <div
        class="talk ${this.noting ? "noting" : ""}"
        @dragover=${(event: DragEvent) => event.preventDefault()}
        @drop=${this.passAttach}
        @paste=${this.passAttach}
      >
        <porch-message-list
          self="owner"
          role="log"
          aria-live="polite"
          aria-relevant="additions"
          aria-label=${fill(s.conversation, { name })}
          pages
          .strings=${s}
          .messages=${this.messages}
          .hasEarlier=${this.hasEarlier}
          .offline=${this.offline}
          .seenUpTo=${row.visitorSeenUpTo}
          .typing=${this.typing ? fill(s.typing, { name }) : ""}
          .noteLabel=${s.note}
          @load-earlier=${this.passLoadEarlier}
        ></porch-message-list>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
        ${failedNotice(s, this.failed, () => this.dispatchEvent(new Event("retry-all")))}
        <div class="mode">
          <button class="outlined note-mode" aria-pressed=${this.noting} title=${s.noteMode} @click=${() => (this.noting = !this.noting)}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 19h4L19 9l-4-4L5 15zM13 7l4 4" /></svg>${s.note}
          </button>
        </div>
        <porch-reply-composer
          .strings=${this.noting ? { ...s, inputLabel: s.note, placeholder: s.notePlaceholder } : s}
          .savedReplies=${this.savedReplies}
          .visitorName=${name}
          .offerReplies=${!this.noting}
          ?attachable=${this.attachable && !this.noting}
          .tray=${this.noting ? nothing : this.tray}
          @attach=${this.passAttach}
          @compose=${this.passCompose}
          @draft=${() => this.noting || this.dispatchEvent(new Event("draft"))}
        ></porch-reply-composer>
      </div>
      ${
        showDetails
          ? html`<porch-visitor-details
            .conversation=${row}
            .strings=${s}
            @moderate=${this.passModerate}
            @export-transcript=${() => this.dispatchEvent(new ExportEvent())}
          ></porch-visitor-details>`
          : nothing
      }`;
  }

  // The parts' events stop at this shadow root: each is fired again from the view itself.
  private passCompose(event: ComposeEvent) {
    this.dispatchEvent(this.noting ? new NoteEvent(event.text) : new ComposeEvent(event.text));
  }

  /** Files for the reply (never for a note); a drop of anything else, or pasted text, is left alone. */
  private passAttach(event: Partial<AttachEvent & DragEvent & ClipboardEvent>) {
    const files = filesOf(event);
    if (!files.length || !this.attachable || this.noting) return;
    event.preventDefault?.();
    this.dispatchEvent(new AttachEvent(files));
  }

  private get failed(): ShownMessage[] {
    return this.messages.filter((message) => message.status === "failed");
  }

  private passLoadEarlier() {
    this.dispatchEvent(new Event("load-earlier"));
  }

  private passModerate(event: ModerateEvent) {
    this.dispatchEvent(new ModerateEvent(event.moderation));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-conversation-view": PorchConversationView;
  }
  interface GlobalEventHandlersEventMap {
    "navigate-back": Event;
    "retry-all": Event;
    "status-change": StatusChangeEvent;
    note: NoteEvent;
  }
}
