import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { Stack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import type { HistoryReply, InboxReply, VisitorHelloReply } from "#protocol";
import { seedConversation } from "../support/seed-conversation.ts";
import { TestClient } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const dayMs = 24 * 3600_000;

/** Every item kept under a conversation's partition. */
async function itemsOf(stack: Stack, visitorId: string): Promise<Record<string, unknown>[]> {
  return (await scanTable(stack)).filter((item) => item.pk === keys.conversationPk(visitorId));
}

async function history(client: TestClient, visitorId: string): Promise<HistoryReply> {
  return client.expectReply({ action: "list", visitorId });
}

describe("retention", () => {
  const ctx = useStack({ retentionDays: 1, retentionEveryS: 3600 });

  it("deletes a conversation idle past the retention through the delete path, and keeps an active one", async () => {
    const idle = randomUUID();
    const active = randomUUID();
    const { messageIds } = await seedConversation(ctx.stack, idle, 30, { lastSentAt: Date.now() - 2 * dayMs });
    // The visitor gave an address (no message since: the conversation stays idle).
    const idleVisitor = await visitorClient(ctx.stack, idle);
    await idleVisitor.expectReply({ action: "register", visitorId: idle, email: "idle@example.com" });
    const activeVisitor = await visitorClient(ctx.stack, active);
    const kept = await activeVisitor.expectReply({ action: "send", visitorId: active, id: randomUUID(), text: "Still here" });
    const owner = await ownerClient(ctx.stack);
    const told = owner.client.waitFor((frame) => frame.type === "deleted" && frame.visitorId === idle, 10_000, "the owner told");
    const visitorTold = idleVisitor.waitFor((frame) => frame.type === "deleted", 10_000, "the visitor's tab told");

    const outcome = await ctx.stack.retention.run();
    await ctx.stack.queue.idle(60_000, { dueWithinMs: 5000 });

    assert.equal(outcome.kind, "returned", JSON.stringify(outcome));
    assert.match(JSON.stringify(outcome), /deleted 1 conversations/);
    await Promise.all([told, visitorTold]);
    assert.deepEqual((await history(idleVisitor, idle)).messages, [], "nothing of it is readable");
    const left = await itemsOf(ctx.stack, idle);
    const stored = left.filter((item) => !keys.isVisitorBindingSk(String(item.sk)));
    assert.deepEqual(
      stored.map((item) => item.sk).sort(),
      [keys.clearedSk, keys.headSk].sort(),
      "only the delete's mark and the reset head stay",
    );
    assert.ok(!left.some((item) => messageIds.includes(item.id as string)), "every message was swept");
    assert.ok(!JSON.stringify(await scanTable(ctx.stack)).includes("idle@example.com"), "the address is gone");
    const inbox: InboxReply = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.ok(!inbox.conversations.some((row) => row.visitorId === idle), "it left the inbox");
    assert.ok(
      inbox.conversations.some((row) => row.visitorId === active),
      "the active conversation stays in the inbox",
    );
    assert.deepEqual(
      (await history(activeVisitor, active)).messages.map((message) => message.id),
      [kept.message.id],
    );
    await Promise.all([idleVisitor.close(), activeVisitor.close(), owner.client.close()]);
  });

  it("deletes an idle conversation marked done as it does an open one, and the views' counts lose it", async () => {
    const idleDone = randomUUID();
    await seedConversation(ctx.stack, idleDone, 3, { lastSentAt: Date.now() - 2 * dayMs });
    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: idleDone });
    const before = await owner.client.expectReply({ action: "unread", token: owner.token });

    const outcome = await ctx.stack.retention.run();
    await ctx.stack.queue.idle(60_000, { dueWithinMs: 5000 });

    assert.match(JSON.stringify(outcome), /deleted 1 conversations/);
    const doneView: InboxReply = await owner.client.expectReply({ action: "inbox", token: owner.token, status: "done" });
    assert.ok(!doneView.conversations.some((row) => row.visitorId === idleDone), "it left the Done view");
    const after = await owner.client.expectReply({ action: "unread", token: owner.token });
    assert.equal(after.counts.done, before.counts.done - 1, "the Done count lost it");
    assert.equal(after.counts.open, before.counts.open, "the Open count did not");
    const stored = (await itemsOf(ctx.stack, idleDone)).filter((item) => !keys.isVisitorBindingSk(String(item.sk)));
    assert.deepEqual(stored.map((item) => item.sk).sort(), [keys.clearedSk, keys.headSk].sort(), "its messages were swept");
    await owner.client.close();
  });

  it("never hides a message that arrives while it deletes the conversation", async () => {
    for (let round = 0; round < 5; round++) {
      const visitorId = randomUUID();
      const { messageIds: old } = await seedConversation(ctx.stack, visitorId, 5, { lastSentAt: Date.now() - 2 * dayMs });
      const visitor = await visitorClient(ctx.stack, visitorId);
      const id = randomUUID();
      const [, sent] = await Promise.all([
        ctx.stack.retention.run(),
        visitor.request({ action: "send", visitorId, id, text: `Racing the retention, round ${round}` }),
      ]);
      await ctx.stack.queue.idle(60_000, { dueWithinMs: 5000 });
      // A message answered `sent` is never hidden by the delete; one refused (sent at or before it) says so.
      const readable = (await history(visitor, visitorId)).messages.map((message) => message.id);
      if (sent.type === "sent")
        assert.ok(readable.includes(id), `round ${round}: a message answered sent is readable (${JSON.stringify(readable)})`);
      else assert.equal(sent.type === "error" && sent.code, "not_found", JSON.stringify(sent));
      // The conversation was deleted, or kept whole because it is active again.
      const oldReadable = readable.filter((readableId) => old.includes(readableId)).length;
      assert.ok(oldReadable === 0 || oldReadable === old.length, `round ${round}: ${oldReadable} of the old messages readable`);
      await visitor.close();
    }
  });

  it("tells visitors and the owner how long conversations are kept", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const hello: VisitorHelloReply = await client.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(hello.retentionDays, 1);
    await client.close();
    const owner = await ownerClient(ctx.stack);
    const ownerHello = await owner.client.expectReply({ action: "hello", token: owner.token });
    assert.equal(ownerHello.retentionDays, 1);
    await owner.client.close();
  });
});
