import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ErrorCode } from "#protocol";
import { limits } from "#protocol";
import { TestClient } from "../support/client.ts";
import { ownerClient, scanTable, useStack, withoutCounters } from "../support/stack.ts";

function isRaw(frame: unknown): frame is { raw: string } {
  return typeof frame === "object" && frame !== null && "raw" in frame;
}

describe("bad input gets a clear error and changes nothing", () => {
  const ctx = useStack();
  const visitorId = randomUUID();
  const id = randomUUID();

  const cases: [string, unknown, ErrorCode][] = [
    ["not JSON", { raw: "{oops" }, "bad_request"],
    ["a JSON array", [], "bad_request"],
    ["a JSON string", "send", "bad_request"],
    ["null", null, "bad_request"],
    ["no action", { visitorId }, "bad_request"],
    ["a numeric action", { action: 7, visitorId }, "bad_request"],
    ["an unknown action", { action: "delete_everything", visitorId }, "bad_request"],
    ["no visitorId", { action: "hello" }, "bad_request"],
    ["a malformed visitorId", { action: "hello", visitorId: "not-a-uuid" }, "bad_request"],
    ["a numeric visitorId", { action: "hello", visitorId: 12 }, "bad_request"],
    ["a send without id", { action: "send", visitorId, text: "hi" }, "bad_request"],
    ["a send with a malformed id", { action: "send", visitorId, id: "1", text: "hi" }, "bad_request"],
    ["a send without text", { action: "send", visitorId, id }, "bad_request"],
    ["a send with numeric text", { action: "send", visitorId, id, text: 5 }, "bad_request"],
    ["a send with empty text", { action: "send", visitorId, id, text: "   \n " }, "bad_request"],
    ["a send with text over the limit", { action: "send", visitorId, id, text: "x".repeat(limits.textMaxChars + 1) }, "too_large"],
    ["a nickname over the limit", { action: "register", visitorId, nickname: "n".repeat(65) }, "too_large"],
    ["an email over the limit", { action: "register", visitorId, email: `${"e".repeat(250)}@x.io` }, "too_large"],
    ["an email that is not an address", { action: "register", visitorId, email: "nope" }, "bad_request"],
    ["a numeric nickname", { action: "register", visitorId, nickname: 3 }, "bad_request"],
    ["a list with a bad cursor", { action: "list", visitorId, before: "yesterday" }, "bad_request"],
    ...[
      { sentAt: -1, id },
      { sentAt: 1.5, id },
      { sentAt: 1700000000000, id: "../../etc" },
      { sentAt: "1700000000000", id },
      [1700000000000, id],
    ].map((position): [string, unknown, ErrorCode] => [
      `a list with a tampered cursor ${JSON.stringify(position)}`,
      { action: "list", visitorId, before: Buffer.from(JSON.stringify(position)).toString("base64url") },
      "bad_request",
    ]),
    ["a list with a limit of zero", { action: "list", visitorId, limit: 0 }, "bad_request"],
    ["a list with a huge limit", { action: "list", visitorId, limit: 10_000 }, "bad_request"],
    ["a rid that is too long", { action: "hello", visitorId, rid: "r".repeat(65) }, "bad_request"],
    ["a login without password", { action: "login" }, "bad_request"],
    ["an owner frame with a numeric token", { action: "inbox", token: 1 }, "bad_request"],
    ["an owner frame with a forged token", { action: "inbox", token: "v1.1.2.3" }, "unauthorized"],
    ["a block with a malformed visitorId", { action: "block", token: "v1.1.2.3", visitorId: "../x" }, "bad_request"],
    ["a delete without a visitorId", { action: "delete", token: "v1.1.2.3" }, "bad_request"],
    ["an unblock with a forged token", { action: "unblock", token: "v1.1.2.3", visitorId }, "unauthorized"],
    ["an unknown owner action", { action: "drop_table", token: "v1.1.2.3" }, "bad_request"],
    ["a __proto__ key", { raw: `{"action":"send","visitorId":"${visitorId}","id":"${id}","__proto__":{"text":"x"}}` }, "bad_request"],
    ["deep nesting", { raw: `${"[".repeat(10_000)}${"]".repeat(10_000)}` }, "bad_request"],
    ["a deeply nested field", { raw: `{"action":"hello","visitorId":${"[".repeat(5000)}${"]".repeat(5000)}}` }, "bad_request"],
  ];

  it("answers each malformed frame with the right code, and stores nothing", async () => {
    let client = await TestClient.open(ctx.stack.socketUrl);
    const before = withoutCounters(await scanTable(ctx.stack));
    for (const [index, [name, frame, code]] of cases.entries()) {
      // A connection may send 30 frames at once (the frame-rate limit): a new one every 20.
      if (index > 0 && index % 20 === 0) {
        await client.close();
        client = await TestClient.open(ctx.stack.socketUrl);
      }
      const answer = await client.requestRaw(isRaw(frame) ? frame.raw : JSON.stringify(frame), 3000);
      assert.equal(answer.type === "error" && answer.code, code, `${name}: ${JSON.stringify(answer)}`);
      assert.ok(answer.type === "error" && answer.message.length > 0, `${name} has words for people`);
    }
    assert.deepEqual(withoutCounters(await scanTable(ctx.stack)), before, "the table is unchanged");
    const still = await client.request({ action: "ping", visitorId });
    assert.equal(still.type, "pong", "the connection stays usable");
    await client.close();
  });

  it("answers a binary frame with bad_request", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    client.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const reply = await client.waitFor((frame) => frame.type === "error");
    assert.equal(reply.type === "error" && reply.code, "bad_request");
    await client.close();
  });

  it("echoes the rid of a frame that fails validation", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const reply = await client.request({ action: "send", visitorId, id, text: "", rid: "keep-me" });
    assert.equal(reply.rid, "keep-me");
    await client.close();
  });

  it("answers an owner send with an over-long text with too_large and stores nothing", async () => {
    const owner = await ownerClient(ctx.stack);
    const before = await scanTable(ctx.stack);
    const reply = await owner.client.request({
      action: "send",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "y".repeat(limits.textMaxChars + 1),
    });
    assert.equal(reply.type === "error" && reply.code, "too_large");
    assert.deepEqual(await scanTable(ctx.stack), before);
    await owner.client.close();
  });
});
