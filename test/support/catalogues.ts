/**
 * The completeness check every catalogue of translations passes (issue 26): the same keys as
 * English, each a non-empty string with the same `{placeholders}`. One call per surface (the
 * widget, the inbox, the emails) registers one test per language.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { type Locale, placeholdersOf } from "#protocol/locales.ts";

export function itIsComplete(
  surface: string,
  english: Readonly<Record<string, string>>,
  catalogues: Partial<Record<Locale, Readonly<Record<string, string>>>>,
): void {
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    it(`${surface}: ${locale} has every key of English, no other, and the same placeholders`, () => {
      assert.deepEqual(Object.keys(catalogue).sort(), Object.keys(english).sort(), `${locale}'s keys`);
      for (const [key, text] of Object.entries(english)) {
        const translated = catalogue[key];
        assert.ok(typeof translated === "string", `${locale}.${key} is not a string`);
        assert.ok(translated.trim().length > 0, `${locale}.${key} is empty`);
        assert.deepEqual(placeholdersOf(translated), placeholdersOf(text), `${locale}.${key}'s placeholders`);
      }
    });
  }
}

/**
 * The categories a catalogue's sentence names its forms by (protocol/plurals.ts), in order: none
 * for plain text, "" for a form of a counted sentence that names none.
 */
export const pluralCategoriesOf = (text: string): string[] =>
  text.includes("|") || /^(zero|one|two|few|many|other):/.test(text) ? text.split("|").map((form) => /^(\w+):/.exec(form)?.[1] ?? "") : [];

/**
 * The counted sentences (protocol/plurals.ts) of every catalogue: each form named by a category
 * its language uses (`Intl.PluralRules`), so none is written in vain, and the last one `other`.
 */
export function itCountsRight(surface: string, catalogues: Partial<Record<Locale, Readonly<Record<string, string>>>>): void {
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    it(`${surface}: ${locale}'s counted sentences name only ${locale}'s plural categories, the last one other`, () => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      for (const [key, text] of Object.entries(catalogue)) {
        const named = pluralCategoriesOf(text);
        if (named.length === 0) continue;
        for (const category of named) assert.ok(categories.includes(category), `${locale}.${key}: ${locale} has no "${category}"`);
        assert.equal(named.at(-1), "other", `${locale}.${key} ends with other`);
      }
    });
  }
}
