import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextHoursChange, ownerAvailability } from "#backend/chat/business-hours.ts";

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: "09:00", to: "17:00" }));

/** The owner's availability from their hours (backend/chat/business-hours.ts). */
describe("ownerAvailability", () => {
  it("is always open without hours", () => {
    assert.deepEqual(ownerAvailability({ timeZone: "Europe/Oslo", weekly: [] }, Date.UTC(2026, 11, 6, 3)), { open: true });
  });

  it("is open within a span in the hours' own time zone, and closed at its end", () => {
    const hours = { timeZone: "Europe/Oslo", weekly: weekdays };
    // Monday 7 December 2026: Oslo is UTC+1.
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 8, 0)), { open: true }, "09:00 in Oslo");
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 15, 59)), { open: true }, "16:59 in Oslo");
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 16, 0)), { open: false, backAt: Date.UTC(2026, 11, 8, 8, 0) });
  });

  it("is back on Monday at 9:00 over a weekend, and later the same day before opening", () => {
    const hours = { timeZone: "America/New_York", weekly: weekdays };
    // Saturday 5 December 2026, noon in New York (UTC−5).
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 5, 17)), { open: false, backAt: Date.UTC(2026, 11, 7, 14, 0) });
    // Monday at 07:00 in New York: back at 09:00 that day.
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 12)), { open: false, backAt: Date.UTC(2026, 11, 7, 14, 0) });
  });

  it("follows daylight saving time: the same wall clock, another offset", () => {
    const hours = { timeZone: "Europe/Oslo", weekly: [{ day: 1, from: "09:00", to: "17:00" }] };
    // Saturday 28 March 2026 (UTC+1); Monday 30 March is after the change (UTC+2).
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 2, 28, 12)), { open: false, backAt: Date.UTC(2026, 2, 30, 7, 0) });
  });

  it("finds the next opening a whole week on, and the second span of a day", () => {
    const hours = {
      timeZone: "UTC",
      weekly: [
        { day: 1, from: "09:00", to: "12:00" },
        { day: 1, from: "13:00", to: "24:00" },
      ],
    };
    // Monday 7 December 2026 at 12:30 UTC: the afternoon span.
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 12, 30)), { open: false, backAt: Date.UTC(2026, 11, 7, 13, 0) });
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 7, 23, 59)), { open: true }, "to 24:00 is to the end of the day");
    // Tuesday: the next Monday.
    assert.deepEqual(ownerAvailability(hours, Date.UTC(2026, 11, 8, 10)), { open: false, backAt: Date.UTC(2026, 11, 14, 9, 0) });
  });
});

/** When the next hours-change job is due (backend/chat/hours-change.ts). */
describe("nextHoursChange", () => {
  it("is none without hours", () => {
    assert.equal(nextHoursChange({ timeZone: "UTC", weekly: [] }, Date.UTC(2026, 11, 6)), null);
  });

  it("is the next opening while closed, and the closing while open, in the hours' time zone", () => {
    const hours = { timeZone: "Europe/Oslo", weekly: weekdays };
    // Saturday 5 December 2026: Monday 09:00 in Oslo is 08:00 UTC.
    assert.equal(nextHoursChange(hours, Date.UTC(2026, 11, 5, 12)), Date.UTC(2026, 11, 7, 8));
    assert.equal(nextHoursChange(hours, Date.UTC(2026, 11, 7, 8)), Date.UTC(2026, 11, 7, 16), "at the opening itself: the closing");
  });

  it("counts 24:00 as the day's end, and follows daylight saving time", () => {
    const late = { timeZone: "UTC", weekly: [{ day: 1, from: "20:00", to: "24:00" }] };
    assert.equal(nextHoursChange(late, Date.UTC(2026, 11, 7, 21)), Date.UTC(2026, 11, 8, 0));
    const oslo = { timeZone: "Europe/Oslo", weekly: [{ day: 1, from: "09:00", to: "17:00" }] };
    assert.equal(nextHoursChange(oslo, Date.UTC(2026, 2, 28, 12)), Date.UTC(2026, 2, 30, 7), "after the change to UTC+2");
  });
});
