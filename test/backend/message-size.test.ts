import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { countThatFit, jsonBytes, messageMaxBytes } from "#backend/chat/reply-size.ts";
import { limits } from "#protocol";
import type { TestClient } from "../support/client.ts";
import type { RequestFrame } from "../support/protocol-client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

/**
 * The characters that make JSON longest: 3 bytes in UTF-8 (€, 中), 6 bytes as a JSON escape
 * (U+0000–U+001F), 2 bytes escaped (`"` and `\`). Texts start and end with one that trimming keeps.
 */
const worst = ["€", "\u0001", "中", "\u001f", '"', "\u0000", "\\", "\u0007"];
function worstText(chars: number, seed: number): string {
  let text = "€";
  for (let n = 1; n < chars - 1; n++) text += worst[(n * 7 + seed) % worst.length];
  return `${text}中`;
}
/** Only 6-byte escapes between the first and last character: the longest a text can be as JSON. */
const longestText = (chars: number) => `€${"\u0001".repeat(chars - 2)}€`;

/** Sends `frame` and returns the reply with its size on the wire. */
async function requestSized<A extends "list" | "hello" | "inbox", T extends string | undefined = undefined>(
  client: TestClient,
  frame: RequestFrame<A, T>,
) {
  const reply = await client.expectReply(frame, 10_000);
  assert.notEqual(reply.type, "error", JSON.stringify(reply));
  return { reply, bytes: client.bytes.get(reply)! };
}

describe("replies fit in API Gateway's 128 KB message", () => {
  const ctx = useStack();

  it("pages a history of 60 messages of 4,000 of the worst characters completely, every reply under 128 KB", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    const sent: string[] = [];
    for (let n = 0; n < 60; n++) {
      const id = randomUUID();
      const text = n % 2 ? longestText(limits.textMaxChars) : worstText(limits.textMaxChars, n);
      // Visitors may send 20 a minute; the owner has no such limit.
      const reply =
        n % 3 === 0
          ? await visitor.request({ action: "send", visitorId, id, text }, 10_000)
          : await owner.client.request({ action: "send", token: owner.token, visitorId, id, text }, 10_000);
      assert.equal(reply.type, "sent", JSON.stringify(reply).slice(0, 200));
      sent.push(id);
    }
    for (const [who, client, base] of [
      ["the visitor, default page size", visitor, { action: "list", visitorId }],
      ["the owner, 100 a page", owner.client, { action: "list", token: owner.token, visitorId, limit: 100 }],
    ] as const) {
      const received: string[] = [];
      let before: string | null | undefined;
      let pages = 0;
      do {
        const { reply, bytes } = await requestSized(client, before ? { ...base, before } : base);
        pages++;
        assert.ok(bytes <= messageMaxBytes, `${who}: page ${pages} is ${bytes} bytes`);
        assert.ok(reply.messages.length > 0, `${who}: page ${pages} is empty`);
        received.unshift(...reply.messages.map((message) => message.id));
        assert.equal(reply.more, reply.cursor !== null);
        before = reply.cursor;
      } while (before);
      assert.deepEqual(received, sent, `${who}: every message once, in order`);
      assert.ok(pages >= 10, `${who}: ${pages} pages; 60 messages of up to 24 KB each need at least 10`);
    }
    assert.deepEqual(ctx.stack.gateway.limitViolations(), []);
    await visitor.close();
    await owner.client.close();
  });

  it("sends an owner hello and inbox pages of rows at their longest under 128 KB, each row once", async () => {
    const visitorIds: string[] = [];
    for (let n = 0; n < limits.inboxPageSize + 3; n++) {
      const visitorId = randomUUID();
      const visitor = await visitorClient(ctx.stack, visitorId);
      // A nickname's control characters become spaces, so `"` (escaped as two bytes) is its longest;
      // an email is ASCII by its grammar, its longest 254 characters.
      const nickname = `€${'"'.repeat(limits.nicknameMaxChars - 2)}€`;
      const email = `${"e".repeat(64)}@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(58)}.io`;
      assert.equal((await visitor.request({ action: "register", visitorId, nickname, email })).type, "registered");
      assert.equal(
        (await visitor.request({ action: "send", visitorId, id: randomUUID(), text: longestText(limits.textMaxChars) })).type,
        "sent",
      );
      visitorIds.push(visitorId);
      await visitor.close();
    }
    const owner = await ownerClient(ctx.stack);
    const hello = await requestSized(owner.client, { action: "hello", token: owner.token });
    assert.ok(hello.bytes <= messageMaxBytes, `owner hello is ${hello.bytes} bytes`);
    assert.ok(hello.bytes > 28_000, `owner hello is ${hello.bytes} bytes: the rows are not at their longest`);
    const rows = [...hello.reply.conversations.map((row) => row.visitorId)];
    let cursor = hello.reply.cursor;
    while (cursor) {
      const page = await requestSized(owner.client, { action: "inbox", token: owner.token, cursor });
      assert.ok(page.bytes <= messageMaxBytes, `an inbox page is ${page.bytes} bytes`);
      rows.push(...page.reply.conversations.map((row) => row.visitorId));
      cursor = page.reply.cursor;
    }
    for (const visitorId of visitorIds) assert.equal(rows.filter((id) => id === visitorId).length, 1, `${visitorId} once`);
    assert.deepEqual(ctx.stack.gateway.limitViolations(), []);
    await owner.client.close();
  });
});

describe("countThatFit", () => {
  const item = { text: "\u0001".repeat(1000) }; // 6,013 bytes as JSON
  const items = Array.from({ length: 40 }, (_, n) => ({ ...item, n }));

  it("keeps the items that fit under the limit with everything else in the reply, from either end", () => {
    const count = countThatFit(items, 100, "end");
    assert.ok(count > 1 && count < items.length);
    const kept = items.slice(items.length - count);
    assert.ok(100 + jsonBytes(kept) <= messageMaxBytes);
    assert.ok(100 + jsonBytes(items.slice(items.length - count - 1)) > messageMaxBytes - 2048, "one more would not leave the reserve");
    assert.equal(countThatFit(items, 100, "start"), count);
  });

  it("keeps everything when everything fits, and always at least one item", () => {
    assert.equal(countThatFit(items.slice(0, 3), 100, "start"), 3);
    assert.equal(countThatFit(items, messageMaxBytes, "start"), 1);
    assert.equal(countThatFit([], 100, "end"), 0);
  });
});
