const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const dayInYear = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const fullDay = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A list row's time: the clock today, the weekday this week, the date before that. */
export function shortTime(ms: number, nowMs = Date.now()): string {
  const then = new Date(ms);
  const now = new Date(nowMs);
  if (then.toDateString() === now.toDateString()) return clock.format(then);
  if (nowMs - ms < 6 * 86_400_000) return weekday.format(then);
  return (then.getFullYear() === now.getFullYear() ? dayInYear : fullDay).format(then);
}

/** A moment in full, for the visitor's details. */
export const longTime = (ms: number): string => full.format(ms);

/** The clock where the visitor is, now: "4:32 PM (Europe/Zurich)"; the zone's name alone if this browser does not know it. */
export function localTime(timeZone: string, nowMs = Date.now()): string {
  try {
    return `${new Intl.DateTimeFormat(undefined, { timeZone, hour: "numeric", minute: "2-digit", weekday: "short" }).format(nowMs)} (${timeZone})`;
  } catch {
    return timeZone;
  }
}

/** "de-CH" → "German (Switzerland)" in the owner's language, and the tag itself after it. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(undefined, { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}
