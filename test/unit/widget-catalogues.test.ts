/**
 * The widget's catalogues (issue 26): every language but English has two, the chat's
 * (widget/chat/locales/<locale>.ts) and the one of the parts loaded on first use
 * (<locale>.first-use.ts), each complete against English, and each count's forms named by the
 * plural categories its language has.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Locale, locales } from "#protocol/locales.ts";
import { itIsComplete } from "#test/support/catalogues.ts";
import { consentStrings } from "#widget/chat/consent-strings.ts";
import { emailOfferStrings } from "#widget/chat/email-offer-strings.ts";
import { introStrings } from "#widget/chat/intro-strings.ts";
import { conversationMenuStrings } from "#widget/chat/menu-strings.ts";
import { resumeStrings } from "#widget/chat/resume-strings.ts";
import { defaultStrings } from "#widget/chat/strings.ts";
import { uploadStrings } from "#widget/shared/uploads/strings.ts";

type Strings = Readonly<Record<string, string>>;
const translated = locales.filter((locale) => locale !== "en");
const load = async (file: string) => ((await import(`#widget/chat/locales/${file}.ts`)) as { default: Strings }).default;
const chat = Object.fromEntries(await Promise.all(translated.map(async (locale) => [locale, await load(locale)]))) as Record<
  Locale,
  Strings
>;
const firstUse = Object.fromEntries(
  await Promise.all(translated.map(async (locale) => [locale, await load(`${locale}.first-use`)])),
) as Record<Locale, Strings>;

describe("the widget's catalogues", () => {
  itIsComplete("the chat", defaultStrings, chat);
  itIsComplete(
    "the parts loaded on first use",
    { ...introStrings, ...conversationMenuStrings, ...emailOfferStrings, ...uploadStrings, ...consentStrings, ...resumeStrings },
    firstUse,
  );

  it("names each count's forms by plural categories its language has, the last one other", () => {
    for (const locale of locales) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      const strings = locale === "en" ? { ...defaultStrings, ...conversationMenuStrings } : { ...chat[locale], ...firstUse[locale] };
      for (const [key, text] of Object.entries(strings)) {
        const forms = text.split("|");
        if (forms.length === 1) continue;
        const named = forms.map((form) => /^(\w+):/.exec(form)?.[1] ?? "");
        for (const category of named)
          assert.ok(categories.includes(category), `${locale}.${key}: ${category || "a form without a category"}`);
        assert.equal(named.at(-1), "other", `${locale}.${key} ends with other`);
      }
    }
  });
});
