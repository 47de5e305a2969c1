/**
 * The inbox's catalogues (issue 26): every language has every key of English with the same
 * placeholders, counted sentences only where the inbox counts, and each fills in cleanly. The
 * element tests (widget/inbox/porch-inbox.test.ts) render the inbox in every language.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { locales } from "#protocol/locales.ts";
import { defaultInboxStrings, type InboxStrings } from "#widget/inbox/strings.ts";
import { itCountsRight, itIsComplete, pluralCategoriesOf } from "#test/support/catalogues.ts";
import type { InboxCatalogue } from "#widget/inbox/catalogues.ts";

const catalogues = Object.fromEntries(
  await Promise.all(
    locales
      .filter((locale) => locale !== "en")
      .map(
        async (locale) => [locale, ((await import(`#widget/inbox/locales/${locale}.ts`)) as { default: InboxCatalogue }).default] as const,
      ),
  ),
);

/**
 * The keys filled with a plural form: through `say` (widget/inbox/catalogues.ts), or `plural` in the
 * shared composer (`tooLong`); the other sentences are filled with `fill`, which picks none.
 */
const counted: readonly (keyof InboxStrings)[] = ["unread", "retention", "tooLong", "searchFound"];

describe("the inbox's languages", () => {
  itIsComplete("inbox", defaultInboxStrings, catalogues);
  itCountsRight("inbox", catalogues);

  it("writes plural forms only in the sentences the inbox counts with plural rules", () => {
    for (const [locale, catalogue] of Object.entries({ en: defaultInboxStrings, ...catalogues })) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (!counted.includes(key as keyof InboxStrings))
          assert.deepEqual(pluralCategoriesOf(text), [], `${locale}.${key} is counted, but shown with fill`);
      }
    }
  });
});
