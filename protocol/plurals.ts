/**
 * Filling a catalogue's sentences, the same on every side that shows text (the widget, the inbox,
 * the emails). A counted sentence is one form (`{count}件の未読`) or a form per `Intl.PluralRules`
 * category, `one:{count} unread|other:{count} unread`, the last one `other`
 * (docs/contributing.md, "Adding a language").
 */

/** Fills `{name}` placeholders; an unknown one stays as it is. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

/** The form of `text` for `count` by the language's plural rules, `{count}` in the locale's digits; no locale ("") is the browser's. */
export function plural(text: string, count: number, locale?: string): string {
  const forms = text.split("|");
  const category = new Intl.PluralRules(locale || undefined).select(count);
  const form = forms.find((candidate) => candidate.startsWith(`${category}:`)) ?? forms.at(-1)!;
  return fill(form.replace(/^(zero|one|two|few|many|other):/, ""), { count: new Intl.NumberFormat(locale || undefined).format(count) });
}
