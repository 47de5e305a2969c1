/**
 * `<porch-chat>`'s public settings and their defaults; each has an attribute of the same name in
 * kebab case (`awayText` → `away-text`). The loader (porch-chat.ts) defines the properties from
 * this table and hands every value to the chat once its code has arrived; custom-elements.json
 * lists the same ones (test/unit/custom-elements.test.ts). No DOM here, so node reads it too.
 */
export const settings = {
  endpoint: "",
  position: "auto",
  theme: "auto",
  heading: "",
  greeting: "",
  awayText: "",
  intro: false,
  pageUrl: "path",
  titleBadge: false,
  sound: false,
  strings: {},
  /** Milliseconds between pings, which keep the socket open and notice a lost reply (docs/widget.md). */
  pingInterval: 240_000,
  /** Ask the visitor's consent before anything is stored or connected (docs/privacy.md). */
  consent: false,
  /** The site's privacy notice, linked from the consent notice. */
  privacyUrl: "",
} as const satisfies Record<string, string | boolean | number | object>;

export type SettingName = keyof typeof settings;

/** The settings whose attribute follows the property, as the page's CSS may select on them. */
export const reflected: readonly SettingName[] = ["position", "theme"];

export const settingNames = Object.keys(settings) as SettingName[];

/**
 * An attribute's text as its property's value, as Lit reads it: a boolean is the attribute's
 * presence, a number is the text's (the default when it is none), an object is JSON (or the default when it does not parse), a string is itself; an
 * absent attribute is the default.
 */
export function fromAttribute(name: SettingName, text: string | null): unknown {
  const fallback: unknown = settings[name];
  if (typeof fallback === "boolean") return text !== null;
  if (text === null) return fallback;
  if (typeof fallback === "number") return Number(text) || fallback;
  if (typeof fallback !== "object") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}
