/**
 * Times and languages as the inbox shows them, in the inbox's language (`locale`; the browser's
 * when none). Formatters are made once per language and kind.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const kinds = {
  clock: { hour: "numeric", minute: "2-digit" },
  weekday: { weekday: "short" },
  dayInYear: { month: "short", day: "numeric" },
  fullDay: { year: "numeric", month: "short", day: "numeric" },
  full: { dateStyle: "medium", timeStyle: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatter(kind: keyof typeof kinds, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${kind} ${locale ?? ""}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, kinds[kind])));
  return format;
}

/** A list row's time: the clock today, the weekday this week, the date before that. */
export function shortTime(ms: number, nowMs = Date.now(), locale?: string): string {
  const then = new Date(ms);
  const now = new Date(nowMs);
  if (then.toDateString() === now.toDateString()) return formatter("clock", locale).format(then);
  if (nowMs - ms < 6 * 86_400_000) return formatter("weekday", locale).format(then);
  return formatter(then.getFullYear() === now.getFullYear() ? "dayInYear" : "fullDay", locale).format(then);
}

/** A moment in full, for the visitor's details. */
export const longTime = (ms: number, locale?: string): string => formatter("full", locale).format(ms);

/** The clock where the visitor is, now: "4:32 PM (Europe/Zurich)"; the zone's name alone if this browser does not know it. */
export function localTime(timeZone: string, nowMs = Date.now(), locale?: string): string {
  try {
    return `${new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit", weekday: "short" }).format(nowMs)} (${timeZone})`;
  } catch {
    return timeZone;
  }
}

/** "de-CH" → "German (Switzerland)" in the inbox's language, and the tag itself after it. */
export function languageName(tag: string, locale?: string): string {
  try {
    const name = new Intl.DisplayNames(locale, { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

const relativeUnits: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/** How long ago (or from now) `ms` is, in the inbox's language: "1 minute ago", "vor 2 Stunden", "昨日"; past a week, the date in full. */
export function relativeTime(ms: number, nowMs = Date.now(), locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  let amount = (ms - nowMs) / 1000;
  for (const [unit, perNext] of relativeUnits) {
    if (Math.abs(amount) < perNext) return format.format(Math.round(amount), unit);
    amount /= perNext;
  }
  return longTime(ms, locale);
}
