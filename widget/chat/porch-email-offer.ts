import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { limits } from "#protocol";
import { fill } from "../shared/strings.ts";
import { base } from "../shared/theme.ts";

/** The visitor gave an address for reply emails, or removed theirs (`address` is then ""). */
export class EmailOfferSaveEvent extends Event {
  constructor(readonly address: string) {
    super("email-offer-save");
  }
}

/** What `<porch-email-offer>` says. `{email}` is the visitor's address. */
export interface EmailOfferStrings {
  emailOfferTitle: string;
  emailOfferHint: string;
  emailOfferSave: string;
  emailOfferDismiss: string;
  emailOfferCancel: string;
  emailOfferOn: string;
  emailOfferStopped: string;
  emailOfferAgain: string;
  emailOfferChange: string;
  emailOfferRemove: string;
  email: string;
}

/**
 * "Get the reply by email": the panel's one place for reply emails. It asks once, inline and
 * optionally (`asking`), for an address; once there is one it says where replies the visitor
 * misses are emailed, with a way to change or remove it, or that they were unsubscribed and a way
 * to get them again. It renders nothing while there is nothing to say.
 *
 * @internal A part of `<porch-chat>`, which decides when to ask (porch-chat.ts, `emailOffer`).
 * @fires email-offer-save - {@link EmailOfferSaveEvent}, not composed.
 * @fires email-offer-dismiss - The visitor does not want reply emails ("No thanks"); not composed.
 */
@customElement("porch-email-offer")
export class PorchEmailOffer extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @property({ attribute: false }) strings!: EmailOfferStrings;
  /** The address replies are emailed to, "" when the visitor gave none. */
  @property() address = "";
  /** The address was unsubscribed through an email's link. */
  @property({ type: Boolean }) unsubscribed = false;
  /** Ask for an address (the visitor gave none and has not declined). */
  @property({ type: Boolean }) asking = false;
  /** Why the last save failed, in words. */
  @property() problem = "";
  /** A save is on its way. */
  @property({ type: Boolean }) busy = false;

  @state() private editing = false;
  @query("input") private field?: HTMLInputElement;

  static override styles = [
    base,
    css`
      :host {
        display: block;
        border-top: 1px solid var(--_border);
        background: var(--_surface);
        font-size: 13px;
      }
      :host([hidden]) {
        display: none;
      }
      form,
      .known {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 8px;
        padding: 10px 14px;
      }
      .title {
        flex-basis: 100%;
        margin: 0;
        font-weight: 600;
      }
      .hint {
        flex-basis: 100%;
        margin: -4px 0 2px;
        color: var(--_text-muted);
      }
      input {
        flex: 1 1 12em;
        min-width: 0;
        box-sizing: border-box;
        min-height: 36px;
        padding: 7px 10px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.625);
        background: var(--_surface);
        color: var(--_text);
        font: 16px var(--_font);
      }
      .known p {
        flex: 1 1 12em;
        margin: 0;
        overflow-wrap: anywhere;
      }
      button {
        min-height: 32px;
        padding: 5px 12px;
        border-radius: var(--_radius);
        border: 1px solid var(--_border);
        background: none;
        font-size: 13px;
      }
      button.primary {
        border-color: var(--_accent);
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      button:disabled {
        cursor: progress;
        opacity: 0.7;
      }
      .problem {
        flex-basis: 100%;
        margin: 0;
        color: var(--_danger);
      }
    `,
  ];

  override render() {
    const s = this.strings;
    if (this.editing || (this.asking && !this.address)) return this.renderForm();
    if (!this.address) return nothing;
    const line = fill(this.unsubscribed ? s.emailOfferStopped : s.emailOfferOn, { email: this.address });
    return html`<div class="known" role="status">
      <p>${line}</p>
      ${
        this.unsubscribed
          ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.save(this.address)}>${s.emailOfferAgain}</button>`
          : nothing
      }
      <button ?disabled=${this.busy} @click=${this.edit}>${s.emailOfferChange}</button>
      ${this.unsubscribed ? nothing : html`<button ?disabled=${this.busy} @click=${() => this.save("")}>${s.emailOfferRemove}</button>`}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
    </div>`;
  }

  private renderForm() {
    const s = this.strings;
    return html`<form aria-labelledby="title" @submit=${this.submit}>
      <p class="title" id="title">${s.emailOfferTitle}</p>
      <p class="hint" id="hint">${s.emailOfferHint}</p>
      <input
        name="email"
        type="email"
        required
        autocomplete="email"
        maxlength=${limits.emailMaxChars}
        aria-label=${s.email}
        placeholder=${s.email}
        aria-describedby="hint"
        .value=${this.address}
      />
      <button class="primary" type="submit" ?disabled=${this.busy}>${s.emailOfferSave}</button>
      <button type="button" @click=${this.cancel}>${this.editing ? s.emailOfferCancel : s.emailOfferDismiss}</button>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
    </form>`;
  }

  /** Leaves the form once a save went through (the parent calls it). */
  saved(): void {
    this.editing = false;
  }

  private async edit() {
    this.editing = true;
    await this.updateComplete;
    this.field?.focus();
  }

  private cancel() {
    if (this.editing) this.editing = false;
    else this.dispatchEvent(new Event("email-offer-dismiss"));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const field = this.field;
    if (!field?.reportValidity()) return;
    this.save(field.value.trim());
  }

  private save(address: string) {
    this.dispatchEvent(new EmailOfferSaveEvent(address));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-email-offer": PorchEmailOffer;
  }
  interface GlobalEventHandlersEventMap {
    "email-offer-save": EmailOfferSaveEvent;
    "email-offer-dismiss": Event;
  }
}
