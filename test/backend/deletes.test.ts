import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import { startStack, type Stack } from "#backend/local/stack.ts";
import type { ChatMessage, HistoryReply, InboxReply } from "#protocol";
import { startDynamoProxy, type DynamoCall, type DynamoFault, type DynamoProxy } from "../support/dynamo-proxy.ts";
import { seedConversation } from "../support/seed-conversation.ts";
import type { TestClient } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

type Owner = Awaited<ReturnType<typeof ownerClient>>;

/** Every message id a client can read of a conversation, paging history to its end. */
async function readable(client: TestClient, reader: { visitorId: string } | { token: string; visitorId: string }): Promise<string[]> {
  const ids: string[] = [];
  let before: string | null = null;
  do {
    const page: HistoryReply = await client.expectReply({ ...reader, action: "list", limit: 100, ...(before ? { before } : {}) });
    assert.equal(page.type, "history", JSON.stringify(page));
    ids.unshift(...page.messages.map((message) => message.id));
    before = page.cursor;
  } while (before);
  return ids;
}

async function storedMessageIds(stack: Stack, visitorId: string): Promise<string[]> {
  return (await scanTable(stack))
    .filter((item) => item.pk === keys.conversationPk(visitorId) && keys.isMessageSk(String(item.sk)))
    .map((item) => item.id as string);
}

async function inboxRow(owner: Owner, visitorId: string) {
  const rows = [];
  let cursor: string | null = null;
  do {
    const page: InboxReply = await owner.client.expectReply({ action: "inbox", token: owner.token, ...(cursor ? { cursor } : {}) });
    rows.push(...page.conversations);
    cursor = page.cursor;
  } while (cursor);
  return rows.find((row) => row.visitorId === visitorId);
}

async function timedDelete(owner: Owner, visitorId: string): Promise<number> {
  const started = performance.now();
  const reply = await owner.client.request({ action: "delete", token: owner.token, visitorId }, 20_000);
  const elapsed = performance.now() - started;
  assert.equal(reply.type, "deleted", JSON.stringify(reply));
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Waits for the sweeps and their redeliveries (a failed receive is visible again after the queue's
 * visibility timeout: 2 s in the suite under faults), not for the owner-away jobs that every owner
 * connection a test closes schedules 15 s later, and each owner hello and ping a lease later: no
 * delete depends on them.
 */
const sweepsDone = (stack: Stack) => stack.queue.idle(30_000, { dueWithinMs: 3000 });

describe("deleting a conversation", () => {
  const ctx = useStack();

  it("answers as fast for 2,000 messages as for 100, and from then on nothing of it is readable", async (t) => {
    const small: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const large: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (const visitorId of small) await seedConversation(ctx.stack, visitorId, 100);
    for (const visitorId of large) await seedConversation(ctx.stack, visitorId, 2000);
    const owner = await ownerClient(ctx.stack);
    const visitors = await Promise.all(large.map((visitorId) => visitorClient(ctx.stack, visitorId)));
    assert.equal((await readable(visitors[0]!, { visitorId: large[0]! })).length, 2000, "the seeded history is readable");

    // A first delete loads what deletes use (the SQS client); each sweep is let finish before the
    // next delete is timed, as it would run in another Lambda on AWS and not in this process.
    const warmUp = randomUUID();
    await seedConversation(ctx.stack, warmUp, 1);
    await timedDelete(owner, warmUp);
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    for (let n = 0; n < 3; n++) {
      await ctx.stack.queue.idle(60_000, { dueWithinMs: 3000 });
      smallMs.push(await timedDelete(owner, small[n]!));
      await ctx.stack.queue.idle(60_000, { dueWithinMs: 3000 });
      largeMs.push(await timedDelete(owner, large[n]!));
    }
    t.diagnostic(
      `delete answered in ${smallMs.map((ms) => ms.toFixed(0)).join(", ")} ms for 100 messages, ${largeMs.map((ms) => ms.toFixed(0)).join(", ")} ms for 2,000`,
    );
    // Erasing 2,000 messages before answering takes about 20 times as long as erasing 100; a
    // delete that only marks answers in the same few requests whatever the size.
    assert.ok(
      median(largeMs) < median(smallMs) * 3 + 100,
      `deleting 2,000 messages took ${median(largeMs).toFixed(0)} ms, 100 took ${median(smallMs).toFixed(0)} ms (medians of 3)`,
    );

    for (const [n, visitorId] of large.entries()) {
      const visitor = visitors[n]!;
      assert.deepEqual(await readable(visitor, { visitorId }), [], "the visitor reads no history");
      assert.deepEqual(await readable(owner.client, { token: owner.token, visitorId }), [], "the owner reads no history");
      const hello = await visitor.expectReply({ action: "hello", visitorId });
      assert.equal(hello.visitor, null, "the visitor's details are gone");
      assert.equal(await inboxRow(owner, visitorId), undefined, "the inbox has no row for it");
      const reply = await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "still there?" });
      assert.equal(reply.type === "error" && reply.code, "not_found", "the owner cannot write to it");
    }
    const ownerHello = await owner.client.expectReply({ action: "hello", token: owner.token });
    assert.ok(!ownerHello.conversations.some((row) => [...small, ...large].includes(row.visitorId)));

    await ctx.stack.queue.idle(60_000, { dueWithinMs: 3000 });
    for (const visitorId of [...small, ...large])
      assert.deepEqual(await storedMessageIds(ctx.stack, visitorId), [], "the sweep erased every message");
    assert.deepEqual(ctx.stack.queue.deadLetters(), []);
    for (const client of [owner.client, ...visitors]) await client.close();
  });

  it("starts a fresh conversation with the messages sent after it, and answers not_found when repeated", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    await visitor.request({ action: "register", visitorId, nickname: "Old name" });
    for (const text of ["old one", "old two"]) await visitor.request({ action: "send", visitorId, id: randomUUID(), text });
    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId })).type, "deleted");

    const fresh = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "a new start" });
    assert.equal(fresh.type, "sent");
    await sweepsDone(ctx.stack);
    const history = await visitor.expectReply({ action: "list", visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.text),
      ["a new start"],
    );
    const row = await inboxRow(owner, visitorId);
    assert.deepEqual(row && [row.nickname, row.lastMessage, row.unread], [null, "a new start", 1]);
    const again = await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal(again.type, "deleted", "the fresh conversation can be deleted in turn");
    const twice = await owner.client.request({ action: "delete", token: owner.token, visitorId });
    assert.equal(twice.type === "error" && twice.code, "not_found");
    await sweepsDone(ctx.stack);
    assert.deepEqual(await storedMessageIds(ctx.stack, visitorId), []);
    await visitor.close();
    await owner.client.close();
  });

  it("never lets old messages or an old head back when sends race it, 20 times over", async (t) => {
    const owner = await ownerClient(ctx.stack);
    const outcomes = { refused: 0, hidden: 0, kept: 0 };
    for (let round = 0; round < 20; round++) {
      const visitorId = randomUUID();
      const visitor = await visitorClient(ctx.stack, visitorId);
      const send = async (text: string) => {
        const id = randomUUID();
        const reply = await visitor.request({ action: "send", visitorId, id, text }, 10_000);
        return { id, text, reply };
      };
      const earlier = [await send("before 1"), await send("before 2"), await send("before 3")];
      assert.ok(earlier.every((one) => one.reply.type === "sent"));

      // A burst of sends a few milliseconds apart, and the delete somewhere in the middle of it.
      const sending: ReturnType<typeof send>[] = [];
      const burst = (async () => {
        for (let n = 0; n < 8; n++) {
          sending.push(send(`burst ${n}`));
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        return Promise.all(sending);
      })();
      await new Promise((resolve) => setTimeout(resolve, 2 + (round % 7) * 2));
      const deleted = await owner.client.request({ action: "delete", token: owner.token, visitorId }, 10_000);
      const readAtOnce = await readable(visitor, { visitorId });
      const raced = await burst;
      const after = await send("after the delete");

      assert.equal(deleted.type, "deleted", `round ${round}`);
      assert.equal(after.reply.type, "sent", `round ${round}: a message after the delete is accepted`);
      const accepted = new Map<string, ChatMessage>();
      for (const one of raced) {
        if (one.reply.type === "sent") accepted.set(one.id, one.reply.message);
        else assert.equal(one.reply.type === "error" && one.reply.code, "not_found", `round ${round}: ${JSON.stringify(one.reply)}`);
      }

      await sweepsDone(ctx.stack);
      const visible = await readable(visitor, { visitorId });
      const ownerView = await readable(owner.client, { token: owner.token, visitorId });
      const stored = await storedMessageIds(ctx.stack, visitorId);
      const where = `round ${round}: visible ${JSON.stringify(visible)}`;
      assert.deepEqual(ownerView, visible, `${where}; both sides read the same`);
      assert.deepEqual([...stored].sort(), [...visible].sort(), `${where}; the table holds what is readable, no more`);
      for (const one of earlier) assert.ok(!visible.includes(one.id), `${where}; a message from before the delete is readable`);
      assert.ok(visible.includes(after.id), `${where}; the message after the delete is kept`);
      assert.ok(
        !readAtOnce.some((id) => earlier.some((one) => one.id === id)),
        `${where}; right after the delete, old messages were readable`,
      );
      // What survives is every accepted message sent after a cut, and nothing sent before it.
      const survivors = visible.filter((id) => id !== after.id);
      for (const id of survivors) assert.ok(accepted.has(id), `${where}; ${id} was refused yet is readable`);
      const cut = Math.min(...survivors.map((id) => accepted.get(id)!.sentAt), (after.reply as { message: ChatMessage }).message.sentAt);
      for (const [id, message] of accepted) {
        if (message.sentAt > cut) assert.ok(visible.includes(id), `${where}; ${id} was sent after the cut yet is gone`);
      }
      // The head counts exactly what is readable: no old message or count came back with it.
      const row = await inboxRow(owner, visitorId);
      assert.equal(row?.unread, visible.length, `${where}; the inbox row counts ${row?.unread}`);
      assert.equal(row?.lastMessage, "after the delete");
      outcomes.refused += raced.length - accepted.size;
      outcomes.kept += survivors.length;
      outcomes.hidden += accepted.size - survivors.length;
      await visitor.close();
    }
    t.diagnostic(
      `burst messages: ${outcomes.hidden} accepted then deleted, ${outcomes.refused} refused as the delete passed them, ${outcomes.kept} kept`,
    );
    await owner.client.close();
  });
});

describe("deletes under faults: a send it overtakes, a sweep that crashes or runs twice", () => {
  let dynamo: LocalDynamo;
  let proxy: DynamoProxy;
  let stack: Stack;
  let fault: ((call: Pick<DynamoCall, "operation" | "input" | "attempt">) => DynamoFault | undefined) | undefined;
  let duplicates = false;

  before(async () => {
    dynamo = await startDynalite();
    proxy = await startDynamoProxy({ target: dynamo.endpoint, fault: (call) => fault?.(call) });
    stack = await startStack({
      port: 0,
      dataDir: null,
      dynamoEndpoint: proxy.endpoint,
      ownerPassword: "correct horse battery",
      queue: {
        functionTimeoutMs: 1500,
        visibilityTimeoutMs: 2000,
        maxReceiveCount: 3,
        faults: { deliveries: (message) => (duplicates && message.receiveCount === 0 ? 2 : 1) },
      },
    });
  });
  after(async () => {
    await stack?.close();
    await proxy?.close();
    await dynamo?.close();
  });

  it("refuses a message whose head update the delete overtook, keeps nothing of it, and takes it again afterwards", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(stack, visitorId);
    const owner = await ownerClient(stack);
    for (const text of ["old one", "old two"])
      assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    const frame = { action: "send" as const, visitorId, id: randomUUID(), text: "on its way as the owner deletes" };
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const heldUpdate = new Promise<void>((resolve) => (reached = resolve));
    // The message is stored, then its head update waits until the delete has answered.
    fault = (call) => {
      if (
        call.operation !== "UpdateItem" ||
        !JSON.stringify(call.input).includes("lastAppliedId") ||
        !JSON.stringify(call.input).includes(frame.id)
      )
        return undefined;
      reached();
      return { kind: "hold", release: held, then: "forward" };
    };
    let overtaken;
    try {
      const sending = visitor.request(frame, 10_000);
      await heldUpdate;
      assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId })).type, "deleted");
      release();
      overtaken = await sending;
    } finally {
      fault = undefined;
      release();
    }
    assert.equal(overtaken.type === "error" && overtaken.code, "not_found", JSON.stringify(overtaken));
    await sweepsDone(stack);
    assert.deepEqual(await storedMessageIds(stack, visitorId), [], "its message was removed with the rest");
    assert.equal((await visitor.expectReply({ action: "hello", visitorId })).visitor, null, "the head did not come back");
    assert.equal(await inboxRow(owner, visitorId), undefined);

    const resent = await visitor.request(frame);
    assert.equal(resent.type, "sent", "sent again, it starts a new conversation");
    assert.deepEqual(await readable(visitor, { visitorId }), [frame.id]);
    assert.equal((await inboxRow(owner, visitorId))?.unread, 1);
    await visitor.close();
    await owner.client.close();
  });

  it("never moves the mark back when two deletes overlap, so neither uncovers what the other hid", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(stack, visitorId);
    const [slowTab, fastTab] = [await ownerClient(stack), await ownerClient(stack)];
    assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "old" })).type, "sent");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const heldMark = new Promise<void>((resolve) => (reached = resolve));
    let marks = 0;
    // The first delete has read the head; its mark waits while a message and a second delete pass.
    fault = (call) => {
      if (call.operation !== "PutItem" || !JSON.stringify(call.input).includes(keys.clearedSk) || ++marks !== 1) return undefined;
      reached();
      return { kind: "hold", release: held, then: "forward" };
    };
    const marksOf = async () =>
      (await scanTable(stack))
        .filter((item) => item.pk === keys.conversationPk(visitorId) && (item.sk === keys.clearedSk || item.sk === keys.headSk))
        .map((item) => item.clearedAt as number);
    try {
      const slow = slowTab.client.request({ action: "delete", token: slowTab.token, visitorId }, 10_000);
      await heldMark;
      const between = randomUUID();
      assert.equal((await visitor.request({ action: "send", visitorId, id: between, text: "between the two deletes" })).type, "sent");
      assert.equal((await fastTab.client.request({ action: "delete", token: fastTab.token, visitorId })).type, "deleted");
      const fastClearedAt = Math.min(...(await marksOf()));
      release();
      assert.equal((await slow).type, "deleted");
      const after = await marksOf();
      assert.ok(
        after.every((clearedAt) => clearedAt >= fastClearedAt),
        `the mark went back from ${fastClearedAt} to ${JSON.stringify(after)}`,
      );
      assert.deepEqual(await readable(visitor, { visitorId }), []);
    } finally {
      fault = undefined;
      release();
    }
    await sweepsDone(stack);
    assert.deepEqual(await storedMessageIds(stack, visitorId), []);
    for (const client of [visitor, slowTab.client, fastTab.client]) await client.close();
  });

  it("finishes a sweep that crashed midway: its job comes back and starts from what is left", async () => {
    const visitorId = randomUUID();
    await seedConversation(stack, visitorId, 600);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    // The third batch of deletes never answers: the run stops there, as a Lambda that died would.
    fault = (call) =>
      call.operation === "BatchWriteItem" && ++batches === 3 ? { kind: "hold", release: held, then: "validationError" } : undefined;
    const owner = await ownerClient(stack);
    const earlierRuns = stack.queue.invocations().length;
    try {
      assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId })).type, "deleted");
      await sweepsDone(stack);
    } finally {
      fault = undefined;
      release();
    }
    const runs = stack.queue.invocations().slice(earlierRuns);
    assert.equal(runs[0]?.outcome, "timed out", JSON.stringify(runs));
    assert.ok(
      runs.some((run) => run.receiveCounts.includes(2)),
      `the crashed job came back: ${JSON.stringify(runs)}`,
    );
    assert.deepEqual(await storedMessageIds(stack, visitorId), []);
    assert.deepEqual(stack.queue.deadLetters(), []);
    await owner.client.close();
  });

  it("is harmless when the same job is delivered twice at once, and spares the messages after the delete", async () => {
    const visitorId = randomUUID();
    await seedConversation(stack, visitorId, 500);
    const owner = await ownerClient(stack);
    const visitor = await visitorClient(stack, visitorId);
    const earlierRuns = stack.queue.invocations().length;
    duplicates = true;
    try {
      assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId })).type, "deleted");
      const fresh = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "written after the delete" });
      assert.equal(fresh.type, "sent");
      await sweepsDone(stack);
    } finally {
      duplicates = false;
    }
    const runs = stack.queue.invocations().slice(earlierRuns);
    assert.ok(runs.filter((run) => run.receiveCounts.includes(1)).length >= 2, `the job ran twice: ${JSON.stringify(runs)}`);
    const history = await visitor.expectReply({ action: "list", visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.text),
      ["written after the delete"],
    );
    assert.equal((await storedMessageIds(stack, visitorId)).length, 1);
    assert.deepEqual(stack.queue.deadLetters(), []);
    await visitor.close();
    await owner.client.close();
  });

  it("moves a message that is no job to the dead-letter queue after its receives, and goes on", async () => {
    const response = await fetch(stack.queue.url.replace(/\/\d+\/[^/]+$/, "/"), {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage" },
      body: JSON.stringify({ QueueUrl: stack.queue.url, MessageBody: '{"type":"format-the-disk"}' }),
    });
    assert.equal(response.status, 200);
    const { MessageId } = (await response.json()) as { MessageId: string };
    await sweepsDone(stack);
    assert.deepEqual(
      stack.queue.deadLetters().map((message) => [message.messageId, message.receiveCount]),
      [[MessageId, 3]],
    );
  });
});
