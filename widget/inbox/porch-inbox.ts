import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import { limits, type PushDeviceSummary } from "#protocol";
import { PorchServerError } from "../connection/errors.ts";
import { resolveEndpoint } from "../endpoint.ts";
import { isRtl, type Locale } from "#protocol/locales.ts";
import { errorKey } from "../shared/strings.ts";
import { problemOf } from "../shared/timeline.ts";
import type { AttachEvent, ComposeEvent } from "../shared/porch-composer.ts";
import type { Uploads } from "../shared/uploads/index.ts";
import { base, inboxTheme, outlinedButton, visuallyHidden } from "../shared/theme.ts";
import { type InboxCatalogue, inboxCatalogue, inboxLocale, say } from "./catalogues.ts";
import { DesktopNotifier } from "./desktop-notifier.ts";
import { DevicePush } from "./device-push.ts";
import { OwnerSession } from "./owner-session.ts";
import { conversationHref, type PorchConversationList } from "./porch-conversation-list.ts";
import "./porch-conversation-view.ts";
import { type NoteEvent, type PorchConversationView, StatusChangeEvent } from "./porch-conversation-view.ts";
import "./porch-devices.ts";
import type { PorchDevices, RemoveDeviceEvent } from "./porch-devices.ts";
import type { PorchExport } from "./porch-export.ts";
import type { InboxSearch, OpenResultEvent } from "./porch-search-results.ts";
import type { SearchHit } from "./search-index.ts";
import type { DeleteReplyEvent, PorchSavedReplies, SaveReplyEvent } from "./porch-saved-replies.ts";
import type { PorchBusinessHours, SaveHoursEvent } from "./porch-business-hours.ts";
import "./porch-inbox-views.ts";
import type { ViewChangeEvent } from "./porch-inbox-views.ts";
import { shortcutOf, shortcuts } from "./shortcuts.ts";
import "./porch-sign-in.ts";
import type { PorchSignIn, SignInEvent } from "./porch-sign-in.ts";
import type { ModerateEvent } from "./porch-visitor-details.ts";
import { defaultInboxStrings, type InboxStrings } from "./strings.ts";
import { visitorName } from "./visitor-name.ts";

/** Below this width the inbox shows one pane at a time: the list, or a conversation. */
const narrowBelowPx = 760;
/**
 * A conversation's route, as rows and notifications link to it: its reference, which the inbox
 * finds among its rows or turns into the conversation with `resolve`.
 */
const referencePattern = /^#\/r\/([^/]+)$/;
/** The route of earlier versions, `#/c/<visitorId>`: dropped, as the visitor id has no place in a URL. */
const visitorIdRoutePattern = /^#\/c\//;

/**
 * The site owner's inbox: sign in with the owner password, see every conversation live (newest
 * activity first, unread counts, the total in the page title), answer visitors, and block them or
 * delete their conversation. Follows `location.hash`: `#/r/<ref>` (a row's or a notification's
 * link) opens the conversation its reference stands for; no URL ever holds a visitor id.
 * Below 760 px of its own width it shows the list or one conversation, with a way back.
 *
 * @cssprop [--porch-accent=#1f6f5c] - Buttons, unread badges, the owner's replies.
 * @cssprop [--porch-accent-dark=var(--porch-accent, #288370)] - The accent in the dark scheme: the page's own accent, else a lighter teal.
 * @cssprop [--porch-accent-contrast=#ffffff] - Text on the accent.
 * @cssprop [--porch-accent-contrast-dark=var(--porch-accent-contrast)] - Text on the accent in the dark scheme.
 * @cssprop [--porch-surface=#ffffff] - Background.
 * @cssprop [--porch-surface-dark=#1b1f1e] - Background in the dark scheme.
 * @cssprop [--porch-surface-muted=#f2f4f3] - Visitors' bubbles, hovered rows, the empty pane.
 * @cssprop [--porch-surface-muted-dark=#272d2b] - The same in the dark scheme.
 * @cssprop [--porch-text=#1d2421] - Text.
 * @cssprop [--porch-text-dark=#eef2f0] - Text in the dark scheme.
 * @cssprop [--porch-text-muted=#5d6864] - Times, previews, labels.
 * @cssprop [--porch-text-muted-dark=#a3ada9] - Times, previews, labels in the dark scheme.
 * @cssprop [--porch-border=#dfe4e2] - Borders.
 * @cssprop [--porch-border-dark=#38403d] - Borders in the dark scheme.
 * @cssprop [--porch-field-border=#838d89] - The edge of text fields and outlined buttons (3:1 against the surface).
 * @cssprop [--porch-field-border-dark=#6f7975] - The same in the dark scheme.
 * @cssprop [--porch-danger=#b3261e] - Errors, replies that were not sent, the delete button.
 * @cssprop [--porch-danger-dark=#f2b8b5] - The same in the dark scheme.
 * @cssprop [--porch-danger-surface=#fdecea] - Background of an error notice.
 * @cssprop [--porch-danger-surface-dark=#4a1f1c] - Background of an error notice in the dark scheme.
 * @cssprop [--porch-shadow=rgb(0 0 0 / 0.16)] - Shadow of the sign-in card (at 40%).
 * @cssprop [--porch-shadow-dark=var(--porch-shadow)] - The shadow in the dark scheme.
 * @cssprop [--porch-backdrop=rgb(0 0 0 / 0.7)] - Behind an image opened large.
 * @cssprop [--porch-backdrop-dark=var(--porch-backdrop)] - Behind an image opened large, in the dark scheme.
 * @cssprop [--porch-selected=color-mix(in srgb, var(--_accent) 12%, var(--_surface))] - The open conversation's row.
 * @cssprop [--porch-selected-dark=color-mix(in srgb, var(--_accent) 30%, var(--_surface))] - The open row in the dark scheme.
 * @cssprop [--porch-font=system-ui] - Font family.
 * @cssprop [--porch-radius=16px] - Corner radius of bubbles and cards, and of every control in proportion (buttons half of it).
 */
@customElement("porch-inbox")
export class PorchInbox extends LitElement {
  /** WebSocket URL of the Porch backend; empty or `auto` uses the built-in or same-host default. */
  @property() endpoint = "";
  /** Color scheme: `auto` follows the system, or force `light` / `dark`. */
  @property({ reflect: true }) theme: "auto" | "light" | "dark" = "auto";
  /** Overrides for any visible string, in any language; the attribute takes JSON. */
  @property({ type: Object }) strings: Partial<InboxStrings> = {};
  /**
   * The language the inbox speaks (docs/inbox.md, "Languages"): its own `lang` attribute if Porch
   * speaks it, else the owner's browser's (`navigator.languages`), else English. The inbox sets
   * `lang` and `dir` on itself to the one it speaks.
   */
  locale: Locale = "en";
  /** The catalogue of `locale`, fetched before the first render (none until then). */
  private catalogue: InboxCatalogue | null = null;
  /** Milliseconds between pings, which keep the connection open, renew the owner's presence and notice a lost message (2 minutes by default; keep it under half the owner's lease, 5 minutes by default). */
  pingInterval?: number;

  /** One pane at a time (set from the element's own width). */
  @property({ type: Boolean, reflect: true }) narrow = false;

  @state() private signInError = "";
  /** What a screen reader is told of the owner's last action (a conversation marked done). */
  @state() private announcement = "";
  /** The header's secondary actions are shown (on a phone they are behind a button). */
  @state() private menuOpen = false;
  @query("dialog.shortcuts") private shortcutsDialog?: HTMLDialogElement;
  /** The next route comes from a shortcut: focus the conversation's heading, not its reply field. */
  private byShortcut = false;
  @state() private signingIn = false;
  @query("porch-sign-in") private signInForm?: PorchSignIn;
  @query("porch-conversation-list") private list?: PorchConversationList;
  @query("porch-conversation-view") private view?: PorchConversationView;
  @query("porch-devices") private devicesDialog?: PorchDevices;
  /** The owner's devices while their dialog is open (null while they load). */
  @state() private devices: PushDeviceSummary[] | null = null;
  @state() private devicesProblem = "";
  @query("porch-saved-replies") private savedRepliesDialog?: PorchSavedReplies;
  @query("porch-export") private exportDialog?: PorchExport;
  /** What the search field holds; while it holds words, the list pane shows what matches. */
  @state() private searchQuery = "";
  @state() private searchHits: readonly SearchHit[] = [];
  /** Conversations read so far while the search index is built or brought up to date, else null. */
  @state() private indexing: number | null = null;
  @state() private searchProblem = "";
  /** The search index (code loaded on first use of the field). */
  private search: InboxSearch | null = null;
  /** Why the last change to the saved replies failed, in the owner's words. */
  @state() private savedRepliesProblem = "";
  @query("porch-business-hours") private hoursDialog?: PorchBusinessHours;
  /** Why the hours were not saved, or that they were, in the owner's words. */
  @state() private hoursOutcome = { problem: "", saved: "" };

  private readonly notifier = new DesktopNotifier(this);
  /** @internal The owner's connection and data; read by the element tests. */
  readonly session = new OwnerSession(this, {
    endpoint: () => resolveEndpoint(this.endpoint),
    pingIntervalMs: () => this.pingInterval,
    onVisitorMessage: (message, conversation) => {
      const name = visitorName(conversation ?? { visitorId: message.visitorId, nickname: null, email: null });
      this.notifier.notify(message, name, conversation);
    },
    onMessage: (message, conversation) => {
      if (!this.search) return;
      this.search.pushed(message, conversation);
      if (this.searchQuery) this.find(this.searchQuery);
    },
  });
  /** Web Push to this device while no inbox is open ("Notify me on this device"). */
  private readonly devicePush = new DevicePush(this, this.session.connection);
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    if (entry) this.narrow = entry.contentRect.width < narrowBelowPx;
  });
  private readonly routeChanged = () => void this.route(true);
  /** References this tab asked the server about (`resolve`), and the visitor id each stands for. */
  private readonly resolved = new Map<string, Promise<string | null>>();
  /** The files attached to the reply being written, per conversation (the attachment UI, loaded on first use). */
  private readonly uploads = new Map<string, Uploads>();

  static override styles = [
    inboxTheme,
    base,
    visuallyHidden,
    outlinedButton,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
        background: var(--_surface);
        color: var(--_text);
        font: 15px/1.4 var(--_font);
      }
      .bar {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 16px;
        border-bottom: 1px solid var(--_border);
      }
      h1 {
        margin: 0;
        font-size: 17px;
        font-weight: 600;
        white-space: nowrap;
      }
      .status {
        flex: 1;
        min-width: 0;
        font-size: 13px;
        color: var(--_text-muted);
      }
      .actions {
        display: flex;
        gap: 12px;
      }
      .bar button {
        padding: 6px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        font-size: 13px;
      }
      .bar button:hover {
        background: var(--_surface-muted);
      }
      .bar .menu svg {
        stroke-width: 3;
      }
      .bar .menu {
        display: grid;
        place-items: center;
        width: 40px;
        height: 40px;
        padding: 0;
      }
      /* On a phone: one line (the title, the status cut short, the menu button), the rest in a menu. */
      :host([narrow]) .status {
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      :host([narrow]) .actions {
        position: absolute;
        z-index: 2;
        inset-block-start: calc(100% - 4px);
        inset-inline-end: 12px;
        flex-direction: column;
        align-items: stretch;
        gap: 8px;
        padding: 10px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.75);
        background: var(--_surface);
        box-shadow: 0 8px 24px var(--_shadow);
      }
      .actions[hidden] {
        display: none;
      }
      .shortcuts {
        max-width: min(90vw, 360px);
        padding: 20px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
      }
      .shortcuts::backdrop {
        background: var(--_shadow);
      }
      .shortcuts h2 {
        margin: 0 0 12px;
        font-size: 16px;
      }
      .shortcuts dl {
        display: grid;
        gap: 8px;
        margin: 0 0 16px;
      }
      .shortcuts dl div {
        display: flex;
        gap: 12px;
        align-items: baseline;
      }
      .shortcuts dt {
        min-width: 2em;
      }
      .shortcuts dd {
        margin: 0;
      }
      kbd {
        padding: 1px 6px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 4);
        font: 13px ui-monospace, monospace;
      }

      .panes {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(280px, 340px) 1fr;
      }
      .list-pane {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border-inline-end: 1px solid var(--_border);
      }
      porch-conversation-list,
      porch-search-results {
        flex: 1;
        min-height: 0;
      }
      .search {
        padding: 8px 12px 0;
      }
      .search input {
        box-sizing: border-box;
        width: 100%;
        min-height: 36px;
        padding: 6px 10px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        color: var(--_text);
        font: 15px var(--_font);
      }
      .search-status {
        margin: 4px 2px 0;
        min-height: 1em;
        color: var(--_text-muted);
        font-size: 12px;
      }
      .retention {
        margin: 0;
        padding: 8px 16px;
        border-top: 1px solid var(--_border);
        color: var(--_text-muted);
        font-size: 12px;
      }
      .placeholder {
        display: grid;
        place-items: center;
        padding: 24px;
        color: var(--_text-muted);
        background: var(--_surface-muted);
        text-align: center;
      }
      :host([narrow]) .panes {
        grid-template-columns: 1fr;
      }
      :host([narrow]) .list-pane {
        border: 0;
      }
      :host([narrow]) .open .list-pane,
      :host([narrow]) .panes:not(.open) .conversation {
        display: none;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    addEventListener("hashchange", this.routeChanged);
    // The inbox is the page: its shortcuts work wherever the focus is, the page's body included.
    document.addEventListener("keydown", this.onShortcut);
    void this.route(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    removeEventListener("hashchange", this.routeChanged);
    document.removeEventListener("keydown", this.onShortcut);
  }

  /**
   * The inbox's search field: whatever element of its shadow root is marked `data-search`. There
   * is none yet; once search renders one, `/` focuses it and `?` lists `/`.
   */
  private get searchField(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>("[data-search]");
  }

  override firstUpdated(): void {
    // The sign-in page is there to type the password into.
    void this.signInForm?.updateComplete.then(() => this.signInForm?.focus());
  }

  /** Every update waits for the catalogue of the inbox's language (a chunk of its own), so the first render is in it. */
  protected override async scheduleUpdate(): Promise<void> {
    const locale = inboxLocale(this.getAttribute("lang"));
    if (!this.catalogue || locale !== this.locale || this.lang !== locale) {
      this.catalogue = await inboxCatalogue(locale);
      this.locale = locale;
      this.lang = locale;
      this.dir = isRtl(locale) ? "rtl" : "ltr";
    }
    await super.scheduleUpdate();
  }

  override updated(): void {
    const s = this.resolvedStrings;
    const unread = this.session.unreadTotal;
    document.title = unread > 0 ? say(this.locale, s.titleUnread, { count: unread }) : s.title;
  }

  override render() {
    const s = this.resolvedStrings;
    const { session } = this;
    if (session.signedOut) {
      const notice = { new: "", "signed-out": s.signedOut, expired: s.sessionEnded }[session.signedOut];
      return html`<porch-sign-in
        .strings=${s}
        .error=${this.signInError}
        .notice=${notice}
        .busy=${this.signingIn}
        @sign-in=${this.signIn}
      ></porch-sign-in>`;
    }
    const state = session.connection.state;
    const status =
      state === "offline" ? s.reconnecting : state === "online" ? (this.devicePush.failed ? s.notifyFailed : "") : s.connecting;
    const open = session.openVisitorId;
    const empty = { open: s.empty, unread: s.emptyUnread, done: s.emptyDone }[session.view];
    return html`<header class="bar">
        <h1>${s.title}</h1>
        <span class="status" role="status">${status}</span>
        <span class="sr" role="status">${this.announcement}</span>
        ${
          this.narrow
            ? html`<button
              class="menu"
              aria-label=${s.menu}
              title=${s.menu}
              aria-expanded=${this.menuOpen}
              aria-controls="actions"
              @click=${() => (this.menuOpen = !this.menuOpen)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12h.01M12 12h.01M19 12h.01" /></svg>
            </button>`
            : nothing
        }
        <div id="actions" class="actions" ?hidden=${this.narrow && !this.menuOpen} @click=${this.closeMenu} @keydown=${this.menuKey}>
          ${this.renderNotify(s)}
          <button class="saved-replies" aria-haspopup="dialog" @click=${() => this.showSavedReplies()}>${s.savedReplies}</button>
          <button class="business-hours" aria-haspopup="dialog" @click=${() => this.showHours()}>${s.businessHours}</button>
          <button class="devices" aria-haspopup="dialog" @click=${() => this.showDevices()}>${s.devices}</button>
          <button class="export" aria-haspopup="dialog" @click=${() => this.exportEverything()}>${s.exportAll}</button>
          <button class="sign-out" @click=${() => this.signOut()}>${s.signOut}</button>
        </div>
      </header>
      ${this.renderShortcuts(s)}
      <porch-devices
        .strings=${s}
        .locale=${this.locale}
        .devices=${this.devices}
        .problem=${this.devicesProblem}
        @remove-device=${this.removeDevice}
      ></porch-devices>
      <porch-saved-replies
        .strings=${s}
        .replies=${session.savedReplies}
        .problem=${this.savedRepliesProblem}
        @save-reply=${(event: SaveReplyEvent) => this.changeSavedReplies({ action: "saveReply", reply: event.reply })}
        @delete-reply=${(event: DeleteReplyEvent) => this.changeSavedReplies({ action: "deleteReply", id: event.id })}
      ></porch-saved-replies>
      <porch-business-hours
        .strings=${s}
        .hours=${session.hours}
        .problem=${this.hoursOutcome.problem}
        .saved=${this.hoursOutcome.saved}
        @save-hours=${this.saveHours}
      ></porch-business-hours>
      <porch-export .strings=${s} .total=${session.counts.open + session.counts.done}></porch-export>
      <div class="panes ${open ? "open" : ""}">
        <div class="list-pane">
          ${this.renderSearch(s)}
          ${
            this.searchQuery
              ? html`<porch-search-results .strings=${s} .hits=${this.searchHits} @open-result=${this.openResult}></porch-search-results>`
              : this.renderList(s, open, empty)
          }
          ${this.renderRetention(s)}
        </div>
        ${this.renderConversation(s, open)}
      </div>`;
  }

  private renderList(s: InboxStrings, open: string | null, empty: string) {
    const { session } = this;
    return html`<porch-inbox-views
            role="group"
            aria-label=${s.views}
            .strings=${s}
            .view=${session.view}
            .counts=${session.counts}
            @view-change=${(event: ViewChangeEvent) => session.showView(event.view)}
          ></porch-inbox-views>
          <porch-conversation-list
            role="navigation"
            aria-label=${s.conversations}
            .strings=${s}
            .locale=${this.locale}
            .conversations=${session.conversations}
            .typing=${session.conversations.filter((row) => session.isTyping(row.visitorId)).map((row) => row.visitorId)}
            .selected=${open}
            .hasMore=${!!session.cursor}
            .emptyText=${empty}
            @load-more=${() => session.loadMore()}
          ></porch-conversation-list>`;
  }

  /** The search field: its code and index load when it is first focused (or `/`). */
  private renderSearch(s: InboxStrings) {
    const status = this.searchProblem
      ? this.searchProblem
      : this.indexing !== null
        ? say(this.locale, s.searchIndexing, { count: this.indexing })
        : this.searchQuery
          ? say(this.locale, s.searchFound, { count: this.searchHits.length })
          : "";
    return html`<div class="search" role="search">
      <input
        type="search"
        data-search
        aria-label=${s.search}
        placeholder=${s.searchPlaceholder}
        .value=${this.searchQuery}
        @focus=${this.startSearch}
        @input=${(event: InputEvent) => this.find((event.target as HTMLInputElement).value)}
      />
      <p class="search-status" role="status">${status}</p>
    </div>`;
  }

  /** Loads the search's code and index, or brings the index up to date (`export {since}`). */
  private readonly startSearch = async () => {
    this.searchProblem = "";
    try {
      const { InboxSearch } = await import("./porch-search-results.ts");
      const { connection } = this.session;
      this.search ??= new InboxSearch(resolveEndpoint(this.endpoint), (request) => connection.request({ action: "export", ...request }));
      this.indexing = 0;
      await this.search.update((count) => (this.indexing = count));
    } catch (error) {
      this.searchProblem = this.problemText(error);
    } finally {
      this.indexing = null;
    }
    this.find(this.searchQuery);
  };

  private find(query: string) {
    this.searchQuery = query;
    this.searchHits = this.search?.find(query) ?? [];
  }

  /** A result's link opens its conversation; then the message that matched is loaded, shown and marked. */
  private readonly openResult = async ({ hit }: OpenResultEvent) => {
    const messageId = hit.messageId;
    if (!messageId) return;
    const { visitorId } = hit.row;
    for (let tries = 0; tries < 100 && this.session.openVisitorId !== visitorId; tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const timeline = () => this.session.timeline(visitorId);
    for (let tries = 0; tries < 100 && !timeline().messages.length; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    while (!timeline().messages.some((message) => message.id === messageId) && timeline().hasEarlier) {
      await this.session.loadEarlier(visitorId);
    }
    await this.updateComplete;
    if (await this.view?.showFound(messageId)) this.announcement = this.resolvedStrings.searchShowing;
  };

  /**
   * "Notify me on this device": Web Push where the browser has it (and then "Stop notifying this
   * device"), else desktop notifications while this tab is open; permission is asked on the click.
   */
  private renderNotify(s: InboxStrings) {
    const push = this.devicePush;
    if (push.state === "unsupported") {
      return this.notifier.canAsk
        ? html`<button class="notify" title=${s.notifyHint} @click=${() => this.notifier.ask()}>${s.notify}</button>`
        : nothing;
    }
    if (push.state === "on") return html`<button class="notify-off" @click=${() => push.turnOff()}>${s.notifyOff}</button>`;
    if (push.state === "busy") return html`<button class="notify" disabled>${s.notify}</button>`;
    return push.canTurnOn ? html`<button class="notify" title=${s.notifyHint} @click=${() => push.turnOn()}>${s.notify}</button>` : nothing;
  }

  /** How long conversations are kept (the deploy's `PORCH_RETENTION_DAYS`, from `hello`), under the list. */
  private renderRetention(s: InboxStrings) {
    const days = this.session.retentionDays;
    if (days === null) return nothing;
    const text = days === 0 ? s.retentionForever : say(this.locale, s.retention, { count: days, days });
    return html`<p class="retention">${text}</p>`;
  }

  /** The list of shortcuts `?` shows, as a modal dialog (Escape closes it, focus goes back). */
  private renderShortcuts(s: InboxStrings) {
    const listed = shortcuts.filter((shortcut) => shortcut.action !== "search" || this.searchField);
    return html`<dialog class="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${s.shortcutsTitle}</h2>
      <dl>
        ${listed.map((shortcut) => html`<div><dt><kbd>${shortcut.key}</kbd></dt><dd>${s[shortcut.label]}</dd></div>`)}
      </dl>
      <form method="dialog"><button class="outlined close-shortcuts">${s.close}</button></form>
    </dialog>`;
  }

  private readonly onShortcut = (event: KeyboardEvent) => {
    const action = this.session.signedOut ? null : shortcutOf(event);
    if (!action || this.shortcutsDialog?.open) return;
    const search = this.searchField;
    if (action === "search" && !search) return;
    event.preventDefault();
    const s = this.resolvedStrings;
    const rows = this.session.conversations;
    const open = this.session.openVisitorId;
    const at = rows.findIndex((row) => row.visitorId === open);
    if (action === "next" || action === "previous") {
      const target = rows[action === "next" ? at + 1 : at < 0 ? 0 : at - 1];
      if (!target) return;
      this.byShortcut = true;
      location.hash = conversationHref(target);
      this.announcement = say(this.locale, s.openedConversation, {
        name: visitorName(target),
        position: rows.indexOf(target) + 1,
        count: rows.length,
      });
    } else if (action === "done") {
      if (open && this.session.conversation(open)?.status === "open") void this.changeStatus(new StatusChangeEvent("done"));
    } else if (action === "reply") {
      this.view?.focusComposer();
    } else if (action === "search") {
      search?.focus();
    } else if (action === "help") {
      this.shortcutsDialog?.showModal();
    }
  };

  private renderConversation(s: InboxStrings, visitorId: string | null) {
    const { session } = this;
    const row = visitorId ? session.conversation(visitorId) : undefined;
    if (!visitorId || !row) {
      const words = visitorId
        ? session.connection.state === "online"
          ? s.deleted
          : s.connecting
        : session.conversations.length
          ? s.choose
          : s.nothingYet;
      return html`<div class="conversation placeholder"><p>${words}</p></div>`;
    }
    const timeline = session.timeline(visitorId);
    // A new view per conversation: nothing (scroll, open details, a pending confirmation) carries over.
    return keyed(
      visitorId,
      html`<porch-conversation-view
      class="conversation"
      .strings=${s}
      .locale=${this.locale}
      .conversation=${row}
      .messages=${timeline.messages}
      .hasEarlier=${timeline.hasEarlier}
      .offline=${session.connection.state !== "online"}
      .narrow=${this.narrow}
      .problem=${session.problem ? s[errorKey(session.problem.code)] : ""}
      .typing=${session.isTyping(visitorId)}
      .savedReplies=${session.savedReplies ?? []}
      .attachable=${!!session.attachmentPolicy}
      .tray=${this.uploads.get(visitorId)?.tray() ?? nothing}
      @attach=${this.attach}
      @compose=${this.reply}
      @note=${this.note}
      @draft=${() => session.typing(visitorId)}
      @retry-all=${() => session.retryAll(visitorId)}
      @load-earlier=${this.loadEarlier}
      @moderate=${this.moderate}
      @export-transcript=${this.exportTranscript}
      @status-change=${this.changeStatus}
      @navigate-back=${this.showList}
    ></porch-conversation-view>`,
    );
  }

  private get resolvedStrings(): InboxStrings {
    return { ...(this.catalogue ?? defaultInboxStrings), ...this.strings };
  }

  /** Opens the conversation named by `location.hash`; `focus` when the owner navigated. */
  private async route(focus: boolean): Promise<void> {
    if (visitorIdRoutePattern.test(location.hash)) return location.replace("#/");
    const hash = location.hash;
    const reference = referencePattern.exec(hash);
    const visitorId = reference ? await this.visitorIdOf(decodeURIComponent(reference[1]!)) : null;
    if (location.hash !== hash) return; // the owner went elsewhere meanwhile
    // A reference this deployment did not make, or made before a password change: the list.
    if (reference && !visitorId) return location.replace("#/");
    const leaving = this.session.openVisitorId;
    void this.session.open(visitorId);
    if (!focus) return;
    await this.updateComplete;
    const target = visitorId ? this.view : leaving ? this.list : undefined;
    await target?.updateComplete;
    if (this.byShortcut && target === this.view) this.view?.focusHeading();
    else target?.focus();
    this.byShortcut = false;
  }

  /** The conversation a reference stands for: a held row's, else the server's answer (asked once). */
  private visitorIdOf(ref: string): Promise<string | null> {
    const held = this.session.conversationByRef(ref);
    if (held) return Promise.resolve(held.visitorId);
    let answer = this.resolved.get(ref);
    // Asked again after a failure (offline, a timeout): only the server's answer is kept.
    if (!answer) this.resolved.set(ref, (answer = this.session.resolve(ref).catch(() => (this.resolved.delete(ref), null))));
    return answer;
  }

  /** A choice in the menu closes it (on a phone). */
  private closeMenu(event: Event) {
    if (this.narrow && (event.target as Element).closest("button")) this.menuOpen = false;
  }

  /** Escape closes the menu and gives focus back to its button. */
  private menuKey(event: KeyboardEvent) {
    if (event.key !== "Escape" || !this.narrow || !this.menuOpen) return;
    this.menuOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(".menu")?.focus());
  }

  private showList() {
    location.hash = "#/";
  }

  // The conversation view's events concern the open conversation.
  private async reply(event: ComposeEvent) {
    const visitorId = this.session.openVisitorId;
    if (!visitorId) return;
    const files = await this.uploads.get(visitorId)?.take();
    if (event.text || files?.length) this.session.reply(visitorId, event.text, files);
  }

  /** Files for the open conversation's reply: the attachment UI (loaded the first time) uploads them. */
  private async attach(event: AttachEvent) {
    const { session } = this;
    const visitorId = session.openVisitorId;
    if (!visitorId) return;
    const ui = await import("../shared/uploads/index.ts");
    let uploads = this.uploads.get(visitorId);
    if (!uploads) {
      // The tray speaks the inbox's language (the upload strings are in its catalogues), the page's words over it.
      uploads = new ui.Uploads(this, {
        request: (file) => session.connection.request({ action: "upload", visitorId, ...file }),
        policy: () => session.attachmentPolicy,
        strings: () => this.resolvedStrings,
      });
      this.uploads.set(visitorId, uploads);
    }
    uploads.add(event.files);
  }

  private note(event: NoteEvent) {
    const visitorId = this.session.openVisitorId;
    if (visitorId) this.session.note(visitorId, event.text);
  }

  private loadEarlier() {
    const visitorId = this.session.openVisitorId;
    if (visitorId) void this.session.loadEarlier(visitorId);
  }

  private async changeStatus({ status }: StatusChangeEvent) {
    const visitorId = this.session.openVisitorId;
    const row = visitorId ? this.session.conversation(visitorId) : undefined;
    if (!visitorId || !row) return;
    const s = this.resolvedStrings;
    await this.session.setStatus(visitorId, status);
    this.announcement = say(this.locale, status === "done" ? s.markedDone : s.reopened, { name: visitorName(row) });
  }

  /** The open conversation as a text file; the code that writes it loads on first use. */
  private async exportTranscript() {
    const visitorId = this.session.openVisitorId;
    const row = visitorId ? this.session.conversation(visitorId) : undefined;
    if (!visitorId || !row) return;
    const s = this.resolvedStrings;
    const name = visitorName(row);
    try {
      const [{ downloadText, transcriptText }, messages] = await Promise.all([
        import("./transcript.ts"),
        this.session.allMessages(visitorId),
      ]);
      const heading = say(this.locale, s.transcriptHeading, { name });
      downloadText(`${heading}.txt`, transcriptText(heading, messages, { visitor: name, owner: s.you }));
    } catch (error) {
      this.session.problem = problemOf(error);
      this.requestUpdate();
    }
  }

  /** Everything as a JSON file: its dialog and the code that writes the file load on first use. */
  private async exportEverything() {
    if (!(await this.loaded(() => import("./porch-export.ts")))) return;
    const { connection } = this.session;
    await this.exportDialog?.start(
      (cursor) => connection.request({ action: "export", ...(cursor ? { cursor } : {}) }),
      (error) => this.problemText(error),
    );
  }

  private async moderate({ moderation }: ModerateEvent) {
    const visitorId = this.session.openVisitorId;
    if (!visitorId) return;
    if (moderation === "delete") {
      await this.session.delete(visitorId);
      if (!this.session.conversation(visitorId)) this.showList();
    } else {
      await this.session.setBlocked(visitorId, moderation === "block");
    }
  }

  private async signIn(event: SignInEvent) {
    const s = this.resolvedStrings;
    this.signingIn = true;
    this.signInError = "";
    try {
      await this.session.signIn(event.password, event.remember);
    } catch (error) {
      this.signInError = !(error instanceof PorchServerError)
        ? s.error_offline
        : error.code === "unauthorized"
          ? s.wrongPassword
          : // The server says how long to wait; its words are the useful ones.
            error.code === "rate_limited"
            ? sentence(error.message)
            : s[errorKey(error.code)];
    } finally {
      this.signingIn = false;
    }
    await this.updateComplete;
    if (this.session.signedOut) this.signInForm?.focus();
    else this.list?.focus();
  }

  /** Opens the list of devices notified, and loads it. */
  private async showDevices() {
    this.devices = null;
    this.devicesProblem = "";
    await this.devicesDialog?.show();
    try {
      this.devices = await this.devicePush.devices();
    } catch (error) {
      this.devicesProblem = this.problemText(error);
    }
  }

  private async removeDevice({ device }: RemoveDeviceEvent) {
    this.devicesProblem = "";
    try {
      await this.devicePush.remove(device);
      this.devices = (this.devices ?? []).filter((listed) => listed.deviceId !== device.deviceId);
    } catch (error) {
      this.devicesProblem = this.problemText(error);
    }
  }

  /**
   * Opens the saved replies to manage them (the session keeps them, from `hello` on). Their dialog
   * is code loaded on first use: its tag is rendered from the start, and upgrades then.
   */
  private async showSavedReplies() {
    this.savedRepliesProblem = "";
    if (await this.loaded(() => import("./porch-saved-replies.ts"))) await this.savedRepliesDialog?.show();
  }

  /** Loads code used on first use; false (and the problem shown) when it could not. */
  private async loaded(load: () => Promise<unknown>): Promise<boolean> {
    try {
      await load();
      return true;
    } catch (error) {
      this.session.problem = problemOf(error);
      this.requestUpdate();
      return false;
    }
  }

  private async changeSavedReplies(change: Parameters<OwnerSession["changeSavedReplies"]>[0]) {
    this.savedRepliesProblem = "";
    try {
      await this.session.changeSavedReplies(change);
    } catch (error) {
      // The dialog keeps titles and texts within their limits: too large is one reply too many.
      const full = error instanceof PorchServerError && error.code === "too_large";
      this.savedRepliesProblem = full
        ? say(this.locale, this.resolvedStrings.savedRepliesFull, { count: limits.savedRepliesMax })
        : this.problemText(error);
    }
  }

  /**
   * Opens the business hours, read from the server on first use (`hours {}`) and kept live by
   * pushes after; like the saved replies, their dialog is code loaded on first use.
   */
  private async showHours() {
    this.hoursOutcome = { problem: "", saved: "" };
    try {
      await import("./porch-business-hours.ts");
      await this.hoursDialog?.show();
      if (!this.session.hours) await this.session.loadHours();
    } catch (error) {
      this.hoursOutcome = { problem: this.problemText(error), saved: "" };
    }
  }

  private async saveHours(event: SaveHoursEvent) {
    this.hoursOutcome = { problem: "", saved: "" };
    try {
      await this.session.setHours(event.hours);
      this.hoursOutcome = { problem: "", saved: this.resolvedStrings.hoursSaved };
    } catch (error) {
      // The dialog checks what it can; what the server refuses, it says why (docs/protocol.md, `hours`).
      const reason = error instanceof PorchServerError && error.code === "bad_request" ? error.message : this.problemText(error);
      this.hoursOutcome = { problem: say(this.locale, this.resolvedStrings.hoursRefused, { reason }), saved: "" };
    }
  }

  private problemText(error: unknown): string {
    const s = this.resolvedStrings;
    return error instanceof PorchServerError ? s[errorKey(error.code)] : s.error_offline;
  }

  /** Ends the session (`logout`); this browser's notifications go with it, as the server removes its device. */
  private signOut() {
    this.signInError = "";
    // The search index holds every message: it does not outlive the session.
    void this.search?.forget();
    this.search = null;
    indexedDB.deleteDatabase("porch-search");
    void this.devicePush.forget();
    this.session.logOut();
  }
}

/** "too many wrong passwords: try again" → "Too many wrong passwords: try again." */
const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1) + (/[.!?]$/.test(words) ? "" : ".");

declare global {
  interface HTMLElementTagNameMap {
    "porch-inbox": PorchInbox;
  }
}
