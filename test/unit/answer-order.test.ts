/**
 * Where an answer by email goes in its conversation (backend/inbound/receive.ts, `sentAtOf`): by
 * its `Date`, within a sane window of its arrival, else at its arrival.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sentAtOf } from "#backend/inbound/receive.ts";
import { limits } from "#protocol/limits.ts";

const arrivedAtMs = Date.UTC(2026, 11, 6, 4, 30, 10, 250);

describe("the place of an answer by email", () => {
  it("is the end of its Date's second, for a Date before its arrival", () => {
    assert.equal(sentAtOf(Date.UTC(2026, 11, 6, 4, 30, 2), arrivedAtMs), Date.UTC(2026, 11, 6, 4, 30, 2, 999));
  });

  it("is its arrival when it arrived within its Date's second", () => {
    assert.equal(sentAtOf(Date.UTC(2026, 11, 6, 4, 30, 10), arrivedAtMs), arrivedAtMs);
  });

  it("is its arrival without a Date, with one after its arrival, or one older than a reply address lives", () => {
    assert.equal(sentAtOf(null, arrivedAtMs), arrivedAtMs);
    assert.equal(sentAtOf(arrivedAtMs + 1000, arrivedAtMs), arrivedAtMs);
    assert.equal(sentAtOf(arrivedAtMs - limits.resumeLinkTtlMs - 1, arrivedAtMs), arrivedAtMs);
  });

  it("keeps a Date as old as a reply address lives", () => {
    const oldest = arrivedAtMs - limits.resumeLinkTtlMs;
    assert.equal(sentAtOf(oldest, arrivedAtMs), oldest + 999);
  });
});
