/**
 * Counted sentences in a catalogue (issue 26). A string that changes with a `{count}` lists its
 * forms by CLDR plural category, separated by ` | `:
 * `"one: New reply from {site} | other: {count} new replies from {site}"`; Polish adds `few:` and
 * `many:`, and a language whose sentence does not change (Japanese, Chinese) writes plain text.
 * Both sides (the inbox, the emails) pick the form with `Intl.PluralRules` for the catalogue's
 * language; a category a translation leaves out falls back to its `other`.
 */

export const pluralCategories = ["zero", "one", "two", "few", "many", "other"] as const;

export type PluralCategory = (typeof pluralCategories)[number];

const formPattern = /^(zero|one|two|few|many|other): ([^]*)$/;

/** The forms of a counted string by category, or null when it is plain text. */
export function pluralForms(text: string): Partial<Record<PluralCategory, string>> | null {
  if (!formPattern.test(text)) return null;
  const forms: Partial<Record<PluralCategory, string>> = {};
  for (const part of text.split(" | ")) {
    const match = formPattern.exec(part.trim());
    if (match) forms[match[1] as PluralCategory] = match[2]!;
  }
  return forms;
}

/** The form of `text` for `count` in `locale` (plain text as it is). */
export function pluralText(text: string, count: number | undefined, locale: string): string {
  const forms = pluralForms(text);
  if (!forms) return text;
  const category = count === undefined ? "other" : new Intl.PluralRules(locale).select(count);
  return forms[category] ?? forms.other ?? text;
}
