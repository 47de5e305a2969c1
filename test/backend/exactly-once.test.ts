import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { GatewayFaults } from "#backend/local/gateway.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { sleep } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

/** Faults the tests switch on and off while the stack runs. */
const faults: { deliveries?: GatewayFaults["deliveries"]; management?: GatewayFaults["management"] } = {};

describe("exactly once, under duplicates, retries and failing pushes", () => {
  const ctx = useStack({
    gateway: {
      faults: {
        deliveries: (event) => faults.deliveries?.(event),
        management: (req) => faults.management?.(req),
      },
    },
  });

  /** An owner connection, with the connection id the gateway gave it. */
  async function ownerWithConnectionId() {
    const before = new Set(ctx.stack.gateway.connectionIds());
    const owner = await ownerClient(ctx.stack);
    const connectionId = ctx.stack.gateway.connectionIds().find((id) => !before.has(id));
    assert.ok(connectionId, "the owner's connection is open");
    return { ...owner, connectionId };
  }

  async function storedMessages(visitorId: string) {
    return (await scanTable(ctx.stack)).filter((item) => item.pk === keys.conversationPk(visitorId) && keys.isMessageSk(String(item.sk)));
  }

  it("stores and pushes a message once when the same frame arrives three times at once", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    const frame = { action: "send" as const, visitorId, id: randomUUID(), text: "sent three times" };
    const replies = await Promise.all([visitor.expectReply(frame), visitor.expectReply(frame), visitor.expectReply(frame)]);
    const sent = replies.map((reply) => reply.message);
    assert.ok(replies.every((reply) => reply.type === "sent"));
    assert.deepEqual(sent[1], sent[0]);
    assert.deepEqual(sent[2], sent[0]);
    await owner.client.waitForPush(frame.id);
    await sleep(200);
    assert.equal(owner.client.pushes.filter((push) => push.message.id === frame.id).length, 1);
    assert.equal((await storedMessages(visitorId)).length, 1);
    await visitor.close();
    await owner.client.close();
  });

  it("stores and pushes once when two tabs send the same message concurrently", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const tab1 = await visitorClient(ctx.stack, visitorId);
    const tab2 = await visitorClient(ctx.stack, visitorId);
    const frame = { action: "send" as const, visitorId, id: randomUUID(), text: "from two tabs" };
    const [a, b] = await Promise.all([tab1.expectReply(frame), tab2.expectReply(frame)]);
    assert.deepEqual(a.message, b.message);
    await owner.client.waitForPush(frame.id);
    await sleep(200);
    assert.equal(owner.client.pushes.filter((push) => push.message.id === frame.id).length, 1);
    assert.equal((await storedMessages(visitorId)).length, 1);
    for (const client of [tab1, tab2, owner.client]) await client.close();
  });

  it("answers a resend after a reconnect with the original message and no new effects", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const first = await visitorClient(ctx.stack, visitorId);
    const frame = { action: "send" as const, visitorId, id: randomUUID(), text: "did this arrive?" };
    const original = await first.expectReply(frame);
    await first.request({ action: "send", visitorId, id: randomUUID(), text: "a later message" });
    await first.close();

    const reconnected = await visitorClient(ctx.stack, visitorId);
    const resent = await reconnected.expectReply(frame);
    assert.deepEqual(resent.message, original.message);
    await sleep(200);
    assert.equal(owner.client.pushes.filter((push) => push.message.id === frame.id).length, 1);
    const inbox = await owner.client.expectReply({ action: "hello", token: owner.token });
    const row = inbox.conversations.find((conversation) => conversation.visitorId === visitorId);
    assert.equal(row?.unread, 2, "the resend is not counted again");
    assert.equal(row?.lastMessage, "a later message", "the resend does not become the last message");
    await reconnected.close();
    await owner.client.close();
  });

  it("refuses an id reused for a different text and keeps the original", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const id = randomUUID();
    await visitor.request({ action: "send", visitorId, id, text: "original" });
    const reused = await visitor.request({ action: "send", visitorId, id, text: "something else" });
    assert.equal(reused.type === "error" && reused.code, "bad_request");
    const history = await visitor.expectReply({ action: "list", visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.text),
      ["original"],
    );
    await visitor.close();
  });

  it("stores and pushes once when the gateway delivers every frame three times, at once and later", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    const id = randomUUID();
    faults.deliveries = (event) => (event.body?.includes(id) ? { copies: 3, delayMs: 150, concurrent: false } : undefined);
    try {
      const reply = await visitor.expectReply({ action: "send", visitorId, id, text: "retried by Lambda" });
      assert.equal(reply.message.id, id);
      const answers = () => visitor.frames.filter((frame) => frame.type === "sent" && frame.message.id === id);
      // The copies arrive 150 ms apart; a busy machine may take longer to answer them, never fewer.
      await visitor.waitFor(() => answers().length >= 3, 5000, "an answer to each delivery").catch(() => undefined);
      await sleep(300);
      const replies = answers();
      assert.equal(replies.length, 3, "every delivery is answered");
      assert.ok(
        replies.every((frame) => JSON.stringify(frame) === JSON.stringify(replies[0])),
        "with the same reply",
      );
      assert.equal(owner.client.pushes.filter((push) => push.message.id === id).length, 1);
      assert.equal((await storedMessages(visitorId)).length, 1);
    } finally {
      delete faults.deliveries;
    }
    await visitor.close();
    await owner.client.close();
  });

  it("answers the sender promptly while a push hangs, and still reaches the others", async () => {
    const visitorId = randomUUID();
    const stuck = await ownerWithConnectionId();
    const healthy = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    faults.management = (req) => (req.method === "POST" && req.connectionId === stuck.connectionId ? "hang" : undefined);
    try {
      const id = randomUUID();
      const started = Date.now();
      const reply = await visitor.expectReply({ action: "send", visitorId, id, text: "hello?" }, 30_000);
      const elapsed = Date.now() - started;
      assert.equal(reply.type, "sent");
      // Bounded by the pusher's 3 s deadline, far below the 29 s a hung push would otherwise take.
      assert.ok(elapsed < 10_000, `the send answered in ${elapsed} ms despite the hanging push`);
      await healthy.client.waitForPush(id);
      assert.equal((await storedMessages(visitorId)).length, 1);
    } finally {
      delete faults.management;
    }
    for (const client of [stuck.client, healthy.client, visitor]) await client.close();
  });

  it("forgets a connection the gateway says is gone, and delivers to the live ones", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    const client = new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint });
    const store = new DynamoChatStore({ tableName: ctx.stack.tableName, client });
    const ghost = "GhostConn0A=";
    await store.connections.bind(ghost, { role: "owner" }, Date.now());
    await store.connections.bind("GhostConn0B=", { role: "visitor", visitorId }, Date.now());
    const id = randomUUID();
    await visitor.request({ action: "send", visitorId, id, text: "who is there?" });
    await owner.client.waitForPush(id);
    const items = await scanTable(ctx.stack);
    assert.ok(!items.some((item) => String(item.sk).includes("GhostConn0A=")), "the owner ghost binding is removed");
    assert.ok(!items.some((item) => String(item.sk).includes("GhostConn0B=")), "the visitor ghost binding is removed");
    client.destroy();
    await visitor.close();
    await owner.client.close();
  });

  for (const { resets, posts, delivered } of [
    { resets: 1, posts: 2, delivered: true },
    { resets: Infinity, posts: 3, delivered: false },
  ]) {
    const title = delivered
      ? "pushes once through a connection that breaks before the management API answers"
      : "gives up a push after three broken connections and still answers sent";
    it(title, async () => {
      const visitorId = randomUUID();
      const owner = await ownerWithConnectionId();
      const visitor = await visitorClient(ctx.stack, visitorId);
      let seen = 0;
      faults.management = (req) =>
        req.method === "POST" && req.connectionId === owner.connectionId && seen++ < resets ? "reset" : undefined;
      try {
        const id = randomUUID();
        const reply = await visitor.expectReply({ action: "send", visitorId, id, text: "through a dropped connection" });
        assert.equal(reply.type, "sent");
        if (delivered) await owner.client.waitForPush(id);
        await sleep(200);
        assert.equal(seen, posts, "a push is tried again after a reset, three attempts at most");
        assert.equal(owner.client.pushes.filter((push) => push.message.id === id).length, delivered ? 1 : 0);
        assert.equal((await storedMessages(visitorId)).length, 1);
      } finally {
        delete faults.management;
      }
      await visitor.close();
      await owner.client.close();
    });
  }

  it("still answers sent, once, when the management API fails with 500", async () => {
    const visitorId = randomUUID();
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, visitorId);
    faults.management = (req) => (req.method === "POST" ? 500 : undefined);
    try {
      const id = randomUUID();
      const reply = await visitor.expectReply({ action: "send", visitorId, id, text: "through a flaky gateway" });
      assert.equal(reply.type, "sent");
      await sleep(200);
      assert.equal(owner.client.pushes.length, 0);
      assert.equal((await storedMessages(visitorId)).length, 1);
      const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
      assert.deepEqual(
        history.messages.map((message) => message.id),
        [id],
        "the owner catches up with list",
      );
    } finally {
      delete faults.management;
    }
    await visitor.close();
    await owner.client.close();
  });
});
