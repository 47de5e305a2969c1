/**
 * The completeness check every catalogue of translations passes (issue 26): the same keys as
 * English, each a non-empty string with the same `{placeholders}`. One call per surface (the
 * widget, the inbox, the emails) registers one test per language.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { type Locale, placeholdersOf } from "#protocol/locales.ts";
import { pluralForms } from "#protocol/plurals.ts";

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
 * The counted sentences (protocol/plurals.ts) of every catalogue: each has an `other` form and no
 * category its language does not use (`Intl.PluralRules`), so no form is written in vain.
 */
export function itCountsRight(surface: string, catalogues: Partial<Record<Locale, Readonly<Record<string, string>>>>): void {
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    it(`${surface}: ${locale}'s counted sentences have an "other" form and only ${locale}'s plural categories`, () => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      for (const [key, text] of Object.entries(catalogue)) {
        const forms = pluralForms(text);
        if (!forms) continue;
        assert.ok(forms.other !== undefined, `${locale}.${key} has no "other" form`);
        for (const category of Object.keys(forms))
          assert.ok(categories.includes(category), `${locale}.${key}: ${locale} has no "${category}"`);
      }
    });
  }
}
