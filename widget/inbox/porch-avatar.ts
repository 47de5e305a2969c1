import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { visitorHue } from "./visitor-name.ts";

/**
 * A visitor's round badge: the first letter of their name on a color derived from their id, so the
 * same visitor looks the same in every row and tab. Decorative: the name is always written next to it.
 *
 * @internal A part of `<porch-inbox>`.
 */
@customElement("porch-avatar")
export class PorchAvatar extends LitElement {
  /** The visitor whose color this is. */
  @property() visitorId = "";
  /** The name shown next to the badge; its first letter is drawn. */
  @property() name = "";

  static override styles = css`
    :host {
      display: grid;
      place-items: center;
      flex: none;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      /* Mixed with the theme's surface and text, so it suits light and dark alike. */
      background: color-mix(in srgb, hsl(var(--_hue, 160) 45% 50%) 22%, var(--_surface));
      color: color-mix(in srgb, hsl(var(--_hue, 160) 50% 40%) 65%, var(--_text));
      font-weight: 600;
      font-size: 16px;
      user-select: none;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("aria-hidden", "true");
  }

  override willUpdate(): void {
    // Through CSSOM, which a strict Content-Security-Policy allows (a style attribute it would not).
    this.style.setProperty("--_hue", String(visitorHue(this.visitorId)));
  }

  override render() {
    return html`${[...this.name.trim()][0]?.toUpperCase() ?? "?"}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-avatar": PorchAvatar;
  }
}
