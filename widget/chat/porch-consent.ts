import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { consentStrings, type ConsentStrings } from "./consent-strings.ts";
import { base } from "../shared/theme.ts";

/** The privacy notice's address, if it is one a link may go to (http(s), absolute or relative to the page). */
function privacyHref(url: string): string | null {
  try {
    return url && /^https?:$/.test(new URL(url, location.href).protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * A consent-first site's notice (`<porch-chat consent>`): what the chat stores, a link to the
 * site's privacy notice, and two answers of the same weight, Not now and Accept (declining is as
 * easy as accepting: no colour pushes either). It stands where the panel opens, until the visitor
 * answers; before Accept nothing is stored and no connection is opened (docs/privacy.md). Loaded
 * on first use: the chat imports it when it first has to ask.
 *
 * @internal A part of `<porch-chat>`.
 * @fires consent-accept - The visitor accepted; not composed.
 * @fires consent-decline - Not now, or Escape; not composed.
 */
@customElement("porch-consent")
export class PorchConsent extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Overrides of any visible string (the `strings` of `<porch-chat>`). */
  @property({ attribute: false }) strings: Partial<ConsentStrings> = {};
  /** The site's privacy notice (`privacy-url`); no link without one. */
  @property() privacyUrl = "";

  static override styles = [
    base,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        width: min(380px, calc(100vw - 2 * var(--_x)));
        padding: 18px;
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        box-shadow: 0 12px 40px var(--_shadow);
        font-size: 14px;
      }
      h2 {
        margin: 0 0 6px;
        font-size: 16px;
      }
      p {
        margin: 0 0 14px;
      }
      a {
        display: inline-block;
        min-height: 24px;
        color: inherit;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        justify-content: flex-end;
      }
      button {
        min-height: 36px;
        padding: 8px 16px;
        border-radius: var(--_radius);
        border: 1px solid var(--_field-border);
        background: none;
        color: var(--_text);
      }
    `,
  ];

  override render() {
    const s = { ...consentStrings, ...this.strings };
    const href = privacyHref(this.privacyUrl);
    return html`<section role="dialog" aria-labelledby="title" aria-describedby="text" @keydown=${this.onKeydown}>
      <h2 id="title">${s.consentTitle}</h2>
      <p id="text">${s.consentText}</p>
      ${href ? html`<p><a href=${href} target="_blank" rel="noopener">${s.consentPrivacy}</a></p>` : nothing}
      <div class="actions">
        <button @click=${() => this.answer("consent-decline")}>${s.consentDecline}</button>
        <button @click=${() => this.answer("consent-accept")}>${s.consentAccept}</button>
      </div>
    </section>`;
  }

  private answer(type: "consent-accept" | "consent-decline") {
    this.dispatchEvent(new Event(type));
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    this.answer("consent-decline");
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-consent": PorchConsent;
  }
  interface GlobalEventHandlersEventMap {
    "consent-accept": Event;
    "consent-decline": Event;
  }
}
