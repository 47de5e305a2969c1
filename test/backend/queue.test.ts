import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { SQSClient, SendMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import type { LambdaHandler } from "#backend/local/lambda-invoke.ts";
import { createLocalQueue, type LocalQueue, type LocalQueueOptions } from "#backend/local/queue.ts";
import { QueueFileError } from "#backend/local/queue-file.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A local queue on its own loopback server, the real SQS client pointed at it, and every event its function got. */
async function queueFor(t: TestContext, answer: (event: SQSEvent) => unknown, options: Partial<LocalQueueOptions> = {}) {
  const events: { event: SQSEvent; atMs: number }[] = [];
  const handler: LambdaHandler = async (event: SQSEvent) => {
    events.push({ event, atMs: Date.now() });
    return answer(event);
  };
  // Set once the server listens (the queue's URL needs its port); the handler reads it then.
  // eslint-disable-next-line prefer-const
  let queue: LocalQueue | undefined;
  const server = createServer((req, res) => {
    if (!queue?.handleRequest(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  queue = createLocalQueue({ name: "test-jobs", origin, handler, visibilityTimeoutMs: 300, ...options });
  const sqs = new SQSClient({
    endpoint: origin,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  t.after(async () => {
    sqs.destroy();
    await queue.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const send = (body: string, delaySeconds?: number) =>
    sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: body,
        ...(delaySeconds === undefined ? {} : { DelaySeconds: delaySeconds }),
      }),
    );
  return { queue, sqs, send, events };
}

describe("the local SQS queue and its event source mapping", () => {
  it("takes SendMessage from the AWS SDK and hands the function an SQS event", async (t) => {
    const { queue, send, events } = await queueFor(t, () => ({ batchItemFailures: [] }));
    const sentAt = Date.now();
    const sent = await send('{"type":"hello"}'); // the SDK checks MD5OfMessageBody
    await queue.idle(5000);

    assert.match(sent.MessageId ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(events.length, 1);
    const record = events[0]!.event.Records[0]!;
    assert.equal(record.messageId, sent.MessageId);
    assert.equal(record.body, '{"type":"hello"}');
    assert.equal(record.md5OfBody, sent.MD5OfMessageBody);
    assert.equal(record.eventSource, "aws:sqs");
    assert.equal(record.eventSourceARN, "arn:aws:sqs:us-east-1:000000000000:test-jobs");
    assert.equal(record.attributes.ApproximateReceiveCount, "1");
    assert.ok(Number(record.attributes.SentTimestamp) >= sentAt);
    assert.ok(Number(record.attributes.ApproximateFirstReceiveTimestamp) >= Number(record.attributes.SentTimestamp));
    assert.ok(record.receiptHandle.length > 20);
    assert.deepEqual(queue.messages(), [], "a message the function finished is deleted");
  });

  it("holds a message back for its DelaySeconds", async (t) => {
    const { queue, send, events } = await queueFor(t, () => undefined);
    const sentAt = Date.now();
    await send("later", 1);
    await sleep(500);
    assert.equal(events.length, 0, "not before its delay");
    await queue.idle(5000);
    assert.ok(events[0]!.atMs - sentAt >= 1000, `delivered after ${events[0]!.atMs - sentAt} ms`);
  });

  it("is idle for a caller who asks only about what is due soon, while a message waits for minutes", async (t) => {
    const { queue, send, events } = await queueFor(t, () => undefined);
    await send("in ten minutes", 600);
    await queue.idle(1000, { dueWithinMs: 1000 });
    assert.equal(events.length, 0);
    await assert.rejects(queue.idle(300), /still busy/);
  });

  it("delivers again, after the visibility timeout, only what the function reported failed", async (t) => {
    const { queue, send, events } = await queueFor(t, (event) => ({
      batchItemFailures: event.Records.filter(
        (record) => record.body === "fails once" && record.attributes.ApproximateReceiveCount === "1",
      ).map((record) => ({ itemIdentifier: record.messageId })),
    }));
    await Promise.all([send("fails once"), send("fine")]);
    await sleep(50);
    await queue.idle(5000);

    const deliveries = events.flatMap(({ event, atMs }) =>
      event.Records.map((record) => [record.body, record.attributes.ApproximateReceiveCount, atMs] as const),
    );
    assert.deepEqual(deliveries.map(([body, count]) => `${body} #${count}`).sort(), ["fails once #1", "fails once #2", "fine #1"]);
    const [first, second] = deliveries.filter(([body]) => body === "fails once").map(([, , atMs]) => atMs);
    // (a few ms of slack: the timeout runs from the receive, the times are taken in the function)
    assert.ok(second! - first! >= 290, `redelivered ${second! - first!} ms later, before the visibility timeout`);
  });

  it("delivers the whole batch again when the function throws, times out or answers nonsense", async (t) => {
    for (const [what, answer, options] of [
      ["throws", () => Promise.reject(new Error("boom")), {}],
      ["times out", () => sleep(400), { functionTimeoutMs: 100 }],
      ["names an unknown message", () => ({ batchItemFailures: [{ itemIdentifier: "not-in-the-batch" }] }), {}],
    ] as const) {
      let calls = 0;
      const { queue, send, events } = await queueFor(t, (_event) => (++calls === 1 ? answer() : undefined), options);
      await send("a");
      await queue.idle(5000);
      assert.deepEqual(
        events.map(({ event }) => event.Records[0]!.attributes.ApproximateReceiveCount),
        ["1", "2"],
        what,
      );
    }
  });

  it("moves a message received maxReceiveCount times to the dead-letter queue and goes on with the rest", async (t) => {
    const { queue, send, events } = await queueFor(
      t,
      (event) => ({ batchItemFailures: event.Records.filter((r) => r.body === "poison").map((r) => ({ itemIdentifier: r.messageId })) }),
      { maxReceiveCount: 3 },
    );
    const poison = await send("poison");
    await send("fine");
    await queue.idle(5000);
    assert.deepEqual(
      queue.deadLetters().map((message) => [message.messageId, message.receiveCount]),
      [[poison.MessageId, 3]],
    );
    assert.equal(events.flatMap(({ event }) => event.Records).filter((record) => record.body === "poison").length, 3);
  });

  it("can deliver a message to two invocations at once, and treat an invocation as crashed", async (t) => {
    let crashes = 1;
    const { queue, send, events } = await queueFor(t, () => undefined, {
      faults: {
        deliveries: (message) => (message.body === "twice" && message.receiveCount === 0 ? 2 : 1),
        crash: (messages) => messages[0]?.body === "crash" && crashes-- > 0,
      },
    });
    await send("twice");
    await send("crash");
    await queue.idle(5000);
    const counts = (body: string) =>
      events
        .flatMap(({ event }) => event.Records)
        .filter((record) => record.body === body)
        .map((record) => record.attributes.ApproximateReceiveCount);
    assert.deepEqual(counts("twice"), ["1", "2"], "two receives, each with its own count");
    assert.deepEqual(counts("crash"), ["1", "2"], "a crashed invocation's message comes back");
    assert.ok(queue.invocations().some((run) => run.outcome === "crashed (injected)"));
  });

  it("answers what SQS answers to a bad delay, an unknown queue and an operation it does not emulate", async (t) => {
    const { queue, sqs, send } = await queueFor(t, () => undefined);
    await assert.rejects(send("x", 901), (error: Error) => error.name === "InvalidParameterValue" && /DelaySeconds/.test(error.message));
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl: `${queue.url}-nope`, MessageBody: "x" })), {
      name: "QueueDoesNotExist",
    });
    await assert.rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url })), { name: "UnsupportedOperation" });
  });

  describe("with a file, across a restart", () => {
    async function queueFile(t: TestContext) {
      const dir = await mkdtemp(join(tmpdir(), "porch-queue-"));
      t.after(() => rm(dir, { recursive: true, force: true }));
      return join(dir, "jobs-queue.json");
    }

    it("delivers after the restart a message due while it was stopped, and one that failed, with its receive count", async (t) => {
      const file = await queueFile(t);
      const failsOnce = (event: SQSEvent) => ({
        batchItemFailures: event.Records.filter((record) => record.body === "failed before").map((r) => ({ itemIdentifier: r.messageId })),
      });
      const before = await queueFor(t, failsOnce, { file, visibilityTimeoutMs: 1500 });
      const later = await before.send("due while stopped", 1);
      const failed = await before.send("failed before");
      while (!before.events.length) await sleep(10);
      await before.queue.close();
      const stoppedAt = Date.now();
      await sleep(1200);
      assert.deepEqual(
        before.events.flatMap(({ event }) => event.Records.map((record) => record.body)),
        ["failed before"],
      );

      const after = await queueFor(t, () => undefined, { file, visibilityTimeoutMs: 1500 });
      await after.queue.idle(5000);
      const delivered = after.events.flatMap(({ event, atMs }) =>
        event.Records.map((record) => ({ id: record.messageId, count: record.attributes.ApproximateReceiveCount, atMs })),
      );
      assert.deepEqual(
        delivered.map(({ id, count }) => [id, count]).sort(),
        [
          [failed.MessageId, "2"],
          [later.MessageId, "1"],
        ].sort(),
      );
      const failedAgainAfter = delivered.find(({ id }) => id === failed.MessageId)!.atMs - stoppedAt;
      assert.ok(failedAgainAfter >= 200, `the failed one waited out its visibility timeout (${failedAgainAfter} ms after the stop)`);
      assert.deepEqual(after.queue.messages(), []);
    });

    it("keeps a dead letter, and delivers nothing kept before it is enabled", async (t) => {
      const file = await queueFile(t);
      const fails = (event: SQSEvent) => ({ batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) });
      const before = await queueFor(t, fails, { file, visibilityTimeoutMs: 50, maxReceiveCount: 1 });
      const poison = await before.send("poison");
      await before.send("waits", 1);
      while (!before.queue.deadLetters().length) await sleep(10);
      await before.queue.close();

      const after = await queueFor(t, () => undefined, { file, enabled: false });
      assert.deepEqual(
        after.queue.deadLetters().map((message) => message.messageId),
        [poison.MessageId],
      );
      await sleep(1100);
      assert.equal(after.events.length, 0, "nothing delivered while it is not enabled");
      after.queue.enable();
      await after.queue.idle(5000);
      assert.deepEqual(
        after.events.flatMap(({ event }) => event.Records.map((record) => record.body)),
        ["waits"],
      );
    });

    it("refuses a file it cannot read as a queue, naming it, rather than start empty", async (t) => {
      const file = await queueFile(t);
      await writeFile(file, '{"version":1,"messages":[{"body":"half a mess');
      const make = () => createLocalQueue({ name: "test-jobs", origin: "http://127.0.0.1:9", handler: () => undefined, file });
      assert.throws(make, (error: Error) => error instanceof QueueFileError && error.message.includes(file));
    });
  });
});
