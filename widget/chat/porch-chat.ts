import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { ChatMessage, VisitorProfile } from "../../protocol/index.ts";
import { resolveEndpoint } from "../endpoint.ts";
import "../shared/porch-composer.ts";
import "./porch-intro.ts";
import "./porch-launcher.ts";
import type { PorchLauncher } from "./porch-launcher.ts";
import "../shared/porch-message-list.ts";
import "./porch-panel.ts";
import { defaultStrings, errorKey, fill, type PorchStrings } from "./strings.ts";
import { base, tokens } from "../shared/theme.ts";
import { ViewportFit } from "./viewport-fit.ts";
import { VisitorSession, type VisitorSessionHost } from "./visitor-session.ts";

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * Porch's live chat for visitors: a launcher in the page corner that opens a conversation with
 * the site owner. Nothing is stored and no connection is opened until the visitor interacts,
 * unless they already have a conversation (then it connects at load to catch replies).
 *
 * @fires porch-open - The panel opened.
 * @fires porch-close - The panel closed.
 * @fires porch-message - A message arrived (detail: `{message}`): an owner reply, or the visitor's own once stored.
 * @fires porch-unread - The count of unseen owner replies changed (detail: `{count}`).
 *
 * @csspart launcher - The round open/close button.
 * @csspart panel - The chat window.
 * @csspart messages - The scrolling conversation (`role="log"`).
 * @csspart message - One message bubble.
 * @csspart input - The message text field.
 * @csspart send - The send button.
 *
 * @cssprop [--porch-accent=#1f6f5c] - Launcher, header and visitor bubbles.
 * @cssprop [--porch-accent-contrast=#ffffff] - Text on the accent color.
 * @cssprop [--porch-font=system-ui] - Font family.
 * @cssprop [--porch-radius=16px] - Corner radius of the panel and bubbles.
 * @cssprop [--porch-z-index=2147483000] - Stacking order.
 * @cssprop [--porch-offset-x=20px] - Distance from the left or right edge.
 * @cssprop [--porch-offset-y=20px] - Distance from the bottom edge.
 * @cssprop --porch-surface, --porch-surface-muted, --porch-text, --porch-text-muted, --porch-border - Light colors (`-dark` suffix for dark).
 */
@customElement("porch-chat")
export class PorchChat extends LitElement implements VisitorSessionHost {
  /** WebSocket URL of the Porch backend; empty or `auto` uses the built-in or same-host default. */
  @property() endpoint = "";
  /** Corner of the page: `right` or `left`. */
  @property({ reflect: true }) position: "left" | "right" = "right";
  /** Color scheme: `auto` follows the visitor's system, or force `light` / `dark`. */
  @property({ reflect: true }) theme: "auto" | "light" | "dark" = "auto";
  /** Panel title (overrides `strings.heading`). */
  @property() heading = "";
  /** First bubble of every conversation (overrides `strings.greeting`). */
  @property() greeting = "";
  /** Shown while the owner is offline (overrides `strings.awayText`). */
  @property({ attribute: "away-text" }) awayText = "";
  /** Ask new visitors for an optional name and email before the first message. */
  @property({ type: Boolean }) intro = false;
  /** Overrides for any visible string; the attribute takes JSON. */
  @property({ type: Object }) strings: Partial<PorchStrings> = {};

  @state() private opened = false;
  @state() private showIntro = false;
  @state() private introProblem = "";
  @query("porch-launcher") private launcher!: PorchLauncher;

  private readonly session = new VisitorSession(this as VisitorSessionHost);
  private lastUnread = 0;

  static override styles = [
    tokens,
    base,
    css`
      :host {
        all: initial;
        position: fixed;
        z-index: var(--_z);
        right: var(--_x);
        bottom: var(--_y);
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 14px;
        font: 15px/1.4 var(--_font);
        color: var(--_text);
      }
      :host([position="left"]) {
        right: auto;
        left: var(--_x);
        align-items: flex-start;
      }
      .problem {
        margin: 0;
        padding: 8px 14px;
        font-size: 13px;
        background: #fdecea;
        color: #8a1c14;
      }
      @media (max-width: 480px) {
        .behind-panel {
          display: none;
        }
      }
    `,
  ];

  constructor() {
    super();
    new ViewportFit(this);
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return this.opened;
  }

  /** Unseen owner replies (always 0 while the panel is open). */
  get unread(): number {
    if (this.opened) return 0;
    const readAt = this.session.identity.readAt;
    return this.session.timeline.messages.filter((m) => m.from === "owner" && m.sentAt !== null && m.sentAt > readAt).length;
  }

  /** Opens the panel, connects, and moves focus into it. */
  async open(): Promise<void> {
    if (this.opened) return;
    this.session.begin();
    this.opened = true;
    this.showIntro ||= this.intro && !this.session.identity.started && !this.session.profile;
    this.dispatchEvent(new Event("porch-open", { bubbles: true, composed: true }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("porch-intro, porch-composer")?.focus();
  }

  /** Closes the panel; focus returns to the launcher if it was inside the widget. */
  async close(): Promise<void> {
    if (!this.opened) return;
    const hadFocus = this.matches(":focus-within");
    this.opened = false;
    this.dispatchEvent(new Event("porch-close", { bubbles: true, composed: true }));
    await this.updateComplete;
    if (hadFocus) this.launcher.focus();
  }

  toggle(): Promise<void> {
    return this.opened ? this.close() : this.open();
  }

  get resolvedEndpoint(): string {
    return resolveEndpoint(this.endpoint);
  }

  /** @internal Called by the session for every message the page did not have. */
  messageArrived(message: ChatMessage): void {
    this.dispatchEvent(new CustomEvent("porch-message", { bubbles: true, composed: true, detail: { message } }));
  }

  override updated(): void {
    if (this.opened) {
      const newestReply = this.session.timeline.messages.findLast((m) => m.from === "owner" && m.sentAt !== null);
      if (newestReply?.sentAt) this.session.identity.markReadUpTo(newestReply.sentAt);
    }
    const count = this.unread;
    if (count !== this.lastUnread) {
      this.lastUnread = count;
      this.dispatchEvent(new CustomEvent("porch-unread", { bubbles: true, composed: true, detail: { count } }));
    }
  }

  override render() {
    const s = { ...defaultStrings, ...this.strings };
    const unread = this.unread;
    return html`${this.opened ? this.renderPanel(s) : nothing}
      <porch-launcher
        class=${this.opened ? "behind-panel" : ""}
        exportparts="button: launcher"
        .expanded=${this.opened}
        .unread=${unread}
        .label=${(this.opened ? s.closeChat : s.openChat) + (unread ? `, ${fill(s.unread, { count: unread })}` : "")}
        @click=${this.toggle}
      ></porch-launcher>`;
  }

  private renderPanel(s: PorchStrings) {
    const { session } = this;
    const owner = session.owner;
    const problem = session.problem && session.problem.code !== "offline" ? s[errorKey(session.problem.code)] : "";
    return html`<porch-panel
      part="panel"
      role="dialog"
      aria-label=${this.heading || s.heading}
      .heading=${this.heading || s.heading}
      .status=${this.statusLine(s)}
      .online=${!!owner?.online}
      .closeLabel=${s.closeChat}
      @panel-close=${this.close}
    >
      ${this.intro
        ? html`<button slot="actions" class="details" aria-label=${s.editDetails} @click=${this.editIntro}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></svg>
          </button>`
        : nothing}
      ${this.showIntro
        ? html`<porch-intro
            .strings=${s}
            .profile=${session.profile}
            .problem=${this.introProblem}
            @save=${this.saveIntro}
            @skip=${this.closeIntro}
          ></porch-intro>`
        : html`<porch-message-list
              part="messages"
              exportparts="message"
              role="log"
              aria-live="polite"
              aria-relevant="additions"
              aria-label=${s.conversation}
              .strings=${s}
              .messages=${session.timeline.messages}
              .greeting=${this.greeting || s.greeting}
              .notice=${owner && !owner.online ? this.awayText || s.awayText : ""}
              .hasEarlier=${session.timeline.hasEarlier}
              .offline=${session.connection.state !== "online"}
              @retry=${(e: CustomEvent<string>) => session.retry(e.detail)}
              @earlier=${() => session.loadEarlier()}
            ></porch-message-list>
            ${problem ? html`<p class="problem" role="alert">${problem}</p>` : nothing}
            <porch-composer exportparts="input, send" .strings=${s} @compose=${this.compose}></porch-composer>`}
    </porch-panel>`;
  }

  private statusLine(s: PorchStrings): string {
    const { owner, connection, clockSkewMs } = this.session;
    if (connection.state === "offline") return s.reconnecting;
    if (!owner) return connection.state === "connecting" ? s.connecting : "";
    if (owner.online) return s.online;
    if (owner.lastSeenAt === null) return s.away;
    const ago = owner.lastSeenAt - (Date.now() + clockSkewMs);
    const [unit, ms] = units.find(([, ms]) => -ago >= ms) ?? units[2]!;
    return fill(s.lastSeen, { time: relativeTime.format(Math.round(ago / ms), unit) });
  }

  private compose(event: CustomEvent<string>) {
    this.session.send(event.detail);
  }

  private async editIntro() {
    this.introProblem = "";
    this.showIntro = true;
    await this.updateComplete;
    this.renderRoot.querySelector("porch-intro")?.focus();
  }

  private async saveIntro(event: CustomEvent<VisitorProfile>) {
    const strings = { ...defaultStrings, ...this.strings };
    if (await this.session.register(event.detail)) await this.closeIntro();
    else this.introProblem = this.session.problem ? strings[errorKey(this.session.problem.code)] : "";
  }

  private async closeIntro() {
    this.showIntro = false;
    await this.updateComplete;
    this.renderRoot.querySelector("porch-composer")?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-chat": PorchChat;
  }
  interface GlobalEventHandlersEventMap {
    "porch-open": Event;
    "porch-close": Event;
    "porch-message": CustomEvent<{ message: ChatMessage }>;
    "porch-unread": CustomEvent<{ count: number }>;
  }
}
