/** Choosing a language from what a page or a browser asks for (protocol/locales.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRtl, localeOf, pickLocale, placeholdersOf } from "#protocol/locales.ts";

describe("choosing a language", () => {
  it("takes the first wish Porch speaks, in order", () => {
    assert.equal(pickLocale(["ko", "de-AT", "fr"]), "de");
    assert.equal(pickLocale([undefined, "", "ja-JP"]), "ja");
    assert.equal(pickLocale(["ko", "fi"]), "en");
    assert.equal(pickLocale([]), "en");
  });

  it("falls back from a region to its language", () => {
    assert.equal(localeOf("pt-PT"), "pt");
    assert.equal(localeOf("pt-BR"), "pt");
    assert.equal(localeOf("EN_gb"), "en");
    assert.equal(localeOf("zh-CN"), "zh");
    assert.equal(localeOf("zh-Hans-SG"), "zh");
  });

  it("does not answer Traditional Chinese with Simplified", () => {
    assert.equal(localeOf("zh-Hant"), undefined);
    assert.equal(localeOf("zh-TW"), undefined);
    assert.equal(pickLocale(["zh-Hant-HK", "ja"]), "ja");
    assert.equal(pickLocale(["zh-HK"]), "en");
  });

  it("knows which languages are written right to left", () => {
    assert.equal(isRtl("ar"), true);
    assert.equal(isRtl("he"), true);
    assert.equal(isRtl("de"), false);
  });
});

describe("a catalogue's placeholders", () => {
  it("are each named once, sorted", () => {
    assert.deepEqual(placeholdersOf("{name} wrote {count} messages to {name}"), ["{count}", "{name}"]);
    assert.deepEqual(placeholdersOf("no placeholder"), []);
  });
});
