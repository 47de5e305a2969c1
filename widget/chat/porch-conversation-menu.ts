import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { problemOf } from "../shared/timeline.ts";
import { conversationText, eraseConversation, saveTextFile, wholeConversation } from "./conversation-data.ts";
import { conversationMenuStrings } from "./menu-strings.ts";
import { defaultStrings, errorKey, plural, type VisitorStrings } from "./strings.ts";
import type { VisitorSession } from "./visitor-session.ts";
import { base } from "../shared/theme.ts";

/**
 * The visitor's own data, from the panel (docs/privacy.md): how long the conversation is kept,
 * "Download this conversation" (a text file made here from every page of `list`) and "Delete this
 * conversation" (after a confirmation, the chat sends `erase`). Loaded on first use: the header's
 * button imports this module when it is first pressed.
 *
 * @internal A part of `<porch-chat>`.
 * @fires menu-erased - The conversation was erased (after the visitor confirmed); not composed.
 * @fires menu-close - Escape, or Cancel; not composed.
 */
@customElement("porch-conversation-menu")
export class PorchConversationMenu extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The visitor's session: its history, its retention (from `hello`), its connection. */
  @property({ attribute: false }) session!: VisitorSession;
  /** Overrides of any visible string (the `strings` of `<porch-chat>`). */
  @property({ attribute: false }) strings: Partial<VisitorStrings> = {};
  /** Who answers, as the download names them ("" for none). */
  @property() peer = "";

  @state() private confirming = false;
  /** A delete is on its way. */
  @state() private busy = false;
  /** Why the last download or delete failed, in words. */
  @state() private problem = "";

  static override styles = [
    base,
    css`
      :host {
        display: block;
        border-bottom: 1px solid var(--_border);
        background: var(--_surface);
        font-size: 13px;
      }
      section {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        padding: 10px 14px;
      }
      p {
        flex-basis: 100%;
        margin: 0;
      }
      .kept {
        color: var(--_text-muted);
      }
      button {
        min-height: 32px;
        padding: 5px 12px;
        border-radius: 999px;
        border: 1px solid var(--_field-border);
        background: none;
        color: var(--_text);
        font-size: 13px;
      }
      button.danger {
        border-color: var(--_danger);
        background: var(--_danger);
        color: var(--_danger-surface);
      }
      button:disabled {
        cursor: progress;
        opacity: 0.7;
      }
      .problem {
        color: var(--_danger);
      }
    `,
  ];

  override render() {
    const s = { ...conversationMenuStrings, ...this.strings };
    const days = this.session.retentionDays;
    const kept = days === null ? "" : days === 0 ? s.menuKeptForever : plural(s.menuKept, days, this.lang);
    if (this.confirming)
      return html`<section role="alertdialog" aria-labelledby="confirm" @keydown=${this.onKeydown}>
        <p id="confirm">${s.menuDeleteConfirm}</p>
        <button class="danger" ?disabled=${this.busy} @click=${this.erase}>${s.menuDeleteYes}</button>
        <button ?disabled=${this.busy} @click=${this.cancel}>${s.menuCancel}</button>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      </section>`;
    return html`<section role="group" aria-label=${s.menuTitle} @keydown=${this.onKeydown}>
      ${kept ? html`<p class="kept">${kept}</p>` : nothing}
      <button @click=${this.download}>${s.menuDownload}</button>
      <button @click=${this.askToErase}>${s.menuDelete}</button>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  /** Every message of the conversation, oldest first, as a text file the browser saves. */
  private async download() {
    const s = { ...conversationMenuStrings, ...this.strings };
    try {
      const messages = await wholeConversation(this.session.historyPage);
      this.problem = "";
      saveTextFile(s.menuFileName, conversationText(messages, s, this.peer, this.lang));
    } catch {
      this.problem = s.menuDownloadFailed;
    }
  }

  private async askToErase() {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".danger")?.focus();
  }

  private async erase() {
    this.busy = true;
    try {
      await eraseConversation(this.session);
      this.dispatchEvent(new Event("menu-erased"));
    } catch (error) {
      this.problem = { ...defaultStrings, ...this.strings }[errorKey(problemOf(error).code)];
    } finally {
      this.busy = false;
    }
  }

  private cancel() {
    this.problem = "";
    if (this.confirming) this.confirming = false;
    else this.dispatchEvent(new Event("menu-close"));
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    // The menu closes, not the panel.
    event.stopPropagation();
    this.confirming = false;
    this.dispatchEvent(new Event("menu-close"));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-conversation-menu": PorchConversationMenu;
  }
  interface GlobalEventHandlersEventMap {
    "menu-erased": Event;
    "menu-close": Event;
  }
}
