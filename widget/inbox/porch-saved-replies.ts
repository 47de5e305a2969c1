import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { randomId } from "../shared/random-id.ts";
import { limits, type SavedReply } from "#protocol";
import { fill } from "../shared/strings.ts";
import { base, outlinedButton } from "../shared/theme.ts";
import { dialogStyles } from "./dialog-styles.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner saved a reply: a new one (a new id), or one changed. */
export class SaveReplyEvent extends Event {
  constructor(readonly reply: SavedReply) {
    super("save-reply");
  }
}

/** The owner deleted a saved reply. */
export class DeleteReplyEvent extends Event {
  constructor(readonly id: string) {
    super("delete-reply");
  }
}

/**
 * The owner's saved replies, in a modal dialog: each with Edit and Delete, and a form that adds
 * one or changes the one being edited. What `/` in a reply offers (`<porch-reply-composer>`).
 *
 * @internal A part of `<porch-inbox>`.
 * @fires save-reply - {@link SaveReplyEvent}, not composed.
 * @fires delete-reply - {@link DeleteReplyEvent}, not composed.
 */
@customElement("porch-saved-replies")
export class PorchSavedReplies extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  /** The saved replies, or null while they load. */
  @property({ attribute: false }) replies: readonly SavedReply[] | null = null;
  /** Why a change failed, in the owner's words; empty when nothing failed. */
  @property() problem = "";

  /** The id of the reply the form changes; null: the form adds one. */
  @state() private editing: string | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("form") private form!: HTMLFormElement;

  static override styles = [
    base,
    dialogStyles,
    outlinedButton,
    css`
      :host {
        --_dialog-width: 520px;
      }
      h3 {
        margin: 8px 0 4px;
        font-size: 15px;
        font-weight: 600;
      }
      ul {
        margin-bottom: 12px;
      }
      li {
        gap: 8px;
        padding: 8px 0;
      }
      .about {
        flex: 1;
        min-width: 0;
        font-size: 13px;
        color: var(--_text-muted);
        overflow-wrap: anywhere;
      }
      .about strong {
        display: block;
        font-size: 15px;
        color: var(--_text);
      }
      label {
        display: block;
        margin: 8px 0 4px;
        font-size: 14px;
      }
      input,
      textarea {
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        color: var(--_text);
        font: 15px/1.35 var(--_font);
      }
      textarea {
        min-height: 90px;
        resize: vertical;
      }
      .delete {
        color: var(--_danger);
      }
    `,
  ];

  /** Opens the dialog (modal: focus stays in it, Escape closes it). */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  override updated(): void {
    // A deleted reply's button took the focus with it: keep it in the dialog.
    if (this.dialog.open && !this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLButtonElement>(".close")?.focus();
  }

  override render() {
    const s = this.strings;
    const editing = this.replies?.find((reply) => reply.id === this.editing);
    return html`<dialog aria-labelledby="saved-title" @close=${() => this.edit(null)}>
      <h2 id="saved-title">${s.savedReplies}</h2>
      <p>${s.savedRepliesHint}</p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${
        this.replies === null
          ? html`<p role="status">${s.connecting}</p>`
          : this.replies.length === 0
            ? html`<p role="status">${s.noSavedReplies}</p>`
            : html`<ul>
              ${this.replies.map((reply) => this.renderReply(reply, s))}
            </ul>`
      }
      <form @submit=${this.submit}>
        <h3>${editing ? fill(s.editSavedReplyLabel, { title: editing.title }) : s.addSavedReply}</h3>
        <label for="title">${s.savedReplyTitle}</label>
        <input id="title" name="title" required maxlength=${limits.savedReplyTitleMaxChars} .value=${live(editing?.title ?? "")} />
        <label for="text">${s.savedReplyText}</label>
        <textarea id="text" name="text" required maxlength=${limits.savedReplyTextMaxChars} .value=${live(editing?.text ?? "")}></textarea>
        <div class="buttons">
          <button class="save">${s.saveSavedReply}</button>
          ${editing ? html`<button type="button" class="outlined cancel" @click=${() => this.edit(null)}>${s.cancel}</button>` : nothing}
          <button type="button" class="outlined close" @click=${() => this.dialog.close()}>${s.close}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderReply(reply: SavedReply, s: InboxStrings) {
    const title = reply.title;
    return html`<li>
      <span class="about"><strong>${title}</strong>${reply.text}</span>
      <button class="outlined edit" aria-label=${fill(s.editSavedReplyLabel, { title })} @click=${() => this.edit(reply.id)}>
        ${s.editSavedReply}
      </button>
      <button
        class="outlined delete"
        aria-label=${fill(s.deleteSavedReplyLabel, { title })}
        @click=${() => this.dispatchEvent(new DeleteReplyEvent(reply.id))}
      >
        ${s.deleteSavedReply}
      </button>
    </li>`;
  }

  private edit(id: string | null): void {
    this.editing = id;
    this.form?.reset();
    if (id) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>("#title")?.focus());
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const field = (name: string) => this.form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${name}`)?.value.trim() ?? "";
    const [title, text] = [field("title"), field("text")];
    if (!title || !text) return;
    this.dispatchEvent(new SaveReplyEvent({ id: this.editing ?? randomId(), title, text }));
    this.editing = null;
    this.form.reset();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-saved-replies": PorchSavedReplies;
  }
  interface GlobalEventHandlersEventMap {
    "save-reply": SaveReplyEvent;
    "delete-reply": DeleteReplyEvent;
  }
}
