import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ConversationSummary } from "#protocol";
import { mailtoHref } from "../shared/mailto.ts";
import { pageLink } from "../shared/page-link.ts";
import { base } from "../shared/theme.ts";
import { languageName, localTime, longTime } from "./format-time.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner asked for the conversation as a text file. */
export class ExportEvent extends Event {
  constructor() {
    super("export-transcript");
  }
}

/** What the owner decided about a visitor. */
export type Moderation = "block" | "unblock" | "delete";

/** The owner decided about the visitor (a deletion is already confirmed). */
export class ModerateEvent extends Event {
  constructor(readonly moderation: Moderation) {
    super("moderate");
  }
}

/**
 * Who the visitor is (name, email, first and last seen) and what the owner can do about them:
 * block or unblock, and delete the conversation after a confirmation.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires moderate - {@link ModerateEvent}, not composed.
 * @fires export-transcript - {@link ExportEvent}: "Download as text", not composed.
 */
@customElement("porch-visitor-details")
export class PorchVisitorDetails extends LitElement {
  @property({ attribute: false }) conversation!: ConversationSummary;
  @property({ attribute: false }) strings!: InboxStrings;
  /** The inbox's language (BCP 47), for plurals, numbers and dates; the browser's when empty. */
  @property() locale = "";

  @state() private confirming = false;

  static override styles = [
    base,
    css`
      :host {
        display: block;
        padding: 18px 18px 24px;
        font-size: 14px;
      }
      h2 {
        margin: 0 0 12px;
        font-size: 13px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--_text-muted);
      }
      dl {
        display: grid;
        gap: 2px 0;
        margin: 0 0 20px;
      }
      dt {
        font-size: 12px;
        color: var(--_text-muted);
      }
      dd {
        margin: 0 0 10px;
        overflow-wrap: anywhere;
      }
      .none {
        color: var(--_text-muted);
      }
      .page-host,
      .page-title {
        color: var(--_text-muted);
      }
      a {
        display: inline-block;
        min-height: 24px;
        line-height: 24px;
        color: inherit;
        text-underline-offset: 2px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      button {
        padding: 7px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        font-size: 13px;
      }
      button:hover {
        background: var(--_surface-muted);
      }
      .danger {
        color: var(--_danger);
      }
      .confirm {
        background: var(--_danger);
        border-color: var(--_danger);
        color: var(--_surface);
      }
      .confirm:hover {
        background: var(--_danger);
      }
      p {
        margin: 0 0 10px;
      }
      .blocked {
        padding: 8px 10px;
        border-radius: 8px;
        background: var(--_surface-muted);
      }
    `,
  ];

  override render() {
    const s = this.strings;
    const row = this.conversation;
    const locale = this.locale || undefined;
    const given = (value: string | null, shown: unknown = value) => (value ? shown : html`<span class="none">${s.notGiven}</span>`);
    return html`<h2>${s.details}</h2>
      <dl>
        <dt>${s.nickname}</dt>
        <dd dir="auto">${given(row.nickname)}</dd>
        <dt>${s.email}</dt>
        <dd>${given(row.email, html`<a href=${mailtoHref(row.email ?? "")}>${row.email}</a>`)}</dd>
        <dt>${s.firstSeen}</dt>
        <dd>${longTime(row.firstSeenAt, locale)}</dd>
        <dt>${s.lastSeen}</dt>
        <dd>${longTime(row.lastSeenAt, locale)}</dd>
        ${
          row.lastPage
            ? html`<dt>${s.lastPage}</dt>
                <dd>${pageLink(row.lastPage)}</dd>`
            : nothing
        }
        ${
          row.referrer
            ? html`<dt>${s.referrer}</dt>
                <dd><a href=${row.referrer} target="_blank" rel="noopener noreferrer">${row.referrer}</a></dd>`
            : nothing
        }
        ${row.language ? html`<dt>${s.language}</dt><dd>${languageName(row.language, locale)}</dd>` : nothing}
        ${row.timeZone ? html`<dt>${s.localTime}</dt><dd>${localTime(row.timeZone, Date.now(), locale)}</dd>` : nothing}
      </dl>
      ${row.blocked ? html`<p class="blocked">${s.blockedNote}</p>` : nothing}
      ${
        this.confirming
          ? html`<p role="alert">${s.deleteQuestion}</p>
            <div class="actions">
              <button class="confirm" @click=${() => this.moderate("delete")}>${s.confirmDelete}</button>
              <button class="cancel" @click=${this.cancel}>${s.cancel}</button>
            </div>`
          : html`<div class="actions">
            <button class="export" @click=${() => this.dispatchEvent(new ExportEvent())}>${s.exportText}</button>
            <button class="block" @click=${() => this.moderate(row.blocked ? "unblock" : "block")}>
              ${row.blocked ? s.unblock : s.block}
            </button>
            <button class="danger delete" @click=${this.askDelete}>${s.delete}</button>
          </div>`
      }`;
  }

  private async askDelete() {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(".cancel")?.focus();
  }

  private async cancel() {
    this.confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(".delete")?.focus();
  }

  private moderate(moderation: Moderation) {
    this.confirming = false;
    this.dispatchEvent(new ModerateEvent(moderation));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-visitor-details": PorchVisitorDetails;
  }
  interface GlobalEventHandlersEventMap {
    moderate: ModerateEvent;
    "export-transcript": ExportEvent;
  }
}
