import { LitElement, css, html, nothing, unsafeCSS } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ChatMessage } from "#protocol";
import { resolveEndpoint } from "../endpoint.ts";
import "../shared/porch-composer.ts";
import { type AttachEvent, type ComposeEvent, filesOf } from "../shared/porch-composer.ts";
import type { EmailOfferSaveEvent, PorchEmailOffer } from "./porch-email-offer.ts";
import type { IntroSaveEvent } from "./porch-intro.ts";
import "../shared/porch-message-list.ts";
import { failedNotice, problemStyles } from "../shared/failed-notice.ts";
import type { AttentionSignals } from "./attention.ts";
import "./porch-panel.ts";
import { defaultStrings, errorKey, fill, type FirstUseStrings, plural, type PorchStringOverrides, type PorchStrings } from "./strings.ts";
import { base } from "../shared/theme.ts";
import { panelThemeRules } from "../shared/tokens.ts";
import { ViewportFit } from "./viewport-fit.ts";
import { VisitorSession } from "./visitor-session.ts";
import { type PageMode, whereabouts } from "./whereabouts.ts";
import { settings } from "./settings.ts";

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** What each of `<porch-chat>`'s events carries as `detail`. */
export interface PorchChatEventDetails {
  "porch-open": null;
  "porch-close": null;
  "porch-message": { message: ChatMessage };
  "porch-unread": { count: number };
}

/** What the chat adds to the loader's shadow root, which porch.js leaves out to stay small: the panel's colors on `<porch-chat>`. */
const loaderStyles = unsafeCSS(panelThemeRules);

/** Set by `scripts/build.mjs`: the start of every language's chunk name (`./porch-<hash>-`). Absent in unbundled code. */
declare const __PORCH_LOCALES__: string | undefined;

/**
 * The strings of the parts loaded on first use in `locale`, from their own catalogue; none for
 * English, or when it fails to arrive (English shows).
 */
function firstUseCatalogue(locale: string): Promise<Partial<FirstUseStrings>> {
  if (!locale || locale === "en") return Promise.resolve({});
  const path = typeof __PORCH_LOCALES__ === "string" ? `${__PORCH_LOCALES__}${locale}.first-use.js` : `./locales/${locale}.first-use.ts`;
  return import(new URL(path, import.meta.url).href).then(
    (module: { default: Partial<FirstUseStrings> }) => module.default,
    () => ({}),
  );
}

/**
 * The chat behind `<porch-chat>`'s launcher: the panel, the visitor's session and its connection.
 * porch.js's loader (`porch-chat.ts`) loads this as a chunk on the first sign of intent, or at
 * load for a visitor who has a conversation, and places it in its shadow root before the
 * launcher, which stays the loader's. Nothing is stored and no connection is opened until the
 * visitor interacts, unless they already have a conversation (then it connects at once to catch
 * replies), or the page was opened from a reply email's "Continue the conversation" link (then
 * the panel opens on it). Who answers (name, avatar, reply time) comes from the backend's
 * configuration, in `hello`.
 *
 * What the loader and this element rely on, kept backward compatible because a page may pair a
 * loader with a newer chunk (docs/widget.md, "How it loads"): the tag name; the public settings
 * as properties (settings.ts); `launcher`; `open()`, `close()`, `toggle()`, `isOpen`, `unread`,
 * `updateComplete`; and the public `porch-` events, composed, which the launcher follows.
 *
 * @internal A part of `<porch-chat>`, which documents the public API.
 * @fires {CustomEvent<null>} porch-open - The panel opened.
 * @fires {CustomEvent<null>} porch-close - The panel closed.
 * @fires {CustomEvent<{ message: ChatMessage }>} porch-message - A message arrived that the page did not have.
 * @fires {CustomEvent<{ count: number }>} porch-unread - The count of unseen owner replies changed.
 * @csspart panel - The chat window.
 * @csspart messages - The scrolling conversation (`role="log"`).
 * @csspart message - One message bubble.
 * @csspart input - The message text field.
 * @csspart send - The send button.
 */
@customElement("porch-visitor-chat")
export class PorchVisitorChat extends LitElement {
  /** WebSocket URL of the Porch backend; empty or `auto` uses the built-in or same-host default. */
  @property({ attribute: false }) endpoint = "";
  /** Panel title (overrides `strings.heading`). */
  @property({ attribute: false }) heading = "";
  /** First bubble of every conversation (overrides `strings.greeting`). */
  @property({ attribute: false }) greeting = "";
  /** Shown while the owner is offline (overrides `strings.awayText`). */
  @property({ attribute: false }) awayText = "";
  /** Ask new visitors for an optional name and email before the first message. */
  @property({ attribute: false }) intro = false;
  /** How much of the page's address each message carries for the owner (`path`, `full`, `off`). */
  @property({ attribute: false }) pageUrl: PageMode = "path";
  /** While the tab is hidden, an owner reply puts "(1) New reply" before the page's title. */
  @property({ attribute: false }) titleBadge = false;
  /** An owner reply plays a soft chime (WebAudio) when the panel is closed or the tab hidden. */
  @property({ attribute: false }) sound = false;
  /** Overrides for any visible string. */
  @property({ attribute: false }) strings: PorchStringOverrides = {};
  /**
   * The strings of its `lang`, from the catalogue the loader fetched with this chunk (set before
   * the first render, not a public setting); `strings` overrides them.
   */
  catalogue: PorchStringOverrides = {};
  /** Ask the visitor's consent before anything is stored or connected. */
  @property({ attribute: false }) consent = false;
  /** The site's privacy notice, linked from the consent notice. */
  @property({ attribute: false }) privacyUrl = "";
  /** Milliseconds between pings (read when the connection opens). */
  pingInterval: number = settings.pingInterval;
  /** `<porch-chat>`'s launcher, which gets focus back when the panel closes. */
  launcher: HTMLElement | null = null;

  @state() private opened = false;
  @state() private showIntro = false;
  @state() private introProblem = "";
  @state() private emailProblem = "";
  @state() private emailBusy = false;
  private uploads?: import("../shared/uploads/index.ts").Uploads;
  /** The conversation menu (download, delete) is shown; its module is loaded on first use. */
  @state() private menuOpen = false;
  /** The visitor erased their conversation: said in the list until they write again. */
  @state() private erased = false;
  /** The first-use parts' strings in the chat's language, once the first of those parts was asked for. */
  @state() private firstUse?: Partial<FirstUseStrings>;
  private firstUseLoading?: Promise<unknown>;
  /** What a reply email's link and a second conversation say, once a visitor needed it. */
  @state() private resume?: typeof import("./resume-notice.ts");
  private resumeLoading?: Promise<unknown>;
  /** A consent-first site's notice stands where the panel opens; its module is loaded on first use. */
  @state() private asking = false;
  /** The attachment UI's module while a first paste, drop or pick waits for it. */
  private attaching?: Promise<unknown>;

  private readonly session: VisitorSession = new VisitorSession(this, {
    endpoint: () => resolveEndpoint(this.endpoint),
    whereabouts: () => whereabouts(this.pageUrl, this.lang),
    pingIntervalMs: () => this.pingInterval,
    onMessage: (message) => {
      this.announce("porch-message", { message });
      if (message.from !== "owner" || !(this.titleBadge || this.sound)) return;
      const looking = this.opened && document.visibilityState === "visible";
      // Both signals are off unless the page asks: their code loads with the first reply that needs it.
      void (this.attentionLoading ??= import("./attention.ts").then(
        ({ AttentionSignals }) =>
          (this.attention = new AttentionSignals(this, {
            badge: () => (this.titleBadge ? this.allStrings.titleBadge : null),
            sound: () => this.sound,
          })),
      )).then((attention) => attention.reply(looking));
    },
    // The link's conversation opens at once; a link that failed opens the panel to say why.
    onResume: (failure) => void (failure ? this.showPanel() : this.open()),
    mayStore: () => !this.consent || this.session.identity.consented,
  });
  /** @internal The title badge and the chime, once the first reply needed them; read by the element tests. */
  attention?: AttentionSignals;
  private attentionLoading?: Promise<AttentionSignals>;
  /** The unread count the last `porch-unread` announced. */
  private announcedUnread = 0;
  /** The launcher's unread badge, once there was a count to show; null beside an older porch.js, which draws its own. */
  private badge?: Promise<((count: number) => void) | null>;

  static override styles = [
    base,
    problemStyles,
    css`
      /* The panel is the loader's flex item, above the launcher; the theme is inherited from it. */
      :host {
        display: contents;
      }
      .details svg {
        width: 20px;
        height: 20px;
      }
      /* A question or a way back, above the composer: one line where it fits. */
      .notice {
        margin: 0;
        padding: 8px 14px;
        border-top: 1px solid var(--_border);
        font-size: 13px;
      }
      .notice button {
        min-height: 28px;
        margin: 2px 0 0;
        margin-inline-start: 4px;
        padding: 2px 12px;
        border: 1px solid var(--_field-border);
        border-radius: 999px;
        background: none;
        color: var(--_text);
        font-size: 13px;
      }
    `,
  ];

  constructor() {
    super();
    new ViewportFit(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode() as ShadowRoot;
    const sheet = loaderStyles.styleSheet!;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return this.opened;
  }

  /** Unseen owner replies (always 0 while the panel is open). */
  get unread(): number {
    if (this.opened) return 0;
    const readAt = this.session.identity.readAt;
    return this.session.timeline.messages.filter(
      (message) => message.from === "owner" && message.sentAt !== null && message.sentAt > readAt,
    ).length;
  }

  /** The launcher's accessible name: open or close, and what is unread, in the chat's language. */
  get launcherLabel(): string {
    const s = this.allStrings;
    const unread = this.unread;
    return (this.opened ? s.closeChat : s.openChat) + (unread ? `, ${plural(s.unread, unread, this.lang)}` : "");
  }

  /** The language's strings, then the page's: what every part is handed (each adds its own English). */
  private get overrides(): PorchStringOverrides {
    return { ...this.catalogue, ...this.firstUse, ...this.strings };
  }

  /** The first-use parts' strings in the chat's language, fetched once. */
  private loadFirstUseStrings(): Promise<unknown> {
    return (this.firstUseLoading ??= firstUseCatalogue(this.lang).then((strings) => (this.firstUse = strings)));
  }

  /** A part loaded on first use (its module), with its strings in the chat's language. */
  private async loadPart<T>(module: Promise<T>): Promise<T> {
    const [loaded] = await Promise.all([module, this.loadFirstUseStrings()]);
    return loaded;
  }

  /** What a reply email's link and a second conversation say: few visitors see them, so they load on first use. */
  private resumeNotice() {
    this.resumeLoading ??= this.loadPart(import("./resume-notice.ts")).then((module) => (this.resume = module));
    return this.resume;
  }

  private get allStrings(): PorchStrings {
    return { ...defaultStrings, ...this.overrides };
  }

  /** Opens the panel, connects, and moves focus into it. */
  async open(): Promise<void> {
    if (this.opened) return;
    // A consent-first site asks first, every time the panel opens, until the visitor accepts.
    if ((this.asking = this.consent && !this.session.identity.consented)) await this.loadPart(import("./porch-consent.ts"));
    else this.session.begin();
    await this.showPanel();
  }

  /** Opens the panel without starting a conversation (a failed link says why in it). */
  private async showPanel(): Promise<void> {
    if (this.opened) return;
    // A reply email's link that failed says why in the conversation: no intro form over it.
    this.showIntro ||= this.intro && !this.session.resumeFailure && !this.session.identity.started && !this.session.profile;
    // The intro's code arrives before the panel shows, so nothing moves in it; one that fails is skipped.
    if (this.showIntro) await this.loadIntro().catch(() => (this.showIntro = false));
    if (this.opened) return;
    this.opened = true;
    this.announce("porch-open", null);
    await this.updateComplete;
    await this.focusPanel();
  }

  /** Focuses what the panel shows first: the consent notice, else the intro form (once its module has arrived), else the composer. */
  private async focusPanel() {
    if (this.showIntro && !this.asking) await this.focusIntro();
    else this.renderRoot.querySelector<HTMLElement>("porch-consent, porch-composer")?.focus();
  }

  /** Closes the panel; focus returns to the launcher if it was inside the widget. */
  async close(): Promise<void> {
    if (!this.opened) return;
    const hadFocus = this.matches(":focus-within");
    this.opened = false;
    this.session.resumeFailure = null;
    this.announce("porch-close", null);
    await this.updateComplete;
    if (hadFocus) this.launcher?.focus();
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): Promise<void> {
    return this.opened ? this.close() : this.open();
  }

  override updated(): void {
    if (this.opened) {
      const newestReply = this.session.timeline.messages.findLast((message) => message.from === "owner" && message.sentAt !== null);
      const list = this.renderRoot.querySelector("porch-message-list");
      if (newestReply?.sentAt) {
        this.session.identity.markReadUpTo(newestReply.sentAt);
        // Shown to the visitor only while the page is visible and the reply is not below what
        // they read (the list marks it then); a hidden tab, or the marker, says so once it is.
        void list?.updateComplete.then(() => {
          if (document.visibilityState === "visible" && !list.hasNewBelow) this.session.markSeen(newestReply.id);
        });
      }
    }
    const count = this.unread;
    this.drawBadge(count);
    if (count !== this.announcedUnread) {
      this.announcedUnread = count;
      this.announce("porch-unread", { count });
    }
  }

  /** The count of unseen replies on the launcher (the loader has no count to show before the chat arrives); its code loads with the first. */
  private drawBadge(count: number): void {
    const launcher = this.launcher;
    if (count && launcher) this.badge ??= import("./launcher-badge.ts").then((module) => module.launcherBadge(launcher));
    void this.badge?.then((show) => show?.(this.unread));
  }

  /** Fires one of the element's public events: they bubble and leave the shadow root. */
  private announce<K extends keyof PorchChatEventDetails>(name: K, detail: PorchChatEventDetails[K]): void {
    /** @ignore The manifest lists the events from the class's `@fires`, not from this generic call. */
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  override render() {
    return !this.opened
      ? nothing
      : this.asking
        ? html`<porch-consent
            part="panel"
            lang=${this.lang}
            .strings=${this.overrides}
            .privacyUrl=${this.privacyUrl}
            @consent-accept=${this.accept}
            @consent-decline=${this.close}
          ></porch-consent>`
        : this.renderPanel(this.allStrings);
  }

  private renderPanel(s: PorchStrings) {
    const { session } = this;
    const { owner, connection } = session;
    const profile = session.ownerProfile;
    const name = profile?.name ?? "";
    const heading = this.heading || name || s.heading;
    const problem = session.resumeFailure
      ? (this.resumeNotice()?.failureText(session.resumeFailure, this.overrides) ?? "")
      : session.problem && session.problem.code !== "offline"
        ? s[errorKey(session.problem.code)]
        : "";
    const away = connection.state === "online" && owner && !owner.online;
    // A message's files (`<porch-files>`, which the list loads on first use) say theirs in the chat's language too.
    if (session.timeline.messages.some((message) => message.attachments?.length)) void this.loadFirstUseStrings();
    // Only an owner who gave a name or a picture has one: its element loads the first time.
    if (profile && (name || profile.avatar)) void import("./porch-owner-avatar.ts");
    const avatar = (small: boolean, alt: string) =>
      profile && (name || profile.avatar)
        ? html`<porch-owner-avatar ?small=${small} .src=${profile.avatar ?? ""} .name=${name} .alt=${alt}></porch-owner-avatar>`
        : nothing;
    return html`<porch-panel
      part="panel"
      role="dialog"
      aria-label=${heading}
      .heading=${heading}
      .status=${this.statusLine(s)}
      .note=${away ? (profile?.replyTime ?? "") : ""}
      .presence=${connection.state !== "online" ? "connecting" : owner?.online ? "online" : "away"}
      .closeLabel=${s.closeChat}
      @panel-close=${this.close}
      @dragover=${(event: DragEvent) => event.preventDefault()}
      @drop=${this.attach}
      @paste=${this.attach}
    >
      ${name || profile?.avatar ? html`<span slot="avatar">${avatar(false, name)}</span>` : nothing}
      ${
        this.intro
          ? html`<button slot="actions" class="details" aria-label=${s.editDetails} title=${s.editDetails} @click=${this.editIntro}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></svg>
          </button>`
          : nothing
      }
      ${
        this.session.identity.started || this.erased
          ? html`<button slot="actions" class="details" aria-label=${s.conversationMenu} aria-expanded=${this.menuOpen} @click=${this.toggleMenu}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5h.01M12 12h.01M12 19h.01" /></svg>
          </button>`
          : nothing
      }
      ${
        this.menuOpen
          ? html`<porch-conversation-menu
            lang=${this.lang}
            .session=${session}
            .strings=${this.overrides}
            .peer=${name}
            @menu-erased=${this.erasedConversation}
            @menu-close=${this.closeMenu}
          ></porch-conversation-menu>`
          : nothing
      }
      ${
        // The intro takes the conversation's place, never the message field's: writing closes it.
        this.showIntro
          ? html`<porch-intro
            .strings=${this.overrides}
            .profile=${session.profile}
            .problem=${this.introProblem}
            .emailReplies=${!!session.emailReplies?.enabled}
            @intro-save=${this.saveIntro}
            @intro-skip=${this.closeIntro}
          ></porch-intro>`
          : html`<porch-message-list
              part="messages"
              exportparts="message"
              role="log"
              aria-live="polite"
              aria-relevant="additions"
              aria-label=${s.conversation}
              lang=${this.lang}
              .strings=${s}
              .messages=${session.timeline.messages}
              .greeting=${this.greeting || s.greeting}
              .notices=${[...(this.erased ? [s.erased] : []), ...(away ? [this.awayText || s.awayText] : [])]}
              .hasEarlier=${session.timeline.hasEarlier}
              .offline=${connection.state !== "online"}
              .seenUpTo=${session.ownerSeenUpTo}
              .typing=${session.ownerTyping ? (name ? fill(s.typing, { name }) : s.typingAnonymous) : ""}
              .peer=${name}
              .peerBadge=${avatar(true, "")}
              @load-earlier=${this.loadEarlier}
              @caught-up=${() => this.requestUpdate()}
            ></porch-message-list>`
      }
      ${problem ? html`<p class="problem" role="alert">${problem}</p>` : nothing}
      ${failedNotice(s, session.failed, () => session.retryAll())} ${this.renderConversations()} ${this.renderEmailOffer(!!away)}
      <porch-composer
        exportparts="input, send"
        lang=${this.lang}
        .strings=${s}
        ?attachable=${!!session.attachmentPolicy}
        .tray=${this.uploads?.tray()}
        @attach=${this.attach}
        @compose=${this.compose}
        @draft=${() => session.typing()}
      ></porch-composer>
    </porch-panel>`;
  }

  /** The question a reply email's link asks, or the way back to a second conversation (resume-notice.ts). */
  private renderConversations() {
    const { session } = this;
    return (
      ((session.linkedConversation || session.identity.previousVisitorId) &&
        this.resumeNotice()?.conversationChoice(session, this.overrides)) ||
      nothing
    );
  }

  /**
   * "Get the reply by email", where the site emails replies: asked once, in one line, after the
   * visitor's first message while the owner is away, until answered or declined; then the address
   * (waiting for its confirmation, emailed, or stopped), to change or remove.
   */
  private renderEmailOffer(away: boolean) {
    const { session } = this;
    if (!session.emailReplies?.enabled) return nothing;
    const address = session.profile?.email ?? "";
    const hasWritten = session.timeline.messages.some((message) => message.from === "visitor");
    const asking = !address && !session.identity.emailDeclined && away && hasWritten;
    // Most visitors never see it: its element loads the first time there is something to show.
    if (!asking && !address) return nothing;
    void this.loadPart(import("./porch-email-offer.ts"));
    if (!this.firstUse) return nothing;
    return html`<porch-email-offer
      .strings=${this.overrides}
      .address=${address}
      .confirmed=${session.emailConfirmed}
      .unsubscribed=${session.emailReplies.unsubscribed}
      .asking=${asking}
      .problem=${this.emailProblem}
      .busy=${this.emailBusy}
      @email-offer-save=${this.saveEmail}
      @email-offer-dismiss=${this.declineEmail}
    ></porch-email-offer>`;
  }

  private async saveEmail(event: EmailOfferSaveEvent) {
    const strings = this.allStrings;
    const offer = event.target as PorchEmailOffer;
    this.emailBusy = true;
    const saved = await this.session.register({ email: event.address });
    this.emailBusy = false;
    if (!saved) {
      // Said next to the address, not again in the panel's problem line.
      this.emailProblem = this.session.problem ? strings[errorKey(this.session.problem.code)] : "";
      this.session.problem = null;
      return;
    }
    this.emailProblem = "";
    // Removing the address is declining: the panel does not ask again.
    if (!event.address) this.session.identity.declineEmail();
    offer.saved();
    await this.updateComplete;
    this.renderRoot.querySelector("porch-composer")?.focus();
  }

  private async declineEmail() {
    this.session.identity.declineEmail();
    this.emailProblem = "";
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector("porch-composer")?.focus();
  }

  private statusLine(s: PorchStrings): string {
    const { owner, connection, clockSkewMs } = this.session;
    if (connection.state === "offline") return s.reconnecting;
    if (connection.state !== "online" || !owner) return s.connecting;
    if (owner.online) return s.online;
    // Outside the owner's business hours: their next opening, on the visitor's own clock.
    if (owner.backAt)
      return fill(s.backAt, {
        day: new Intl.DateTimeFormat(this.lang || undefined, { weekday: "long" }).format(owner.backAt),
        time: new Intl.DateTimeFormat(this.lang || undefined, { timeStyle: "short" }).format(owner.backAt),
      });
    if (owner.lastSeenAt === null) return s.away;
    const ago = owner.lastSeenAt - (Date.now() + clockSkewMs);
    const [unit, unitMs] = relativeUnits.find(([, ms]) => -ago >= ms) ?? relativeUnits[2]!;
    const relativeTime = new Intl.RelativeTimeFormat(this.lang || undefined, { numeric: "auto" });
    return fill(s.lastSeen, { time: relativeTime.format(Math.round(ago / unitMs), unit) });
  }

  private async compose(event: ComposeEvent) {
    this.showIntro = false;
    this.erased = false;
    // Files pasted just before Enter go with the text, once their module has taken them.
    await this.attaching;
    const files = await this.uploads?.take();
    if (event.text || files?.length) this.session.send(event.text, files);
  }

  /** Files chosen (an `attach` event), dropped on the panel or pasted in it (pasted text is left alone): the attachment UI, loaded the first time, takes them. */
  private async attach(event: Partial<AttachEvent & DragEvent & ClipboardEvent>) {
    const files = filesOf(event);
    const { session } = this;
    if (!files.length || !session.attachmentPolicy) return;
    event.preventDefault?.();
    this.uploads ??= (await (this.attaching = this.loadPart(import("../shared/uploads/index.ts")))).uploadsFor(
      this,
      (file) => session.connection.request({ action: "upload", ...file }),
      () => session.attachmentPolicy,
      () => this.overrides,
    );
    this.uploads.add(files);
  }

  /** Shows or hides the conversation menu, loading its module the first time. */
  private async toggleMenu() {
    if (this.menuOpen) return this.closeMenu();
    await this.loadPart(import("./porch-conversation-menu.ts"));
    this.menuOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("porch-conversation-menu")?.focus();
  }

  private async closeMenu() {
    this.menuOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".details[aria-expanded]")?.focus();
  }

  /** The menu erased the conversation: the panel starts afresh, and says so. */
  private async erasedConversation() {
    this.menuOpen = false;
    this.erased = true;
    await this.updateComplete;
    this.renderRoot.querySelector("porch-composer")?.focus();
  }

  /** The visitor accepted: remembered (the first thing stored), then the chat starts as it would have. */
  private async accept() {
    this.session.identity.consent();
    this.asking = false;
    this.session.begin();
    await this.updateComplete;
    await this.focusPanel();
  }

  private loadEarlier() {
    void this.session.loadEarlier();
  }

  /** The intro form's module, loaded the first time a page with `intro` shows it. */
  private loadIntro() {
    return this.loadPart(import("./porch-intro.ts"));
  }

  private async editIntro() {
    this.introProblem = "";
    await this.loadIntro();
    this.showIntro = true;
    await this.focusIntro();
  }

  /** Focuses the intro form (its module loaded) once the form has drawn itself. */
  private async focusIntro() {
    await this.updateComplete;
    const intro = this.renderRoot.querySelector("porch-intro");
    await intro?.updateComplete;
    intro?.focus();
  }

  private async saveIntro(event: IntroSaveEvent) {
    const strings = this.allStrings;
    const { email, ...rest } = event.profile;
    // Saving a new name must not end an unsubscribe: an address it leaves as it was is not sent
    // (giving it again is what "Email me again" does).
    const unchanged = this.session.emailReplies?.unsubscribed && email === this.session.profile?.email;
    if (await this.session.register(unchanged ? rest : event.profile)) await this.closeIntro();
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
    "porch-visitor-chat": PorchVisitorChat;
  }
  interface GlobalEventHandlersEventMap {
    "porch-open": CustomEvent<null>;
    "porch-close": CustomEvent<null>;
    "porch-message": CustomEvent<PorchChatEventDetails["porch-message"]>;
    "porch-unread": CustomEvent<PorchChatEventDetails["porch-unread"]>;
  }
}
