/**
 * The emails' and link pages' languages: one catalogue per language (./locales/, each checked
 * against English by the compiler and by test/backend/email-languages.test.ts) and the one way
 * to read them, `emailText(locale)`. A visitor's emails are in the language their `send` carried
 * (the conversation's head), a link's page in the language of the browser that opens it.
 */
import { type Catalogue, type Locale, isRtl, pickLocale } from "#protocol/locales.ts";
import { fill, plural } from "#protocol/plurals.ts";
import ar from "./locales/ar.ts";
import de from "./locales/de.ts";
import es from "./locales/es.ts";
import fr from "./locales/fr.ts";
import he from "./locales/he.ts";
import it from "./locales/it.ts";
import ja from "./locales/ja.ts";
import nl from "./locales/nl.ts";
import pl from "./locales/pl.ts";
import pt from "./locales/pt.ts";
import sv from "./locales/sv.ts";
import tr from "./locales/tr.ts";
import zh from "./locales/zh.ts";
import { type EmailKey, emailStrings } from "./strings.ts";
import { escapeHtml } from "./html.ts";

export const emailCatalogues: Record<Locale, Catalogue<typeof emailStrings>> = {
  en: emailStrings,
  de,
  fr,
  es,
  it,
  pt,
  nl,
  pl,
  sv,
  tr,
  ja,
  zh,
  ar,
  he,
};

export type EmailValues = Readonly<Record<string, string | number>>;

/** The sentences of one language, filled in: `text` for plain text, `html` with every value escaped. */
export interface EmailText {
  readonly locale: Locale;
  /** `lang` and `dir` for the HTML element of an email or a page. */
  readonly htmlAttributes: string;
  text(key: EmailKey, values?: EmailValues): string;
  /**
   * The sentence as HTML: its words and values escaped, the values named in `strong` in `<strong>`,
   * isolated left to right (an address reads the same in an Arabic or a Hebrew sentence).
   */
  html(key: EmailKey, values?: EmailValues, strong?: readonly string[]): string;
}

export function emailText(locale: Locale): EmailText {
  const catalogue = emailCatalogues[locale];
  const numbers = new Intl.NumberFormat(locale);
  const valueOf = (value: string | number) => (typeof value === "number" ? numbers.format(value) : value);
  // A counted sentence's form for its `count`, `{count}` filled in the language's digits (protocol/plurals.ts).
  const template = (key: EmailKey, values: EmailValues) =>
    typeof values.count === "number" ? plural(catalogue[key], values.count, locale) : catalogue[key];
  return {
    locale,
    htmlAttributes: `lang="${locale}" dir="${isRtl(locale) ? "rtl" : "ltr"}"`,
    text: (key, values = {}) =>
      fill(template(key, values), Object.fromEntries(Object.entries(values).map(([name, value]) => [name, valueOf(value)]))),
    html: (key, values = {}, strong = []) =>
      template(key, values)
        .split(/(\{\w+\})/)
        .map((part) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1];
          if (name === undefined || !(name in values)) return escapeHtml(part);
          const value = escapeHtml(valueOf(values[name]!));
          return strong.includes(name) ? `<strong dir="ltr">${value}</strong>` : value;
        })
        .join(""),
  };
}

/** The languages an `Accept-Language` header asks for, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...parameters] = entry.trim().split(";");
      const q = Number(/^\s*q=([^;]*)/.exec(parameters.join(";"))?.[1] ?? 1);
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ tag, q }) => tag && tag !== "*" && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The text of a link's page for a browser that sent this `Accept-Language`. */
export const pageText = (acceptLanguage: string | undefined): EmailText => emailText(pickLocale(acceptedLanguages(acceptLanguage)));
