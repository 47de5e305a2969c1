import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ChatMessage } from "#protocol";
import { limits } from "#protocol";
import { TestClient, sleep, withinOneWindow } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

describe("a conversation between a visitor and the owner", () => {
  // Visitors hear that the owner left a second after their last connection closed.
  const ctx = useStack({ ownerAwayGraceS: 1 });

  it("greets a new visitor with the owner's presence and no profile", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const hello = await client.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(hello.type, "hello");
    assert.equal(hello.visitor, null);
    assert.equal(typeof hello.serverTime, "number");
    assert.equal(typeof hello.owner.online, "boolean");
    await client.close();
  });

  it("shows the owner online while an owner connection is open, still during a reload's grace, and last seen after", async () => {
    const { client: owner } = await ownerClient(ctx.stack);
    const visitor = await TestClient.open(ctx.stack.socketUrl);
    const whileOnline = await visitor.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(whileOnline.owner.online, true);
    assert.ok(whileOnline.owner.lastSeenAt! > 0);
    await owner.close();
    await sleep(100);
    const duringGrace = await visitor.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(duringGrace.owner.online, true, "a closed inbox is not news until the grace period has passed");
    await sleep(2500);
    const afterwards = await visitor.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(afterwards.owner.online, false);
    assert.ok(afterwards.owner.lastSeenAt! >= whileOnline.owner.lastSeenAt!);
    await visitor.close();
  });

  it("keeps a registered nickname and email, clears one with an empty string", async () => {
    const visitorId = randomUUID();
    const client = await visitorClient(ctx.stack, visitorId);
    const registered = await client.request({ action: "register", visitorId, nickname: " Ada ", email: "ada@example.com" });
    assert.deepEqual(registered, {
      type: "registered",
      visitor: { nickname: "Ada", email: "ada@example.com" },
      emailConfirmed: false,
      rid: registered.rid,
    });
    const cleared = await client.request({ action: "register", visitorId, email: "" });
    assert.equal(cleared.type, "registered");
    assert.deepEqual(cleared.type === "registered" && cleared.visitor, { nickname: "Ada" });
    const again = await client.expectReply({ action: "hello", visitorId });
    assert.deepEqual(again.visitor, { nickname: "Ada" });
    await client.close();
  });

  it("answers ping with pong and the server time", async () => {
    const visitorId = randomUUID();
    const client = await visitorClient(ctx.stack, visitorId);
    const before = Date.now();
    const pong = await client.request({ action: "ping", visitorId });
    assert.equal(pong.type, "pong");
    assert.ok(pong.type === "pong" && pong.serverTime >= before);
    await client.close();
  });

  it("answers an owner's ping and keeps the owner's last seen time fresh", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitor = await TestClient.open(ctx.stack.socketUrl);
    const before = await visitor.expectReply({ action: "hello", visitorId: randomUUID() });
    await sleep(20);
    const pong = await owner.client.request({ action: "ping", token: owner.token });
    assert.equal(pong.type, "pong");
    const after = await visitor.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.ok(after.owner.lastSeenAt! > before.owner.lastSeenAt!, "the ping moved last seen forward");
    const forged = await owner.client.request({ action: "ping", token: `${owner.token}x` });
    assert.equal(forged.type === "error" && forged.code, "unauthorized");
    await owner.client.close();
    await visitor.close();
  });

  it("delivers a visitor's message to every owner tab and the visitor's other tabs, not back to the sender", async () => {
    const visitorId = randomUUID();
    const owner1 = await ownerClient(ctx.stack);
    const owner2 = await ownerClient(ctx.stack);
    const tab1 = await visitorClient(ctx.stack, visitorId);
    const tab2 = await visitorClient(ctx.stack, visitorId);
    const id = randomUUID();
    const sent = await tab1.request({ action: "send", visitorId, id, text: "Hello! Is the course still open?" });
    assert.equal(sent.type, "sent");
    const message = (sent as { message: ChatMessage }).message;
    assert.deepEqual({ ...message, sentAt: 0 }, { id, visitorId, from: "visitor", text: "Hello! Is the course still open?", sentAt: 0 });
    for (const client of [owner1.client, owner2.client, tab2]) {
      const push = await client.waitForPush(id);
      assert.deepEqual(push.message, message);
    }
    await sleep(100);
    assert.equal(tab1.pushes.length, 0, "the sender gets the reply, not a push");
    for (const client of [owner1.client, owner2.client, tab1, tab2]) await client.close();
  });

  it("delivers the owner's reply to every visitor tab and the other owner tabs", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const other = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hi" });
    const owner1 = await ownerClient(ctx.stack);
    const owner2 = await ownerClient(ctx.stack);
    const id = randomUUID();
    const sent = await owner1.client.request({ action: "send", token: owner1.token, visitorId, id, text: "Yes, it is!" });
    assert.equal(sent.type, "sent");
    assert.equal(sent.type === "sent" && sent.message.from, "owner");
    const row = sent.type === "sent" ? sent.conversation : undefined;
    assert.deepEqual(
      row && [row.visitorId, row.lastMessage, row.lastMessageFrom, row.unread],
      [visitorId, "Yes, it is!", "owner", 0],
      "the owner's reply carries the conversation's row, now read",
    );
    for (const client of [visitor, other, owner2.client]) {
      assert.equal((await client.waitForPush(id)).message.text, "Yes, it is!");
    }
    await sleep(100);
    assert.equal(owner1.client.pushes.filter((push) => push.message.id === id).length, 0);
    for (const client of [visitor, other, owner1.client, owner2.client]) await client.close();
  });

  it("refuses an owner message to a conversation that does not exist", async () => {
    const owner = await ownerClient(ctx.stack);
    const reply = await owner.client.request({
      action: "send",
      token: owner.token,
      visitorId: randomUUID(),
      id: randomUUID(),
      text: "anyone?",
    });
    assert.equal(reply.type === "error" && reply.code, "not_found");
    await owner.client.close();
  });

  it("lists history in server order, the same for both sides, in pages with a cursor", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    const texts: string[] = [];
    for (let i = 0; i < 7; i++) {
      const text = `message ${i}`;
      texts.push(text);
      if (i % 2 === 0) await visitor.request({ action: "send", visitorId, id: randomUUID(), text });
      else await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    }
    const full = await visitor.expectReply({ action: "list", visitorId });
    assert.deepEqual(
      full.messages.map((message) => message.text),
      texts,
    );
    assert.equal(full.more, false);
    assert.equal(full.cursor, null);
    const ownerView = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.deepEqual(ownerView.messages, full.messages);

    const newest = await visitor.expectReply({ action: "list", visitorId, limit: 3 });
    assert.deepEqual(
      newest.messages.map((message) => message.text),
      texts.slice(4),
    );
    assert.equal(newest.more, true);
    const middle = await visitor.expectReply({ action: "list", visitorId, limit: 3, before: newest.cursor! });
    assert.deepEqual(
      middle.messages.map((message) => message.text),
      texts.slice(1, 4),
    );
    const oldest = await visitor.expectReply({ action: "list", visitorId, limit: 3, before: middle.cursor! });
    assert.deepEqual(
      oldest.messages.map((message) => message.text),
      texts.slice(0, 1),
    );
    assert.equal(oldest.more, false);
    await visitor.close();
    await owner.client.close();
  });

  it("keeps each visitor's history to themselves", async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const aliceClient = await visitorClient(ctx.stack, alice);
    const bobClient = await visitorClient(ctx.stack, bob);
    await aliceClient.request({ action: "send", visitorId: alice, id: randomUUID(), text: "alice's secret" });
    const bobHistory = await bobClient.expectReply({ action: "list", visitorId: bob });
    assert.deepEqual(bobHistory.messages, []);
    await sleep(100);
    assert.equal(bobClient.pushes.length, 0, "bob is not pushed alice's message");
    await aliceClient.close();
    await bobClient.close();
  });

  it("refuses owner actions to a visitor frame and a forged token", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const inbox = await client.requestRaw({ action: "inbox", visitorId: randomUUID() });
    assert.equal(inbox.type === "error" && inbox.code, "bad_request");
    const forged = await client.request({ action: "inbox", token: "v1.99999999999999.abc.def" });
    assert.equal(forged.type === "error" && forged.code, "unauthorized");
    await client.close();
  });

  it("rate-limits a visitor who sends more than 20 messages a minute, and stores none of the excess", async () => {
    await withinOneWindow(limits.visitorRateWindowMs); // the limit's windows are fixed minutes
    const visitorId = randomUUID();
    const client = await visitorClient(ctx.stack, visitorId);
    for (let i = 0; i < 20; i++) {
      const reply = await client.request({ action: "send", visitorId, id: randomUUID(), text: `m${i}` });
      assert.equal(reply.type, "sent", `message ${i} is accepted`);
    }
    const refused = await client.request({ action: "send", visitorId, id: randomUUID(), text: "one too many" });
    assert.equal(refused.type === "error" && refused.code, "rate_limited");
    const history = await client.expectReply({ action: "list", visitorId, limit: 100 });
    assert.equal(history.messages.length, 20);
    assert.ok(!history.messages.some((message) => message.text === "one too many"));
    const ping = await client.request({ action: "ping", visitorId });
    assert.equal(ping.type, "pong", "the connection stays usable");
    await client.close();
  });

  it("owner hello returns the inbox, newest activity first, with unread counts and their total", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const a = await visitorClient(ctx.stack, first);
    await a.request({ action: "register", visitorId: first, nickname: "First" });
    await a.request({ action: "send", visitorId: first, id: randomUUID(), text: "one" });
    await a.request({ action: "send", visitorId: first, id: randomUUID(), text: "two" });
    const b = await visitorClient(ctx.stack, second);
    await b.request({ action: "send", visitorId: second, id: randomUUID(), text: "three" });
    const { client, token } = await ownerClient(ctx.stack);
    const hello = await client.expectReply({ action: "hello", token });
    const rows = hello.conversations.filter((row) => row.visitorId === first || row.visitorId === second);
    assert.deepEqual(
      rows.map((row) => [row.visitorId, row.nickname, row.lastMessage, row.unread]),
      [
        [second, null, "three", 1],
        [first, "First", "two", 2],
      ],
    );
    const read = await client.request({ action: "read", token, visitorId: first });
    assert.deepEqual(read, { type: "read", visitorId: first, rid: read.rid });
    const after = await client.expectReply({ action: "hello", token });
    assert.equal(after.unreadTotal, hello.unreadTotal - 2);
    assert.equal(after.conversations.find((row) => row.visitorId === first)?.unread, 0);
    for (const c of [a, b, client]) await c.close();
  });
});
