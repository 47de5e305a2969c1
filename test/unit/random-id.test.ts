import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { uuid } from "#protocol/fields.ts";
import * as v from "valibot";
import { randomId } from "#widget/shared/random-id.ts";

describe("randomId", () => {
  it("makes version 4, variant 10 UUIDs that the protocol accepts as ids", () => {
    for (let n = 0; n < 1000; n++) {
      const id = randomId();
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(v.is(uuid("id"), id), id);
    }
  });

  it("never repeats itself, and uses every hex digit in every free position", () => {
    const ids = Array.from({ length: 10_000 }, randomId);
    assert.equal(new Set(ids).size, ids.length);
    const free = [...ids[0]!].map((char, at) => (char === "-" || at === 14 || at === 19 ? null : new Set<string>()));
    for (const id of ids) [...id].forEach((char, at) => free[at]?.add(char));
    for (const digits of free) if (digits) assert.equal(digits.size, 16);
  });
});
