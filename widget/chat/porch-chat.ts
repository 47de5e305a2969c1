import { baseRules, chatThemeRules, cssText } from "../shared/tokens.ts";
import type { PorchVisitorChat } from "./porch-visitor-chat.ts";
import { chatNeededAtLoad } from "./returning-visitor.ts";
import { attributeName } from "../shared/embed.ts";
import { fromAttribute, reflected, settingNames, settings, type SettingName } from "./settings.ts";
import { openChat, type PorchStringOverrides } from "./strings.ts";
import { isRtl, type Locale, pickLocale } from "#protocol/locales.ts";
import type { PageMode } from "./whereabouts.ts";

/** Set by `scripts/build.mjs`: the chat's chunk, named by its content, next to porch.js. Absent in unbundled code. */
declare const __PORCH_CHUNK__: string | undefined;

/** Where the chat's code is: the build's chunk beside this file, or the element's own module unbundled. */
export const chunkUrl = new URL(typeof __PORCH_CHUNK__ === "string" ? __PORCH_CHUNK__ : "./porch-visitor-chat.ts", import.meta.url).href;

/** Set by `scripts/build.mjs`: the start of every language's chunk name (`./porch-<hash>-`), the language and `.js` end it. */
declare const __PORCH_LOCALES__: string | undefined;

/** A language's catalogue (widget/chat/locales/), fetched with the chat; English is built in, and a catalogue that fails to arrive leaves English. */
const loadCatalogue = (locale: Locale): Promise<{ default?: PorchStringOverrides }> =>
  locale === "en"
    ? Promise.resolve({})
    : import(
        new URL(typeof __PORCH_LOCALES__ === "string" ? `${__PORCH_LOCALES__}${locale}.js` : `./locales/${locale}.ts`, import.meta.url).href
      ).catch(() => ({}));

let chunk: Promise<unknown> | undefined;

/**
 * Loads the chat's chunk, once per page. A deploy since this page loaded porch.js may have
 * replaced the chunk it names (every release names its chunks anew); then the current porch.js,
 * fetched afresh, names the current one. A failure is forgotten, so the next sign of intent tries
 * again.
 */
function loadChunk(): Promise<unknown> {
  chunk ??= import(chunkUrl)
    .catch(async (error: unknown) => {
      const fresh = `${import.meta.url.split("?")[0]}?${Date.now()}`;
      const current = ((await import(fresh)) as { chunkUrl?: string }).chunkUrl;
      if (!current || current === chunkUrl) throw error;
      return import(current) as Promise<unknown>;
    })
    .catch((error: unknown) => {
      chunk = undefined;
      throw error;
    });
  return chunk;
}

/** The launcher's look, with the theme's tokens on the host, which the chat's parts inherit. */
const styles =
  chatThemeRules +
  baseRules +
  cssText`
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
    /* The launcher's side: the end of the widget's lines unless \`position\` names one. */
    :host([position=auto]:dir(rtl)),
    :host([position=left]) {
      right: auto;
      left: var(--_x);
    }
    :host([position=left]:dir(ltr)),
    :host([position=right]:dir(rtl)) {
      align-items: flex-start;
    }
    button {
      position: relative;
      display: grid;
      place-items: center;
      width: 56px;
      height: 56px;
      border: 0;
      border-radius: calc(var(--_radius) * 2);
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
    [aria-expanded=true] .closed,
    [aria-expanded=false] .open {
      display: none;
    }
    @media (max-width: 480px) {
      [aria-expanded=true] {
        display: none;
      }
    }
  `;

let sheet: CSSStyleSheet | undefined;

/**
 * Styles a shadow root with a constructed stylesheet, which a strict CSP allows (every browser
 * that runs the ES2022 this is built for has them).
 */
function adoptStyles(root: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
  }
  root.adoptedStyleSheets = [sheet];
}

/** An icon, made with DOM calls: no markup is parsed, so a page that enforces Trusted Types allows it. */
function icon(className: string, path: string): SVGSVGElement {
  const make = <K extends keyof SVGElementTagNameMap>(tag: K) => document.createElementNS("http://www.w3.org/2000/svg", tag);
  const svg = make("svg");
  const shape = make("path");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", className);
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

/** The signs of intent on the launcher that load the chat before it is needed. */
const intentEvents = ["pointerenter", "focus", "touchstart"] as const;

/**
 * Porch's live chat for visitors: a launcher in the page corner that opens a conversation with
 * the site owner.
 *
 * This is porch.js's loader: the launcher, the public API and no framework. The chat
 * itself (Lit, the panel, the session and its connection) is a chunk it loads on the first sign
 * of intent (the pointer entering the launcher, focus on it, a touch, a click, `open()` or
 * `toggle()`), or as the page loads when the visitor already has a conversation (to catch
 * replies) or arrives from a reply email's link. Properties set and methods called before the
 * chunk has arrived take effect once it has. Nothing is stored and no connection is opened until
 * the visitor interacts, unless they already have a conversation; with `consent`, not before
 * they accept its notice.
 *
 * @fires {CustomEvent<null>} porch-open - The panel opened.
 * @fires {CustomEvent<null>} porch-close - The panel closed.
 * @fires {CustomEvent<{ message: ChatMessage }>} porch-message - A message arrived that the page did not have: an owner reply, or the visitor's own once stored.
 * @fires {CustomEvent<{ count: number }>} porch-unread - The count of unseen owner replies changed.
 *
 * Who answers (name, avatar, reply time) comes from the backend's configuration, in `hello`.
 *
 * @csspart launcher - The round open/close button.
 * @csspart panel - The chat window.
 * @csspart messages - The scrolling conversation (`role="log"`).
 * @csspart message - One message bubble.
 * @csspart input - The message text field.
 * @csspart send - The send button.
 *
 * @cssprop [--porch-accent=#1f6f5c] - Launcher, header, the visitor's bubbles and the send button.
 * @cssprop [--porch-accent-dark=var(--porch-accent, #288370)] - The accent in the dark scheme: the page's own accent, else a lighter teal.
 * @cssprop [--porch-accent-contrast=#ffffff] - Text and icons on the accent.
 * @cssprop [--porch-accent-contrast-dark=var(--porch-accent-contrast)] - Text and icons on the accent in the dark scheme.
 * @cssprop [--porch-surface=#ffffff] - Panel background.
 * @cssprop [--porch-surface-dark=#1b1f1e] - Panel background in the dark scheme.
 * @cssprop [--porch-surface-muted=#f2f4f3] - The owner's bubbles.
 * @cssprop [--porch-surface-muted-dark=#272d2b] - The owner's bubbles in the dark scheme.
 * @cssprop [--porch-text=#1d2421] - Text.
 * @cssprop [--porch-text-dark=#eef2f0] - Text in the dark scheme.
 * @cssprop [--porch-text-muted=#5d6864] - Times, delivery states, notices.
 * @cssprop [--porch-text-muted-dark=#a3ada9] - Times, delivery states, notices in the dark scheme.
 * @cssprop [--porch-border=#dfe4e2] - Borders.
 * @cssprop [--porch-border-dark=#38403d] - Borders in the dark scheme.
 * @cssprop [--porch-field-border=#838d89] - The edge of text fields and outlined buttons (3:1 against the surface).
 * @cssprop [--porch-field-border-dark=#6f7975] - The same in the dark scheme.
 * @cssprop [--porch-danger=#b3261e] - Errors and messages that were not sent.
 * @cssprop [--porch-danger-dark=#f2b8b5] - Errors in the dark scheme.
 * @cssprop [--porch-danger-surface=#fdecea] - Background of an error notice.
 * @cssprop [--porch-danger-surface-dark=#4a1f1c] - Background of an error notice in the dark scheme.
 * @cssprop [--porch-shadow=rgb(0 0 0 / 0.16)] - Shadow of the launcher and the panel.
 * @cssprop [--porch-shadow-dark=var(--porch-shadow)] - Shadow in the dark scheme.
 * @cssprop [--porch-backdrop=rgb(0 0 0 / 0.7)] - Behind an image opened large.
 * @cssprop [--porch-backdrop-dark=var(--porch-backdrop)] - Behind an image opened large, in the dark scheme.
 * @cssprop [--porch-online=#5ee08f] - The dot that says the owner is online.
 * @cssprop [--porch-online-dark=var(--porch-online)] - The online dot in the dark scheme.
 * @cssprop [--porch-badge=#d93025] - The launcher's unread badge.
 * @cssprop [--porch-badge-dark=var(--porch-badge)] - The unread badge in the dark scheme.
 * @cssprop [--porch-badge-contrast=#ffffff] - The unread count on the badge.
 * @cssprop [--porch-badge-contrast-dark=var(--porch-badge-contrast)] - The unread count in the dark scheme.
 * @cssprop [--porch-font=system-ui] - Font family.
 * @cssprop [--porch-radius=16px] - Corner radius of the panel and bubbles, and of every control in proportion (docs/widget.md).
 * @cssprop [--porch-z-index=2147483000] - Stacking order.
 * @cssprop [--porch-offset-x=20px] - Distance from the left or right edge.
 * @cssprop [--porch-offset-y=20px] - Distance from the bottom edge.
 */
export class PorchChat extends HTMLElement {
  static observedAttributes = settingNames.map(attributeName);

  /**
   * WebSocket URL of the Porch backend; empty or `auto` uses the built-in or same-host default.
   * @attr endpoint
   * @default ""
   */
  declare endpoint: string;
  /**
   * Corner of the page: `right`, `left`, or `auto`, the end of the language's lines (the right; the
   * left in Arabic and Hebrew).
   * @attr position
   * @reflect
   * @default "auto"
   */
  declare position: "auto" | "left" | "right";
  /**
   * Color scheme: `auto` follows the visitor's system, or force `light` / `dark`.
   * @attr theme
   * @reflect
   * @default "auto"
   */
  declare theme: "auto" | "light" | "dark";
  /**
   * Panel title (overrides `strings.heading`).
   * @attr heading
   * @default ""
   */
  declare heading: string;
  /**
   * First bubble of every conversation (overrides `strings.greeting`).
   * @attr greeting
   * @default ""
   */
  declare greeting: string;
  /**
   * Shown while the owner is offline (overrides `strings.awayText`).
   * @attr away-text
   * @default ""
   */
  declare awayText: string;
  /**
   * Ask new visitors for an optional name and email before the first message.
   * @attr intro
   * @default false
   */
  declare intro: boolean;
  /**
   * How much of the page's address each message carries for the owner: `path` (origin and path, no
   * query string or fragment), `full` (with the query string), or `off` (none; the browser's
   * language and time zone are still sent).
   * @attr page-url
   * @default "path"
   */
  declare pageUrl: PageMode;
  /**
   * While the tab is hidden, an owner reply puts "(1) New reply" before the page's title.
   * @attr title-badge
   * @default false
   */
  declare titleBadge: boolean;
  /**
   * An owner reply plays a soft chime (WebAudio) when the panel is closed or the tab hidden.
   * @attr sound
   * @default false
   */
  declare sound: boolean;
  /**
   * Overrides for any visible string; the attribute takes JSON.
   * @attr strings
   * @default {}
   */
  declare strings: PorchStringOverrides;
  /**
   * Consent first: opening the chat shows a short notice (`strings.consentText`, with a link to
   * `privacy-url`) and nothing is stored and no connection is opened until the visitor accepts;
   * Accept is remembered, Not now leaves the launcher and asks again on the next open.
   * @attr consent
   * @default false
   */
  declare consent: boolean;
  /**
   * The site's privacy notice, linked from the consent notice (http or https, or relative to the page).
   * @attr privacy-url
   * @default ""
   */
  declare privacyUrl: string;
  /**
   * Milliseconds between pings, which keep the connection open and notice a reply whose push was
   * lost; keep it under API Gateway's 10 idle minutes.
   * @attr ping-interval
   * @default 240000
   */
  declare pingInterval: number;

  /** Every setting's current value, handed to the chat when it arrives. */
  readonly #values: Record<string, unknown> = { ...settings };
  readonly #root = this.attachShadow({ mode: "open" });
  readonly #button = document.createElement("button");
  /** The chat, once its chunk has arrived. */
  #chat: PorchVisitorChat | undefined;
  #loading: Promise<PorchVisitorChat> | undefined;
  /** The widget's language, chosen once it is in the page (docs/widget.md, "Languages"). */
  #locale: Locale = "en";
  /** Another tab started a conversation: this one follows it, as a returning visitor's page does. */
  readonly #storageChanged = () => {
    if (chatNeededAtLoad()) this.#preload();
  };

  static {
    for (const name of settingNames) {
      Object.defineProperty(this.prototype, name, {
        get(this: PorchChat) {
          return this.#values[name];
        },
        set(this: PorchChat, value: unknown) {
          this.#setValue(name, value);
        },
      });
    }
  }

  constructor() {
    super();
    adoptStyles(this.#root);
    const button = this.#button;
    button.setAttribute("part", "launcher");
    button.append(icon("closed", "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"), icon("open", "M6 9l6 6 6-6"));
    for (const type of intentEvents) button.addEventListener(type, () => this.#preload(), { passive: true });
    button.addEventListener("click", () => void this.toggle().catch(() => {}));
    this.#root.append(button);
    // The chat's own events say when the launcher changes.
    for (const type of ["porch-open", "porch-close", "porch-unread"]) this.#root.addEventListener(type, () => this.#renderLauncher());
    // A page script may have set properties on the element before porch.js defined it.
    for (const name of settingNames) {
      if (Object.hasOwn(this, name)) {
        const value: unknown = this[name];
        Reflect.deleteProperty(this, name);
        this.#setValue(name, value);
      }
    }
    this.#renderLauncher();
  }

  connectedCallback(): void {
    // Its own `lang` (`data-lang`), else the page's, else the browser's. Arabic and Hebrew are laid
    // out right to left; other languages follow the page's direction.
    this.#locale = pickLocale([this.closest<HTMLElement>("[lang]")?.lang, ...navigator.languages]);
    if (isRtl(this.#locale)) this.dir = "rtl";
    for (const name of reflected) this.#reflect(name);
    addEventListener("storage", this.#storageChanged);
    this.#storageChanged();
  }

  disconnectedCallback(): void {
    removeEventListener("storage", this.#storageChanged);
  }

  attributeChangedCallback(attribute: string, _old: string | null, text: string | null): void {
    const name = settingNames.find((setting) => attributeName(setting) === attribute)!;
    this.#setValue(name, fromAttribute(name, text));
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return this.#chat?.isOpen ?? false;
  }

  /** Unseen owner replies (always 0 while the panel is open). */
  get unread(): number {
    return this.#chat?.unread ?? 0;
  }

  /** Opens the panel, connects, and moves focus into it. */
  async open(): Promise<void> {
    return (await this.#load()).open();
  }

  /** Closes the panel; focus returns to the launcher if it was inside the widget. */
  async close(): Promise<void> {
    // Nothing is open before the chat has arrived, but an open() still on its way comes first.
    if (this.#loading) return (await this.#loading).close();
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  async toggle(): Promise<void> {
    return (await this.#load()).toggle();
  }

  #setValue(name: SettingName, value: unknown): void {
    this.#values[name] = value;
    if (reflected.includes(name)) this.#reflect(name);
    if (this.#chat && name in this.#chat) Object.assign(this.#chat, { [name]: value });
    if (name === "strings") this.#renderLauncher();
  }

  /** A reflected setting's attribute follows its property, once the element is in the page (as Lit's do). */
  #reflect(name: SettingName): void {
    const text = String(this.#values[name]);
    if (this.isConnected && this.getAttribute(name) !== text) this.setAttribute(name, text);
  }

  /** Loads the chat ahead of a click; a failure waits for the next sign of intent. */
  #preload(): void {
    this.#load().catch(() => {});
  }

  /** The chat, placed before the launcher once its chunk and its language's have arrived, with every setting so far. */
  #load(): Promise<PorchVisitorChat> {
    this.#loading ??= Promise.all([loadChunk(), loadCatalogue(this.#locale)]).then(
      ([, catalogue]) => {
        const chat = document.createElement("porch-visitor-chat");
        chat.lang = this.#locale;
        chat.catalogue = catalogue.default ?? {};
        chat.setAttribute("exportparts", "panel,messages,message,input,send");
        for (const name of settingNames) if (name in chat) Object.assign(chat, { [name]: this.#values[name] });
        chat.launcher = this.#button;
        this.#root.prepend(chat);
        this.#chat = chat;
        this.#renderLauncher();
        return chat;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /**
   * The launcher's icon and accessible name, from the chat's state and in its language (closed and
   * English until it has arrived). The unread badge is the chat's: there is no count before it.
   */
  #renderLauncher(): void {
    this.#button.setAttribute("aria-expanded", String(this.isOpen));
    this.#button.setAttribute(
      "aria-label",
      this.#chat?.launcherLabel ?? (this.#values.strings as PorchStringOverrides | null)?.openChat ?? openChat,
    );
  }
}

if (!customElements.get("porch-chat")) customElements.define("porch-chat", PorchChat);

declare global {
  interface HTMLElementTagNameMap {
    "porch-chat": PorchChat;
  }
}
