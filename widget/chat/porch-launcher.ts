import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "../shared/theme.ts";

/**
 * The round button in the page corner that opens and closes the chat, with an unread badge.
 *
 * @internal A part of `<porch-chat>`.
 * @csspart button - The button (exported by `<porch-chat>` as `launcher`).
 */
@customElement("porch-launcher")
export class PorchLauncher extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Whether the panel it controls is open. */
  @property({ type: Boolean }) expanded = false;
  /** Owner replies the visitor has not seen; 0 hides the badge. */
  @property({ type: Number }) unread = 0;
  /** Accessible name, including the unread count. */
  @property() label = "";

  static override styles = [
    base,
    css`
      button {
        position: relative;
        display: grid;
        place-items: center;
        width: 56px;
        height: 56px;
        border: 0;
        border-radius: 50%;
        background: var(--_accent);
        color: var(--_accent-contrast);
        box-shadow: 0 6px 20px var(--_shadow);
        transition: transform 0.15s ease;
      }
      button:hover {
        transform: scale(1.05);
      }
      svg {
        width: 26px;
        height: 26px;
      }
      .badge {
        position: absolute;
        top: -2px;
        right: -2px;
        min-width: 20px;
        height: 20px;
        padding: 0 5px;
        box-sizing: border-box;
        border-radius: 10px;
        background: var(--_badge);
        color: var(--_badge-contrast);
        font: 600 12px/20px var(--_font);
        border: 2px solid var(--_surface);
        line-height: 16px;
      }
    `,
  ];

  override render() {
    return html`<button part="button" aria-expanded=${this.expanded} aria-label=${this.label}>
      ${
        this.expanded
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`
          : html`<svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
          </svg>`
      }
      ${
        this.unread && !this.expanded
          ? html`<span class="badge" aria-hidden="true">${this.unread > 9 ? "9+" : this.unread}</span>`
          : nothing
      }
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-launcher": PorchLauncher;
  }
}
