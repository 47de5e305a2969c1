/**
 * The watermark a `pong` carries (docs/protocol.md, "Catching up"): where the visitor's conversation
 * and the owner's inbox stand, so an open tab that missed a push notices it at its next ping.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { keys } from "#backend/store/keys.ts";
import type { TestClient } from "../support/client.ts";
import { forgetCountedTotals } from "../support/seed-conversation.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

describe("the watermark in pong", () => {
  // A stack of its own: the owner's watermark spans every conversation in it.
  const ctx = useStack();

  const visitorPing = (client: TestClient, visitorId: string) => client.expectReply({ action: "ping", visitorId });
  const ownerPing = (owner: { client: TestClient; token: string }) => owner.client.expectReply({ action: "ping", token: owner.token });
  const send = async (client: TestClient, frame: { visitorId: string; text: string; token?: string }) => {
    const reply = await client.expectReply({ action: "send", id: randomUUID(), ...frame });
    assert.equal(reply.type, "sent", JSON.stringify(reply));
    return reply.message;
  };

  it("gives the owner no latest row and an unread total of 0 while there is no conversation", async () => {
    const owner = await ownerClient(ctx.stack);
    const pong = await ownerPing(owner);
    assert.equal(pong.type, "pong");
    assert.equal(pong.latest, null);
    assert.equal(pong.unreadTotal, 0);
    await owner.client.close();
  });

  it("gives a visitor the newest message of their conversation: none, theirs, then the owner's reply, as list has it", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    assert.equal((await visitorPing(visitor, visitorId)).latest, null, "no conversation yet");

    const first = await send(visitor, { visitorId, text: "Is the bakery open on Sunday?" });
    assert.deepEqual((await visitorPing(visitor, visitorId)).latest, { id: first.id, sentAt: first.sentAt });

    const reply = await send(owner.client, { token: owner.token, visitorId, text: "From 8 to noon." });
    const pong = await visitorPing(visitor, visitorId);
    assert.deepEqual(pong.latest, { id: reply.id, sentAt: reply.sentAt });
    const history = await visitor.expectReply({ action: "list", visitorId });
    assert.deepEqual(
      pong.latest,
      { id: history.messages.at(-1)!.id, sentAt: history.messages.at(-1)!.sentAt },
      "the same as list's newest",
    );

    // Another visitor's conversation is not theirs.
    const stranger = randomUUID();
    const strangerClient = await visitorClient(ctx.stack, stranger);
    assert.equal((await visitorPing(strangerClient, stranger)).latest, null);
    await Promise.all([visitor.close(), owner.client.close(), strangerClient.close()]);
  });

  it("gives a visitor no latest message once the owner deleted the conversation, and the new one after", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    for (const text of ["One", "Two", "Three"]) await send(visitor, { visitorId, text });
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal((await visitorPing(visitor, visitorId)).latest, null, "right after the delete, before the sweep");
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 1000 }); // the sweep, not the owner-away job due later
    assert.equal((await visitorPing(visitor, visitorId)).latest, null, "after the sweep");

    const again = await send(visitor, { visitorId, text: "Starting over" });
    assert.deepEqual((await visitorPing(visitor, visitorId)).latest, { id: again.id, sentAt: again.sentAt });
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    await Promise.all([visitor.close(), owner.client.close()]);
  });

  it("counts the conversation's messages, both sides', as list and the inbox row do, from 0 again after a delete", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    assert.equal((await visitorPing(visitor, visitorId)).count, 0, "no conversation yet");
    await send(visitor, { visitorId, text: "Do you bake rye?" });
    await send(owner.client, { token: owner.token, visitorId, text: "On Fridays." });
    await send(visitor, { visitorId, text: "Lovely." });
    assert.equal((await visitorPing(visitor, visitorId)).count, 3);
    const history = await visitor.expectReply({ action: "list", visitorId, limit: 2 });
    assert.deepEqual([history.messages.length, history.more, history.count], [2, true, 3], "the newest page says how many there are");
    const older = await visitor.expectReply({ action: "list", visitorId, before: history.cursor! });
    assert.equal(older.count, undefined, "an older page does not");
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitorId)?.messageCount, 3);

    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal((await visitorPing(visitor, visitorId)).count, 0, "right after the delete");
    assert.equal((await visitor.expectReply({ action: "list", visitorId })).count, 0);
    await send(visitor, { visitorId, text: "Starting over" });
    assert.equal((await visitorPing(visitor, visitorId)).count, 1);
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    await Promise.all([visitor.close(), owner.client.close()]);
  });

  it("gives the owner the conversation with the newest activity and the unread total, through reads, replies and deletes", async () => {
    const owner = await ownerClient(ctx.stack);
    const ada = randomUUID();
    const bea = randomUUID();
    const adaClient = await visitorClient(ctx.stack, ada);
    const beaClient = await visitorClient(ctx.stack, bea);
    await send(adaClient, { visitorId: ada, text: "Hello" });
    await send(adaClient, { visitorId: ada, text: "Anyone there?" });
    const beaMessage = await send(beaClient, { visitorId: bea, text: "Do you ship abroad?" });

    let pong = await ownerPing(owner);
    assert.deepEqual(pong.latest, { visitorId: bea, lastMessageAt: beaMessage.sentAt });
    assert.equal(pong.unreadTotal, 3);

    await owner.client.request({ action: "read", token: owner.token, visitorId: ada });
    pong = await ownerPing(owner);
    assert.equal(pong.unreadTotal, 1, "Ada's two are read");
    assert.equal(pong.latest?.visitorId, bea, "reading is no activity");

    const reply = await send(owner.client, { token: owner.token, visitorId: ada, text: "Here!" });
    pong = await ownerPing(owner);
    assert.deepEqual(pong.latest, { visitorId: ada, lastMessageAt: reply.sentAt }, "the owner's reply is the newest activity");
    assert.equal(pong.unreadTotal, 1);

    await owner.client.request({ action: "delete", token: owner.token, visitorId: ada });
    pong = await ownerPing(owner);
    assert.deepEqual(pong.latest, { visitorId: bea, lastMessageAt: beaMessage.sentAt }, "a deleted conversation is no longer the newest");
    assert.equal(pong.unreadTotal, 1);
    await owner.client.request({ action: "delete", token: owner.token, visitorId: bea });
    pong = await ownerPing(owner);
    assert.equal(pong.unreadTotal, 0, "Bea's unread message went with her conversation");
    await Promise.all([owner.client.close(), adaClient.close(), beaClient.close()]);
  });
});

describe("each view's messages in pong, the inbox views' versions", () => {
  // A stack of its own: the sums span every conversation in it.
  const ctx = useStack();

  const ownerPing = (owner: { client: TestClient; token: string }) => owner.client.expectReply({ action: "ping", token: owner.token });
  const send = (client: TestClient, frame: { visitorId: string; text: string; token?: string }) =>
    client.expectReply({ action: "send", id: randomUUID(), ...frame });

  it("moves with every message, read, done, reopen and delete, by the view the conversation is in", async () => {
    const owner = await ownerClient(ctx.stack);
    const ada = randomUUID();
    const adaClient = await visitorClient(ctx.stack, ada);
    await send(adaClient, { visitorId: ada, text: "Hello" });
    await send(adaClient, { visitorId: ada, text: "Is the shop open on Sunday?" });
    assert.deepEqual((await ownerPing(owner)).messages, { open: 2, done: 0, unread: 2 });

    await owner.client.expectReply({ action: "read", token: owner.token, visitorId: ada });
    assert.deepEqual((await ownerPing(owner)).messages, { open: 2, done: 0, unread: 0 }, "read: out of Unread");
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: ada });
    assert.deepEqual((await ownerPing(owner)).messages, { open: 0, done: 2, unread: 0 }, "done: moved to Done");

    // A reply in a done conversation keeps it done: no count moves, no newest open row; only this.
    const before = await ownerPing(owner);
    await send(owner.client, { token: owner.token, visitorId: ada, text: "Yes, from ten to four." });
    const after = await ownerPing(owner);
    assert.deepEqual(after.messages, { open: 0, done: 3, unread: 0 });
    assert.deepEqual([after.counts, after.unreadTotal, after.latest], [before.counts, before.unreadTotal, before.latest]);

    await owner.client.expectReply({ action: "reopen", token: owner.token, visitorId: ada });
    assert.deepEqual((await ownerPing(owner)).messages, { open: 3, done: 0, unread: 0 }, "reopened");
    const unread = await owner.client.expectReply({ action: "unread", token: owner.token });
    assert.deepEqual(unread.messages, { open: 3, done: 0, unread: 0 }, "unread says the same");
    await owner.client.expectReply({ action: "delete", token: owner.token, visitorId: ada });
    assert.deepEqual((await ownerPing(owner)).messages, { open: 0, done: 0, unread: 0 }, "deleted");
    await Promise.all([owner.client.close(), adaClient.close()]);
  });

  it("counts them once in a table made before they were kept", async () => {
    const owner = await ownerClient(ctx.stack);
    const [a, b] = [randomUUID(), randomUUID()];
    const visitors = [await visitorClient(ctx.stack, a), await visitorClient(ctx.stack, b)];
    await send(visitors[0]!, { visitorId: a, text: "One" });
    await send(visitors[1]!, { visitorId: b, text: "Two" });
    await send(visitors[1]!, { visitorId: b, text: "Three" });
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: b });
    const kept = (await ownerPing(owner)).messages;
    // As an older Porch left it: no messages in the shards, and no mark.
    await forgetCountedTotals(ctx.stack, keys.viewMessagesCountedSk, ["openMessages", "doneMessages", "unreadMessages"]);
    assert.deepEqual((await ownerPing(owner)).messages, kept, "counted again from the inbox");
    for (const visitor of [...visitors, owner.client]) await visitor.close();
  });
});
