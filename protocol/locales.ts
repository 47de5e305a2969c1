/**
 * The languages Porch speaks, and how one is chosen from what a person's page or browser asks for.
 * Shared by the widget (the visitor's `lang`, `<html lang>`, `navigator.languages`), the inbox (the
 * owner's browser) and the backend (the emails, from the language a visitor's `send` carried).
 * docs/contributing.md ("Adding a language") says how to add one.
 */

/** Every language with a complete catalogue; English is the source the others are checked against. */
export const locales = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "ja", "zh", "ar", "he"] as const;

export type Locale = (typeof locales)[number];

/** Languages written right to left. */
export const rtlLocales: readonly Locale[] = ["ar", "he"];

export const isRtl = (locale: Locale): boolean => rtlLocales.includes(locale);

/**
 * The catalogue for one BCP 47 tag (`pt-PT` → `pt`, `zh-CN` → `zh`), or none. Porch's Chinese is
 * Simplified, so Traditional Chinese (by script, or by the regions that write it) has none: it
 * falls through to the next wish rather than showing a script its reader may not read. Written
 * small, as porch.js carries it.
 */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  const [language, ...rest] = (tag ?? "").toLowerCase().split(/[-_]/);
  if (language !== "zh" || !rest.some((subtag) => /^(hant|tw|hk|mo)$/.test(subtag))) return locales.find((locale) => locale === language);
}

/** The first wish Porch can honour, in the order given (an attribute, the page, the browser), else English. */
export const pickLocale = (wishes: readonly (string | null | undefined)[]): Locale => wishes.map(localeOf).find(Boolean) ?? "en";

/**
 * A translation of an English catalogue: every key, each a string. A catalogue is `satisfies
 * Catalogue<typeof english>`, so the compiler refuses a missing or an extra key.
 */
export type Catalogue<English> = { readonly [Key in keyof English]: string };

/** The `{placeholders}` a string is filled with, each once, sorted: a translation keeps the same set. */
export const placeholdersOf = (text: string): string[] => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
