import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { type ConversationPush, limits } from "#protocol";
import { sleep } from "../support/client.ts";
import type { RequestFrame } from "../support/protocol-client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

describe("the owner moderates conversations", () => {
  const ctx = useStack();

  it("pushes each visitor message to owners with the conversation's row as it now stands", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname: "Grace" });
    const id = randomUUID();
    await visitor.request({ action: "send", visitorId, id, text: "first" });
    const second = randomUUID();
    await visitor.request({ action: "send", visitorId, id: second, text: "second" });
    const push = await owner.client.waitForPush(second);
    assert.equal(push.conversation?.nickname, "Grace");
    assert.equal(push.conversation?.unread, 2);
    assert.equal(push.conversation?.lastMessage, "second");
    assert.equal(push.conversation?.blocked, false);
    assert.ok(push.conversation.firstSeenAt <= push.conversation.lastSeenAt);
    await visitor.close();
    await owner.client.close();
  });

  it("refuses a blocked visitor's messages with a clear error, stores nothing, and lets them back after unblock", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "buy cheap pills" });
    const blocked = await owner.client.request({ action: "block", token: owner.token, visitorId });
    assert.deepEqual(blocked, { type: "blocked", visitorId, blocked: true, rid: blocked.rid });
    const row = (await otherTab.client.waitFor(
      (frame) => frame.type === "conversation" && frame.conversation.visitorId === visitorId && frame.conversation.blocked,
    )) as ConversationPush;
    assert.equal(row.conversation.blocked, true);

    const refused = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "more pills" });
    assert.equal(refused.type === "error" && refused.code, "blocked");
    assert.ok(refused.type === "error" && /not accepting/.test(refused.message));
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.text),
      ["buy cheap pills"],
    );

    await owner.client.request({ action: "unblock", token: owner.token, visitorId });
    const accepted = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "sorry" });
    assert.equal(accepted.type, "sent");
    for (const client of [owner.client, otherTab.client, visitor]) await client.close();
  });

  it("erases a deleted conversation's messages and details, and tells the visitor and other owner tabs", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname: "Erase me", email: "me@example.com" });
    for (const text of ["one", "two", "three"]) await visitor.request({ action: "send", visitorId, id: randomUUID(), text });

    const before = Date.now();
    const deleted = await owner.client.expectReply({ action: "delete", token: owner.token, visitorId });
    assert.deepEqual(deleted, { type: "deleted", visitorId, rid: deleted.rid, clearedAt: deleted.clearedAt });
    assert.ok(deleted.clearedAt! >= before - 1000, "it says when the delete took effect");
    const told = (frame: { type: string; visitorId?: string; clearedAt?: number }) =>
      frame.type === "deleted" && frame.visitorId === visitorId && frame.clearedAt === deleted.clearedAt;
    await visitor.waitFor(told);
    await otherTab.client.waitFor(told);

    // The messages are erased by a job after the reply; the head keeps only when it was cleared.
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 1000 }); // the sweep, not the owner-away job due later
    const items = (await scanTable(ctx.stack)).filter((item) => item.pk === keys.conversationPk(visitorId));
    assert.deepEqual(
      items.filter((item) => keys.isMessageSk(String(item.sk))),
      [],
    );
    const head = items.find((item) => item.sk === keys.headSk);
    assert.deepEqual(Object.keys(head ?? {}).sort(), ["clearedAt", "pk", "sk", "visitorId"]);
    assert.ok(!JSON.stringify(items).includes("me@example.com"), "the email is gone");
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.ok(!inbox.conversations.some((row) => row.visitorId === visitorId));
    const again = await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal(again.type === "error" && again.code, "not_found");

    // The visitor can start over, and still receives replies on the same connection.
    const fresh = randomUUID();
    await visitor.request({ action: "send", visitorId, id: fresh, text: "hello again" });
    await owner.client.waitForPush(fresh);
    for (const client of [owner.client, otherTab.client, visitor]) await client.close();
  });

  it("keeps a block when the conversation is deleted", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "spam" });
    await owner.client.request({ action: "block", token: owner.token, visitorId });
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    const refused = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "spam again" });
    assert.equal(refused.type === "error" && refused.code, "blocked");
    await owner.client.close();
    await visitor.close();
  });

  it("tells the other owner tabs when a conversation is read", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "unread" });
    await sleep(50);
    await owner.client.request({ action: "read", token: owner.token, visitorId });
    const row = (await otherTab.client.waitFor(
      (frame) => frame.type === "conversation" && frame.conversation.visitorId === visitorId,
    )) as ConversationPush;
    assert.equal(row.conversation.unread, 0);
    for (const client of [owner.client, otherTab.client, visitor]) await client.close();
  });

  it("answers `unread` with the unread messages over every conversation", async () => {
    const owner = await ownerClient(ctx.stack);
    const before = await owner.client.expectReply({ action: "unread", token: owner.token });
    const [ada, grace] = [randomUUID(), randomUUID()];
    for (const [visitorId, count] of [
      [ada, 2],
      [grace, 1],
    ] as const) {
      const visitor = await visitorClient(ctx.stack, visitorId);
      for (let i = 0; i < count; i++) await visitor.request({ action: "send", visitorId, id: randomUUID(), text: `m${i}` });
      await visitor.close();
    }
    const after = await owner.client.expectReply({ action: "unread", token: owner.token });
    assert.equal(after.unreadTotal, before.unreadTotal + 3);
    await owner.client.request({ action: "read", token: owner.token, visitorId: ada });
    const read = await owner.client.expectReply({ action: "unread", token: owner.token });
    assert.equal(read.unreadTotal, before.unreadTotal + 1);
    const forged = await owner.client.request({ action: "unread", token: `${owner.token}x` });
    assert.equal(forged.type === "error" && forged.code, "unauthorized");
    await owner.client.close();
  });

  it("refuses a blocked visitor's profile changes: their name in the inbox stays (finding 9)", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname: "Mallory", email: "mallory@example.com" });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hello" });
    await owner.client.request({ action: "block", token: owner.token, visitorId });
    const renamed = await visitor.request({ action: "register", visitorId, nickname: "FREE CRYPTO http://scam.example", email: "" });
    assert.equal(renamed.type === "error" && renamed.code, "blocked");
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    const row = inbox.conversations.find((conversation) => conversation.visitorId === visitorId)!;
    assert.equal(row.nickname, "Mallory");
    assert.equal(row.email, "mallory@example.com");
    for (const client of [owner.client, visitor]) await client.close();
  });

  it("refuses a profile from a visitor blocked before they ever wrote", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    await owner.client.request({ action: "block", token: owner.token, visitorId });
    const visitor = await visitorClient(ctx.stack, visitorId);
    const registered = await visitor.request({ action: "register", visitorId, nickname: "Sneaky" });
    assert.equal(registered.type === "error" && registered.code, "blocked");
    const sent = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hi" });
    assert.equal(sent.type === "error" && sent.code, "blocked");
    // Deleting a conversation that never was finds nothing, block or not.
    const deleted = await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal(deleted.type === "error" && deleted.code, "not_found");
    for (const client of [owner.client, visitor]) await client.close();
  });

  /**
   * A visitor who wrote and was answered, then blocked, with the owner's tab open; `refusedUnheard`
   * sends a frame as them and checks it is refused with `blocked` and no `pushType` reaches the owner.
   */
  async function blockedAfterAReply() {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hi" });
    const reply = randomUUID();
    await owner.client.request({ action: "send", token: owner.token, visitorId, id: reply, text: "hello, and goodbye" });
    await owner.client.request({ action: "block", token: owner.token, visitorId });
    const refusedUnheard = async (frame: RequestFrame<"seen" | "typing">, pushType: string) => {
      const pushesBefore = owner.client.frames.length;
      const answer = await visitor.request(frame);
      assert.equal(answer.type === "error" && answer.code, "blocked");
      await sleep(200);
      assert.deepEqual(
        owner.client.frames.slice(pushesBefore).filter((pushed) => pushed.type === pushType),
        [],
        "the owner's tabs heard nothing",
      );
    };
    const close = () => Promise.all([owner.client.close(), visitor.close()]);
    return { visitorId, owner, visitor, reply, refusedUnheard, close };
  }

  it("pushes nothing from a blocked visitor to the owner: `seen` is refused (finding 9)", async () => {
    const { visitorId, reply, refusedUnheard, close } = await blockedAfterAReply();
    await refusedUnheard({ action: "seen", visitorId, upTo: reply }, "seen");
    await close();
  });

  it("pushes nothing from a blocked visitor to the owner: `typing` is refused, until unblocked", async () => {
    const { visitorId, owner, visitor, refusedUnheard, close } = await blockedAfterAReply();
    await refusedUnheard({ action: "typing", visitorId }, "typing");
    await owner.client.request({ action: "unblock", token: owner.token, visitorId });
    await sleep(limits.typingIntervalMs);
    const again = await visitor.expectReply({ action: "typing", visitorId });
    assert.equal(again.relayed, true);
    await owner.client.waitFor((frame) => frame.type === "typing" && !("rid" in frame) && frame.visitorId === visitorId);
    await close();
  });

  it("refuses moderation without a valid session", async () => {
    const visitor = await visitorClient(ctx.stack, randomUUID());
    const reply = await visitor.request({ action: "block", token: "v1.1.x.y", visitorId: randomUUID() });
    assert.equal(reply.type === "error" && reply.code, "unauthorized");
    const asVisitor = await visitor.requestRaw({ action: "delete", visitorId: randomUUID() });
    assert.equal(asVisitor.type === "error" && asVisitor.code, "bad_request");
    await visitor.close();
  });
});
