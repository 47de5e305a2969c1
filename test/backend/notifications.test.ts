import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startStack, type Stack } from "../../backend/local/stack.ts";
import { Chat } from "../../backend/chat/chat.ts";
import { notifyQuietMs, type OfflineNotification } from "../../backend/notify/notification.ts";
import { DynamoChatStore } from "../../backend/store/store.ts";
import type { webhookPayload } from "../../backend/notify/webhook.ts";
import { sleep } from "../support/client.ts";
import { ownerClient, visitorClient } from "../support/stack.ts";

interface Received {
  body: ReturnType<typeof webhookPayload>;
  headers: IncomingMessage["headers"];
}

/** A real webhook receiver on loopback; `mode` decides how it answers. */
function webhookReceiver() {
  const received: Received[] = [];
  const state = { mode: "ok" as "ok" | "fail" | "hang" };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Received["body"];
      received.push({ body, headers: req.headers });
      if (state.mode === "ok") res.writeHead(204).end();
      else if (state.mode === "fail") res.writeHead(500).end("boom");
      // "hang": never answer
    });
  });
  return { server, received, state };
}

describe("offline notifications to the owner's webhook", () => {
  const receiver = webhookReceiver();
  let stack: Stack;

  before(async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.server.address() as AddressInfo;
    stack = await startStack({
      port: 0,
      dataDir: null,
      ownerPassword: "pw",
      notifyWebhook: `http://127.0.0.1:${port}/hook`,
    });
  });
  after(async () => {
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
    await stack.close();
  });

  async function notificationsFor(visitorId: string, waitMs = 300): Promise<Received[]> {
    await sleep(waitMs);
    return receiver.received.filter((entry) => entry.body.porch?.visitor?.visitorId === visitorId);
  }

  it("posts one notification for a burst of messages while no owner is online", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname: "Lin" });
    for (const text of ["Hi!", "Are you there?", "I have a question about the course"]) {
      const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text });
      assert.equal(reply.type, "sent");
    }
    const posts = await notificationsFor(visitorId);
    assert.equal(posts.length, 1);
    const { body, headers } = posts[0]!;
    assert.equal(headers["content-type"], "application/json");
    assert.match(body.text, /^Lin wrote on your site: “Hi!”/);
    assert.equal(body.content, body.text, "Discord reads content, Slack reads text");
    assert.equal(body.porch.event, "visitor_message");
    assert.equal(body.porch.message.text, "Hi!");
    assert.equal(body.porch.visitor.nickname, "Lin");
    assert.equal(body.porch.conversationUrl, `${stack.url}inbox.html#/c/${visitorId}`);
    await visitor.close();
  });

  it("posts nothing while an owner connection is open", async () => {
    const owner = await ownerClient(stack);
    const visitorId = randomUUID();
    const visitor = await visitorClient(stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "owner is here" });
    assert.equal((await notificationsFor(visitorId)).length, 0);
    await owner.client.close();
    await visitor.close();
  });

  it("answers the sender promptly when the webhook hangs or fails", async () => {
    for (const mode of ["hang", "fail"] as const) {
      receiver.state.mode = mode;
      const visitorId = randomUUID();
      const visitor = await visitorClient(stack, visitorId);
      const started = Date.now();
      const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: `webhook ${mode}s` });
      const elapsed = Date.now() - started;
      assert.equal(reply.type, "sent", mode);
      // Awaiting the webhook would take its 5 s deadline (hang) or its round trip (fail); an
      // asynchronous hand-off takes milliseconds. The bound leaves room for a busy machine.
      assert.ok(elapsed < 2000, `the ${mode}ing webhook delayed the send by ${elapsed} ms`);
      assert.equal((await notificationsFor(visitorId)).length, 1, `the ${mode}ing webhook was called once`);
      await visitor.close();
    }
    receiver.state.mode = "ok";
  });

  it("notifies once when the same message arrives three times at once", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(stack, visitorId);
    const frame = { action: "send", visitorId, id: randomUUID(), text: "triplicate" };
    await Promise.all([visitor.request(frame), visitor.request(frame), visitor.request(frame)]);
    assert.equal((await notificationsFor(visitorId)).length, 1);
    await visitor.close();
  });

  /** The chat as the handlers build it, on this stack's table, with a clock the test sets. */
  function chatAt(clock: { nowMs: number }) {
    const client = new DynamoDBClient({ endpoint: stack.dynamoEndpoint });
    const notified: OfflineNotification[] = [];
    const chat = new Chat({
      store: new DynamoChatStore({ tableName: stack.tableName, client }),
      pusher: { push: async () => [] },
      ownerPassword: "pw",
      notifier: { notify: async (notification) => void notified.push(notification) },
      now: () => clock.nowMs,
    });
    const send = (visitorId: string, text: string) =>
      chat.handleFrame(JSON.stringify({ action: "send", visitorId, id: randomUUID(), text }), {
        connectionId: "TestConn00=",
        sourceIp: "127.0.0.1",
      });
    return { send, notified, close: () => client.destroy() };
  }

  it("notifies again after a quiet spell, not within one", async () => {
    const clock = { nowMs: Date.now() };
    const { send, notified, close } = chatAt(clock);
    const visitorId = randomUUID();
    const decisions: boolean[] = [];
    for (const offset of [0, 60_000, notifyQuietMs + 60_001, notifyQuietMs + 120_000]) {
      clock.nowMs = Date.now() + offset;
      const before = notified.length;
      assert.equal((await send(visitorId, `at +${offset} ms`)).type, "sent");
      decisions.push(notified.length > before);
    }
    assert.deepEqual(decisions, [true, false, true, false]);
    close();
  });

  it("notifies once for a burst whose messages all race for the same quiet period", async () => {
    const { send, notified, close } = chatAt({ nowMs: Date.now() });
    const visitorId = randomUUID();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, n) => send(visitorId, `racing ${n}`)));
    assert.ok(replies.every((reply) => reply.type === "sent"));
    assert.equal(notified.length, 1);
    close();
  });
});
