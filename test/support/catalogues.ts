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
