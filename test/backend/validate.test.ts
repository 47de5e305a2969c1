import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { paddedMs } from "#backend/store/keys.ts";
import { ProtocolError, limits, parseFrame } from "#protocol";

function codeOf(body: string): string {
  try {
    parseFrame(body);
    return "ok";
  } catch (error) {
    assert.ok(error instanceof ProtocolError);
    return error.code;
  }
}

describe("parseFrame", () => {
  const visitorId = randomUUID();

  it("keeps only the fields of the action", () => {
    const { frame } = parseFrame(JSON.stringify({ action: "hello", visitorId, rid: "1", admin: true, text: "x" }));
    assert.deepEqual(frame, { action: "hello", visitorId, rid: "1" });
  });

  it("trims text and normalises UUIDs to lower case", () => {
    const id = randomUUID();
    const { frame } = parseFrame(JSON.stringify({ action: "send", visitorId: visitorId.toUpperCase(), id, text: "  hi  " }));
    assert.deepEqual(frame, { action: "send", visitorId, id, text: "hi" });
  });

  it("reads an owner frame by its token", () => {
    const parsed = parseFrame(JSON.stringify({ action: "list", token: "t", visitorId, limit: 5 }));
    assert.deepEqual(parsed, { name: "ownerList", frame: { action: "list", token: "t", visitorId, limit: 5 } });
  });

  it("accepts exactly 4,000 characters and refuses 4,001", () => {
    const id = randomUUID();
    assert.equal(codeOf(JSON.stringify({ action: "send", visitorId, id, text: "a".repeat(4000) })), "ok");
    assert.equal(codeOf(JSON.stringify({ action: "send", visitorId, id, text: "a".repeat(4001) })), "too_large");
  });

  it("ignores a __proto__ key rather than letting it set fields", () => {
    const body = `{"action":"send","visitorId":"${visitorId}","id":"${randomUUID()}","__proto__":{"text":"smuggled"}}`;
    assert.equal(codeOf(body), "bad_request");
    assert.equal(({} as { text?: string }).text, undefined);
  });

  it("passes cursors through as opaque strings, refusing only what no reply could hold", () => {
    const cursor = "eyJzZW50QXQiOjF9";
    assert.deepEqual(parseFrame(JSON.stringify({ action: "list", visitorId, before: cursor })).frame, {
      action: "list",
      visitorId,
      before: cursor,
    });
    assert.deepEqual(parseFrame(JSON.stringify({ action: "inbox", token: "t", cursor })).frame, { action: "inbox", token: "t", cursor });
    for (const bad of ["", 17, null, "c".repeat(limits.cursorMaxChars + 1)]) {
      assert.equal(codeOf(JSON.stringify({ action: "list", visitorId, before: bad })), "bad_request", `before ${JSON.stringify(bad)}`);
      assert.equal(codeOf(JSON.stringify({ action: "inbox", token: "t", cursor: bad })), "bad_request", `cursor ${JSON.stringify(bad)}`);
    }
  });
});

describe("timeline keys", () => {
  it("sort as text in time order", () => {
    const times = [0, 9, 10, 1_700_000_000_000, 1_700_000_000_001, 9_999_999_999_999];
    const padded = times.map(paddedMs);
    assert.deepEqual([...padded].sort(), padded);
    assert.ok(padded.every((key) => key.length === 13));
  });
});
