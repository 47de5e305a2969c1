import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { limits } from "#protocol";
import { fill } from "../shared/strings.ts";
import { emailOfferStrings, type EmailOfferStrings } from "./email-offer-strings.ts";
import { base } from "../shared/theme.ts";

/** The visitor gave an address for reply emails, or removed theirs (`address` is then ""). */
export class EmailOfferSaveEvent extends Event {
  constructor(readonly address: string) {
    super("email-offer-save");
  }
}

/**
 * "Get the reply by email": the panel's one place for reply emails, one line tall. It asks once,
 * inline and optionally (`asking`), for an address; once there is one it says where replies the
 * visitor misses go: that its recipient must confirm it first, that they are emailed there, or
 * that they were unsubscribed, with a way to change or remove it, or to ask again. It renders
 * nothing while there is nothing to say.
 *
 * @internal A part of `<porch-chat>`, which decides when to ask (porch-visitor-chat.ts).
 * @fires email-offer-save - {@link EmailOfferSaveEvent}, not composed.
 * @fires email-offer-dismiss - The visitor does not want reply emails ("No thanks"); not composed.
 */
@customElement("porch-email-offer")
export class PorchEmailOffer extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Its strings in the chat's language, and the page's overrides (`<porch-chat>`'s `strings`); English fills the rest. */
  @property({ attribute: false }) strings: Partial<EmailOfferStrings> = {};
  /** The address the visitor gave, "" when they gave none. */
  @property() address = "";
  /** Its recipient confirmed it: replies are emailed there. */
  @property({ type: Boolean }) confirmed = false;
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
      form,
      .known {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        padding: 6px 10px;
        padding-inline-start: 14px;
      }
      input {
        flex: 1 1 10em;
        min-width: 0;
        box-sizing: border-box;
        min-height: 32px;
        padding: 4px 10px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) * 0.625);
        background: var(--_surface);
        color: var(--_text);
        font: 16px var(--_font);
      }
      p {
        flex: 1 1 12em;
        margin: 0;
        overflow-wrap: anywhere;
      }
      button {
        min-width: 28px;
        min-height: 28px;
        padding: 2px 10px;
        border-radius: var(--_radius);
        border: 1px solid var(--_field-border);
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
        color: var(--_danger);
      }
    `,
  ];

  override render() {
    const s = { ...emailOfferStrings, ...this.strings };
    if (this.editing || (this.asking && !this.address)) return this.renderForm();
    if (!this.address) return nothing;
    const line = this.unsubscribed ? s.emailOfferStopped : this.confirmed ? s.emailOfferOn : s.emailOfferConfirm;
    return html`<div class="known" role="status">
      <p>${fill(line, { email: this.address })}</p>
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

  /** One line: the address field (its placeholder says what it is for), send, and no thanks (or cancel). */
  private renderForm() {
    const s = { ...emailOfferStrings, ...this.strings };
    return html`<form aria-label=${s.emailOfferTitle} @submit=${this.submit}>
      <input
        name="email"
        type="email"
        required
        autocomplete="email"
        maxlength=${limits.emailMaxChars}
        aria-label=${s.emailOfferTitle}
        placeholder=${s.emailOfferTitle}
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
