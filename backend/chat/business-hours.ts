import type { BusinessHours } from "#protocol";

/** Whether the owner is within their hours now, and if not, when they next open (epoch ms). */
export type Availability = { open: true } | { open: false; backAt: number | null };

const minuteMs = 60_000;
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "09:30" → 570; "24:00" → 1440. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

/** A formatter per time zone, made once per container (making one is the slow part). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    const options = {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    } as const;
    formatter = new Intl.DateTimeFormat("en-US", options);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in `timeZone` says at `ms`. */
function wallClock(ms: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(part("year")),
    month: Number(part("month")),
    day: Number(part("day")),
    weekday: weekdays.indexOf(part("weekday")),
    minute: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

/** The instant a wall clock in `timeZone` shows `minute` on that date (the later one in a DST gap). */
function instantOf(date: Pick<WallClock, "year" | "month" | "day">, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + minute * minuteMs;
  let guess = asUtc;
  for (let step = 0; step < 2; step++) {
    const shown = wallClock(guess, timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day) + shown.minute * minuteMs;
    guess += asUtc - shownAsUtc;
  }
  return guess;
}

/** The date `ahead` days after `now`'s: noon of that day, read back on the wall, whatever DST does. */
function dateAhead(now: WallClock, ahead: number, timeZone: string): WallClock {
  return wallClock(instantOf(now, 12 * 60, timeZone) + ahead * 24 * 60 * minuteMs, timeZone);
}

/**
 * The owner's availability from their business hours (docs/protocol.md, `hours`): no hours (an
 * empty week) is always open; otherwise open from `from` up to `to` on each listed day, in the
 * hours' time zone, and closed in between, with `backAt` the next opening within a week.
 */
export function ownerAvailability(hours: BusinessHours, nowMs: number): Availability {
  if (hours.weekly.length === 0) return { open: true };
  const now = wallClock(nowMs, hours.timeZone);
  const within = hours.weekly.some(
    (span) => span.day === now.weekday && minutesOf(span.from) <= now.minute && now.minute < minutesOf(span.to),
  );
  if (within) return { open: true };
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = dateAhead(now, ahead, hours.timeZone);
    const openings = hours.weekly
      .filter((span) => span.day === date.weekday)
      .map((span) => minutesOf(span.from))
      .filter((from) => ahead > 0 || from > now.minute)
      .sort((a, b) => a - b);
    if (openings.length) return { open: false, backAt: instantOf(date, openings[0]!, hours.timeZone) };
  }
  return { open: false, backAt: null };
}

/**
 * The next instant after `nowMs` at which the hours open or close (a span's `from` or `to`, in the
 * hours' time zone), within a week; null without hours. Where one span ends as the next begins,
 * that instant is a change that changes nothing: the job announces the same presence again.
 */
export function nextHoursChange(hours: BusinessHours, nowMs: number): number | null {
  if (hours.weekly.length === 0) return null;
  const now = wallClock(nowMs, hours.timeZone);
  let next: number | null = null;
  for (let ahead = 0; ahead <= 7 && next === null; ahead++) {
    const date = dateAhead(now, ahead, hours.timeZone);
    for (const span of hours.weekly.filter((span) => span.day === date.weekday)) {
      for (const minute of [minutesOf(span.from), minutesOf(span.to)]) {
        const at = instantOf(date, minute, hours.timeZone);
        if (at > nowMs && (next === null || at < next)) next = at;
      }
    }
  }
  return next;
}
