import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

/** "Marta Lindqvist" → "ML"; one word → its first letter. */
const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .filter((word, index, words) => index === 0 || index === words.length - 1)
    .map((word) => [...word][0]?.toUpperCase() ?? "")
    .join("");

/**
 * The owner's picture: their avatar image when the site set one and the page lets it load, else
 * their initials. A page whose Content-Security-Policy does not allow the image's origin in
 * `img-src` blocks it, and the initials show instead.
 *
 * @internal A part of `<porch-chat>`.
 */
@customElement("porch-owner-avatar")
export class PorchOwnerAvatar extends LitElement {
  /** The image's http(s) URL, or empty. */
  @property() src = "";
  /** The owner's name, for the initials. */
  @property() name = "";
  /** The image's alternative text; empty when the name is written beside it. */
  @property() alt = "";
  /** 20px (beside a reply) instead of 36px (in the header). */
  @property({ type: Boolean, reflect: true }) small = false;
  /** The image failed to load (missing, or blocked by the page's CSP). */
  @state() private broken = false;

  static override styles = css`
    :host([small]) {
      --_size: 20px;
    }
    :host {
      display: grid;
      place-items: center;
      flex: none;
      width: var(--_size, 36px);
      height: var(--_size, 36px);
      border-radius: 50%;
      overflow: hidden;
      background: var(--_avatar-back, var(--_accent));
      color: var(--_avatar-fore, var(--_accent-contrast));
      font: 600 calc(var(--_size, 36px) * 0.4) var(--_font);
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("src")) this.broken = false;
  }

  override render() {
    return this.src && !this.broken
      ? html`<img src=${this.src} alt=${this.alt} @error=${() => (this.broken = true)} />`
      : html`<span aria-hidden="true">${initials(this.name)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-owner-avatar": PorchOwnerAvatar;
  }
}
