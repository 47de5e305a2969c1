import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { retentionDaysFrom, retentionEveryFrom } from "#backend/chat/retention.ts";

describe("PORCH_RETENTION_DAYS", () => {
  it("is 365 days unless set", () => {
    assert.equal(retentionDaysFrom(undefined), 365);
    assert.equal(retentionDaysFrom(" "), 365);
  });

  it("takes whole days, 0 (kept until deleted) and decimals", () => {
    assert.equal(retentionDaysFrom("30"), 30);
    assert.equal(retentionDaysFrom("0"), 0);
    assert.equal(retentionDaysFrom("0.001"), 0.001);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["-1", "ten", "1e3", "30d", "Infinity", "NaN", "0x10"]) {
      assert.throws(() => retentionDaysFrom(value), /PORCH_RETENTION_DAYS/, value);
    }
  });
});

describe("PORCH_RETENTION_EVERY_S", () => {
  it("is an hour unless set, and whole seconds of at least 1", () => {
    assert.equal(retentionEveryFrom(undefined), 3600);
    assert.equal(retentionEveryFrom("60"), 60);
    for (const value of ["0", "1.5", "-5", "soon"]) assert.throws(() => retentionEveryFrom(value), /PORCH_RETENTION_EVERY_S/, value);
  });
});
