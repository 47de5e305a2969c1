/**
 * The inbox's languages (issue 26): English built in (./strings.ts), every other language a chunk
 * of its own (./locales/), fetched as the inbox starts and before its first render, so the owner
 * never sees English flash first. `say` is the one way the inbox fills a sentence.
 */
import { type Catalogue, type Locale, pickLocale } from "#protocol/locales.ts";
import { fill, plural } from "#protocol/plurals.ts";
import { defaultInboxStrings, type InboxStrings } from "./strings.ts";

export type InboxCatalogue = Catalogue<InboxStrings>;

/** One line per language: what `import()` fetches (the build makes each a chunk). */
export const inboxCatalogues: Record<Exclude<Locale, "en">, () => Promise<{ default: InboxCatalogue }>> = {
  de: () => import("./locales/de.ts"),
  fr: () => import("./locales/fr.ts"),
  es: () => import("./locales/es.ts"),
  it: () => import("./locales/it.ts"),
  pt: () => import("./locales/pt.ts"),
  nl: () => import("./locales/nl.ts"),
  pl: () => import("./locales/pl.ts"),
  sv: () => import("./locales/sv.ts"),
  tr: () => import("./locales/tr.ts"),
  ja: () => import("./locales/ja.ts"),
  zh: () => import("./locales/zh.ts"),
  ar: () => import("./locales/ar.ts"),
  he: () => import("./locales/he.ts"),
};

const loading = new Map<Locale, Promise<InboxCatalogue>>();

/** The catalogue of `locale`, fetched once per page; English when a chunk cannot be fetched (the inbox still works). */
export function inboxCatalogue(locale: Locale): Promise<InboxCatalogue> {
  if (locale === "en") return Promise.resolve(defaultInboxStrings);
  let catalogue = loading.get(locale);
  if (!catalogue) {
    catalogue = inboxCatalogues[locale]().then(
      (module) => module.default,
      () => defaultInboxStrings,
    );
    loading.set(locale, catalogue);
  }
  return catalogue;
}

/** The inbox's language: its own `lang` attribute if Porch speaks it, else the owner's browser's first one it speaks, else English. */
export const inboxLocale = (lang: string | null): Locale => pickLocale([lang, ...navigator.languages]);

/**
 * A sentence of the inbox in `locale`: its form for `count` (protocol/plurals.ts), numbers in the
 * language's digits, `{placeholders}` filled.
 */
export function say(locale: string, template: string, values: Readonly<Record<string, string | number>> = {}): string {
  const counted = typeof values.count === "number" ? plural(template, values.count, locale) : template;
  const numbers = new Intl.NumberFormat(locale);
  return fill(
    counted,
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "number" ? numbers.format(value) : value])),
  );
}
