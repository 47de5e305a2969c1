import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { base } from "../shared/theme.ts";

/**
 * The chat window: a header with who answers, their presence and a close button, and a body slot.
 * Full screen on narrow viewports, sized to the visual viewport so the on-screen keyboard never
 * covers the composer; there it is a modal dialog that keeps Tab inside it.
 *
 * @internal A part of `<porch-chat>`.
 * @fires panel-close - Escape or the close button; not composed.
 * @slot - The body: message list and composer, or the intro form.
 * @slot avatar - The owner's picture, before the title.
 * @slot actions - Extra header buttons.
 */
@customElement("porch-panel")
export class PorchPanel extends LitElement {
  /** The panel title. */
  @property() heading = "";
  /** One line under the title: "Online", "Last seen 2 hours ago", "Reconnecting…". */
  @property() status = "";
  /** An optional line under the status, e.g. "Usually replies within a few hours". */
  @property() note = "";
  /**
   * What the dot beside the status shows: the owner `online` (green) or `away`, or, while the
   * connection is not up, `connecting` (a ring): never green beside "Reconnecting…".
   */
  @property({ reflect: true }) presence: "online" | "away" | "connecting" = "connecting";
  /** Accessible name of the close button. */
  @property() closeLabel = "";
  /** Full screen: nothing else on the page can be reached, so focus wraps around inside. */
  @state() private fullScreen = false;
  private readonly narrowViewport = matchMedia("(max-width: 480px)");
  private readonly narrowChanged = () => {
    this.fullScreen = this.narrowViewport.matches;
  };

  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        width: min(380px, calc(100vw - 2 * var(--_x)));
        height: min(600px, calc(100vh - 3 * var(--_y) - 56px));
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        box-shadow: 0 12px 40px var(--_shadow);
        overflow: hidden;
        animation: rise 0.18s ease-out;
      }
      @keyframes rise {
        from {
          opacity: 0;
          transform: translateY(8px);
        }
      }
      @media (max-width: 480px) {
        :host {
          position: fixed;
          inset-inline-start: 0;
          top: var(--_viewport-top, 0px);
          width: 100vw;
          height: var(--_viewport-height, 100dvh);
          border: 0;
          border-radius: 0;
        }
      }
      header {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 14px 12px;
        padding-inline-start: 18px;
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      .titles {
        flex: 1;
        min-width: 0;
      }
      h2 {
        margin: 0;
        font-size: 16px;
        font-weight: 600;
      }
      h2,
      .status,
      .note {
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .status {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
      }
      .note {
        font-size: 12px;
      }
      .dot {
        flex: none;
        box-sizing: border-box;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: currentColor;
        opacity: 0.6;
      }
      :host([presence="online"]) .dot {
        background: var(--_online);
        opacity: 1;
      }
      :host([presence="connecting"]) .dot {
        background: none;
        border: 1.5px solid currentColor;
      }
      ::slotted([slot="avatar"]) {
        --_avatar-back: var(--_accent-contrast);
        --_avatar-fore: var(--_accent);
      }
      .edge {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      ::slotted([slot="actions"]),
      .close {
        display: grid;
        place-items: center;
        width: 36px;
        height: 36px;
        padding: 0;
        border: 0;
        border-radius: calc(var(--_radius) * 1.25);
        background: transparent;
        color: inherit;
      }
      ::slotted([slot="actions"]:hover),
      .close:hover {
        background: color-mix(in srgb, var(--_accent-contrast) 15%, transparent);
      }
      ::slotted([slot="actions"]:focus-visible),
      .close:focus-visible {
        outline: 2px solid var(--_accent-contrast);
        outline-offset: -2px;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("keydown", this.onKeydown);
    this.narrowViewport.addEventListener("change", this.narrowChanged);
    this.narrowChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.onKeydown);
    this.narrowViewport.removeEventListener("change", this.narrowChanged);
  }

  override updated(): void {
    this.setAttribute("aria-modal", String(this.fullScreen));
  }

  override render() {
    // Full screen, two focusable edges send Tab from the last control to the first and back.
    const edge = (wrap: () => void) => (this.fullScreen ? html`<span class="edge" tabindex="0" @focus=${wrap}></span>` : nothing);
    return html`${edge(this.focusLast)}<header>
        <slot name="avatar"></slot>
        <div class="titles">
          <h2>${this.heading}</h2>
          <div class="status" role="status"><span class="dot"></span>${this.status}</div>
          ${this.note ? html`<div class="note">${this.note}</div>` : nothing}
        </div>
        <slot name="actions"></slot>
        <button class="close" aria-label=${this.closeLabel} title=${this.closeLabel} @click=${this.requestClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
        </button>
      </header>
      <slot></slot>${edge(this.focusFirst)}`;
  }

  /** The header's first control: an extra action if there is one, else the close button. */
  private readonly focusFirst = () => {
    const action = this.querySelector<HTMLElement>('[slot="actions"]');
    (action ?? this.renderRoot.querySelector<HTMLElement>(".close"))?.focus();
  };

  /** The body's last part (the composer, or the intro form), which focuses its own field. */
  private readonly focusLast = () => {
    const body = [...this.children].filter((child) => !child.slot);
    (body.at(-1) as HTMLElement | undefined)?.focus();
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      this.requestClose();
    }
  };

  private requestClose() {
    this.dispatchEvent(new Event("panel-close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-panel": PorchPanel;
  }
  interface GlobalEventHandlersEventMap {
    "panel-close": Event;
  }
}
