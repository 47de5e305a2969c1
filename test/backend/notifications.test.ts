import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ConversationRefs } from "#backend/auth/conversation-ref.ts";
import { Chat } from "#backend/chat/chat.ts";
import type { Job } from "#backend/jobs/job.ts";
import { runJob } from "#backend/jobs/jobs.ts";
import { immediatePerWindow, notifyQuietMs, notifyWindowMs, type OwnerNotification } from "#backend/notify/notification.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import { postsAbout, useNotifyingStack } from "../support/webhook.ts";
import { ownerClient, visitorClient } from "../support/stack.ts";
import { sleep } from "../support/client.ts";

describe("offline notifications to the owner's webhook", () => {
  const ctx = useNotifyingStack();

  it("posts one notification for a burst of messages while no owner is online", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname: "Lin" });
    for (const text of ["Hi! (burst)", "Are you there?", "I have a question about the course"]) {
      const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text });
      assert.equal(reply.type, "sent");
    }
    await sleep(300);
    const posts = ctx.receiver.received.filter((entry) => entry.body.porch.items[0]?.conversation.nickname === "Lin");
    assert.equal(posts.length, 1);
    const { body, headers } = posts[0]!;
    assert.equal(headers["content-type"], "application/json");
    assert.match(body.text, /^Lin wrote on your site: “Hi! \(burst\)”/);
    assert.equal(body.porch.event, "visitor_message");
    assert.equal(body.porch.items[0]!.message.text, "Hi! (burst)");
    assert.match(body.porch.items[0]!.url ?? "", new RegExp(`^${ctx.stack.url}inbox\\.html#/r/[A-Za-z0-9_-]{59}$`));
    await visitor.close();
  });

  it("posts nothing while an owner connection is open", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "owner is here" });
    assert.equal((await postsAbout(ctx.receiver, "owner is here")).length, 0);
    await owner.client.close();
    await visitor.close();
  });

  it("notifies once when the same message arrives three times at once", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const frame = { action: "send" as const, visitorId, id: randomUUID(), text: "triplicate" };
    await Promise.all([visitor.request(frame), visitor.request(frame), visitor.request(frame)]);
    assert.equal((await postsAbout(ctx.receiver, "triplicate")).length, 1);
    await visitor.close();
  });

  /** The chat as the handlers build it, on this stack's table, with a clock the test sets. */
  function chatAt(clock: { nowMs: number }) {
    const client = new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint });
    const store = new DynamoChatStore({ tableName: ctx.stack.tableName, client });
    const notified: OwnerNotification[] = [];
    const jobs: { job: Job; delaySeconds: number }[] = [];
    const notifier = { notify: async (notification: OwnerNotification) => void notified.push(notification) };
    const pusher = { push: async () => [], disconnect: async () => true };
    const chat = new Chat({
      store,
      pusher,
      ownerPassword: "pw",
      notifier,
      jobs: { enqueue: async (job, options) => void jobs.push({ job, delaySeconds: options?.delaySeconds ?? 0 }) },
      now: () => clock.nowMs,
    });
    const send = (visitorId: string, text: string, sourceIp = "127.0.0.1") =>
      chat.handleFrame(JSON.stringify({ action: "send", visitorId, id: randomUUID(), text }), {
        connectionId: `Conn${randomUUID().slice(0, 8)}=`,
        sourceIp,
      });
    const refs = new ConversationRefs("pw", { app: "porch", stage: "local" });
    /** Runs a queued job as the jobs function would, as many times as asked. */
    const run = (job: Job) =>
      runJob(job, {
        store,
        queue: { enqueue: async () => {} },
        remainingMs: () => 30_000,
        digest: { notifications: store.notifications, notifier, refs: () => refs, ownerEpoch: () => "epoch" },
        replyEmails: null,
        files: null,
        connections: store.connections,
        pusher,
        retentionDays: 0,
        presenceTimes: { graceS: 15, leaseS: 300 },
        now: () => clock.nowMs,
      });
    return { send, notified, jobs, run, refs, close: () => client.destroy() };
  }

  /** A window of its own, hours away from every other test's. */
  const freshWindow = (hoursAhead: number) => Date.now() - (Date.now() % notifyWindowMs) + hoursAhead * 3600_000;

  it("notifies again after a quiet spell, not within one", async () => {
    const clock = { nowMs: 0 };
    const { send, notified, close } = chatAt(clock);
    const visitorId = randomUUID();
    const decisions: boolean[] = [];
    const start = freshWindow(1);
    for (const offset of [0, 60_000, notifyQuietMs + 60_001, notifyQuietMs + 120_000]) {
      clock.nowMs = start + offset;
      const before = notified.length;
      assert.equal((await send(visitorId, `at +${offset} ms`)).type, "sent");
      decisions.push(notified.length > before);
    }
    assert.deepEqual(decisions, [true, false, true, false]);
    close();
  });

  it("notifies once for a burst whose messages all race for the same quiet period", async () => {
    const { send, notified, close } = chatAt({ nowMs: freshWindow(2) + 1000 });
    const visitorId = randomUUID();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, n) => send(visitorId, `racing ${n}`)));
    assert.ok(replies.every((reply) => reply.type === "sent"));
    assert.equal(notified.length, 1);
    close();
  });

  it("tells the owner of a flood in a few notifications: the first ones at once, then one digest with the counts", async () => {
    const clock = { nowMs: freshWindow(3) + 1000 };
    const { send, notified, jobs, run, refs, close } = chatAt(clock);
    const visitors: string[] = Array.from({ length: 30 }, () => randomUUID());
    // Thirty people, each from an address of their own (so no per-address limit is in play), racing.
    const replies = await Promise.all(visitors.map((visitorId, n) => send(visitorId, `flood ${n}`, `127.9.0.${n + 1}`)));
    assert.ok(
      replies.every((reply) => reply.type === "sent"),
      JSON.stringify(replies.find((reply) => reply.type !== "sent")),
    );
    assert.equal(notified.length, immediatePerWindow, "only the window's first few go out at once");
    assert.ok(notified.every((notification) => notification.kind === "message"));

    const digests = jobs.filter(({ job }) => job.type === "owner-digest");
    assert.equal(digests.length, 1, "the window's first notification schedules its one digest");
    const { job, delaySeconds } = digests[0]!;
    assert.ok(delaySeconds > 0 && delaySeconds <= 900, `delayed ${delaySeconds} s, within SQS's limit`);
    assert.equal(clock.nowMs + delaySeconds * 1000 >= freshWindow(3) + notifyWindowMs, true, "it runs after the window ends");

    clock.nowMs += notifyWindowMs;
    await Promise.all([run(job), run(job)]); // SQS may deliver it twice, even at once
    await run(job);
    const digest = notified.filter((notification) => notification.kind === "digest");
    assert.equal(digest.length, 1, "a digest posts once however many times its job runs");
    assert.deepEqual(digest[0]!.totals, { conversations: 30, newConversations: 30, unreadMessages: 30 });
    assert.equal(digest[0]!.items.length, 5);
    for (const item of digest[0]!.items) assert.ok(visitors.includes(refs.resolve(item.conversation.ref)!));
    close();
  });

  it("sends no digest when the window held no more than went out at once", async () => {
    const clock = { nowMs: freshWindow(4) + 1000 };
    const { send, notified, jobs, run, close } = chatAt(clock);
    assert.equal((await send(randomUUID(), "alone")).type, "sent");
    assert.equal(notified.length, 1);
    await run(jobs[0]!.job);
    assert.equal(notified.length, 1);
    close();
  });
});

describe("a slow or failing webhook", () => {
  const ctx = useNotifyingStack();

  it("answers the sender promptly when the webhook hangs or fails", async () => {
    for (const mode of ["hang", "fail"] as const) {
      ctx.receiver.state.mode = mode;
      const visitorId = randomUUID();
      const visitor = await visitorClient(ctx.stack, visitorId);
      const started = Date.now();
      const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: `webhook ${mode}s` });
      const elapsed = Date.now() - started;
      assert.equal(reply.type, "sent", mode);
      // Awaiting the webhook would take its 5 s deadline (hang) or its round trip (fail); an
      // asynchronous hand-off takes milliseconds. The bound leaves room for a busy machine.
      assert.ok(elapsed < 2000, `the ${mode}ing webhook delayed the send by ${elapsed} ms`);
      assert.equal((await postsAbout(ctx.receiver, `webhook ${mode}s`)).length, 1, `the ${mode}ing webhook was called once`);
      await visitor.close();
    }
    ctx.receiver.state.mode = "ok";
  });
});
