import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import type { GatewayFaults, LambdaHandler } from "#backend/local/gateway.ts";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { handler as messageHandler } from "#backend/handlers/message.ts";
import { openOwner, openVisitor } from "../support/load-client.ts";
import { startDynamoProxy, type DynamoFault, type DynamoProxy, type DynamoCall } from "../support/dynamo-proxy.ts";
import { assertExactlyOnce, runVisitorLoad, storedMessages } from "../support/load.ts";

process.env.PORCH_LOG_LEVEL ??= "silent";

/** Faults the tests switch on and off while the stack runs. */
const faults: {
  deliveries?: GatewayFaults["deliveries"];
  management?: GatewayFaults["management"];
  dynamo?: (call: Pick<DynamoCall, "operation" | "input" | "attempt">) => DynamoFault | undefined;
  /** Called instead of the real message handler when set. */
  message?: LambdaHandler;
} = {};

const isHeadUpdate = (call: Pick<DynamoCall, "operation" | "input">, messageId: string) =>
  call.operation === "UpdateItem" && JSON.stringify(call.input).includes("lastAppliedId") && JSON.stringify(call.input).includes(messageId);

const isClaim = (call: Pick<DynamoCall, "operation" | "input">, messageId: string) =>
  call.operation === "UpdateItem" && JSON.stringify(call.input).includes("SET applied") && JSON.stringify(call.input).includes(messageId);

describe("faults: duplicate deliveries, a failing management API, DynamoDB throttling, a crashing handler", () => {
  let dynamo: LocalDynamo;
  let proxy: DynamoProxy;
  let stack: Stack;

  before(async () => {
    dynamo = await startDynalite();
    proxy = await startDynamoProxy({ target: dynamo.endpoint, fault: (call) => faults.dynamo?.(call) });
    stack = await startStack({
      port: 0,
      dataDir: null,
      dynamoEndpoint: proxy.endpoint,
      ownerPassword: "correct horse battery",
      handlers: { $default: (event, context, callback) => (faults.message ?? messageHandler)(event, context, callback) },
      gateway: {
        faults: { deliveries: (event) => faults.deliveries?.(event), management: (req) => faults.management?.(req) },
      },
    });
  });
  after(async () => {
    await stack?.close();
    await proxy?.close();
    await dynamo?.close();
  });

  it("stores and pushes every message once when every frame is delivered 2 or 3 times, at once and after a delay", async () => {
    let plan = 0;
    faults.deliveries = (event) =>
      event.body?.includes('"send"')
        ? [{ copies: 2 }, { copies: 3, delayMs: 40 }, { copies: 3, concurrent: false, delayMs: 80 }][plan++ % 3]
        : undefined;
    try {
      const outcome = await runVisitorLoad(stack, { visitors: 12, owners: 2, messages: 4 });
      await assertExactlyOnce(stack, outcome, 48);
    } finally {
      delete faults.deliveries;
    }
  });

  it("answers every sender sent when pushes hang, answer 410 or answer 500, and still reaches the healthy owner", async () => {
    const before = new Set(stack.gateway.connectionIds());
    const troubled = await Promise.all([1, 2, 3].map(() => openOwner(stack.socketUrl, stack.ownerPassword)));
    const troubledIds = stack.gateway.connectionIds().filter((id) => !before.has(id));
    const [hanging, gone, failing] = troubledIds;
    faults.management = (req) =>
      req.method !== "POST"
        ? undefined
        : req.connectionId === hanging
          ? "hang"
          : req.connectionId === gone
            ? 410
            : req.connectionId === failing
              ? 500
              : undefined;
    try {
      const outcome = await runVisitorLoad(stack, { visitors: 6, owners: 1, messages: 2 });
      await assertExactlyOnce(stack, outcome, 12);
    } finally {
      delete faults.management;
      for (const owner of troubled) await owner.client.close();
    }
  });

  it("stores every message once and tells every sender the outcome while DynamoDB throttles", async () => {
    let request = 0;
    // A fifth of first attempts are throttled (the SDK retries them); every 25th call is throttled on all
    // three of its attempts, so the handler gives up and answers internal.
    const exhausted = new Map<string, number>();
    faults.dynamo = (call) => {
      request++;
      const key = JSON.stringify(call.input);
      if (call.attempt === 1 && request % 25 === 0) exhausted.set(key, 3);
      const left = exhausted.get(key);
      if (left !== undefined) {
        if (left <= 1) exhausted.delete(key);
        else exhausted.set(key, left - 1);
        return { kind: "throttle" };
      }
      return call.attempt === 1 && request % 5 === 0 ? { kind: "throttle" } : undefined;
    };
    const retrying = async <T>(open: () => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await open();
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
    };
    const owner = await retrying(() => openOwner(stack.socketUrl, stack.ownerPassword));
    const pushes = new Map<string, number>();
    owner.client.onPush = (message) => pushes.set(message.id, (pushes.get(message.id) ?? 0) + 1);
    const visitors = await Promise.all([1, 2, 3, 4].map(() => retrying(() => openVisitor(stack.socketUrl))));
    const outcomes = { sentFirstTime: 0, internalThenSent: 0 };
    const ids: string[] = [];
    try {
      await Promise.all(
        visitors.map(async ({ client, visitorId }) => {
          for (let n = 0; n < 3; n++) {
            const frame = { action: "send" as const, visitorId, id: randomUUID(), text: `through throttling ${n}` };
            ids.push(frame.id);
            let reply = await client.request(frame, 20_000);
            if (reply.type === "sent") outcomes.sentFirstTime++;
            for (let resend = 0; reply.type !== "sent" && resend < 5; resend++) {
              assert.equal(reply.type === "error" && reply.code, "internal", `the sender learns the outcome: ${JSON.stringify(reply)}`);
              reply = await client.request(frame, 20_000);
              if (reply.type === "sent") outcomes.internalThenSent++;
            }
            assert.equal(reply.type, "sent");
          }
        }),
      );
    } finally {
      delete faults.dynamo;
    }
    assert.ok(
      proxy.calls.some((call) => call.fault === "throttle"),
      "requests were throttled",
    );
    assert.equal(outcomes.sentFirstTime + outcomes.internalThenSent, 12);
    const stored = await storedMessages(stack);
    for (const id of ids) assert.equal(stored.get(id), 1, `message ${id} is stored once`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      [...pushes].filter(([, count]) => count > 1),
      [],
      "no message is pushed twice",
    );
    const inbox = await owner.client.expectReply({ action: "hello", token: owner.token });
    for (const { visitorId } of visitors) {
      const row = inbox.conversations.find((conversation) => conversation.visitorId === visitorId);
      assert.equal(row?.unread, 3, "each message is counted once");
    }
    for (const client of [owner.client, ...visitors.map((visitor) => visitor.client)]) await client.close();
  });

  it("completes a send exactly once when the handler crashes after storing the message and Lambda retries it", async () => {
    const owner = await openOwner(stack.socketUrl, stack.ownerPassword);
    const visitor = await openVisitor(stack.socketUrl);
    const id = randomUUID();
    let releaseHeld: () => void = () => {};
    const released = new Promise<void>((resolve) => (releaseHeld = resolve));
    let heldOnce = false;
    let crashed = false;
    let headUpdateHeld: () => void = () => {};
    const held = new Promise<void>((resolve) => (headUpdateHeld = resolve));
    // The first copy's head update never reaches DynamoDB; that copy's Lambda dies while waiting for it.
    faults.dynamo = (call) => {
      if (heldOnce || !isHeadUpdate(call, id)) return undefined;
      heldOnce = true;
      headUpdateHeld();
      return { kind: "hold", release: released, then: "validationError" };
    };
    faults.message = async (event) => {
      if (crashed || !(event as { body?: string }).body?.includes(id)) return messageHandler(event as Parameters<typeof messageHandler>[0]);
      crashed = true;
      void messageHandler(event as Parameters<typeof messageHandler>[0]);
      await held;
      throw new Error("the Lambda runtime died midway (simulated)");
    };
    faults.deliveries = (event) => (event.body?.includes(id) ? { copies: 2, concurrent: false, delayMs: 100 } : undefined);
    const pushes: string[] = [];
    owner.client.onPush = (message) => void pushes.push(message.id);
    try {
      const reply = await visitor.client.expectReply({ action: "send", visitorId: visitor.visitorId, id, text: "survives a crash" });
      assert.equal(reply.type, "sent", "the retried copy answers sent");
      assert.ok(
        visitor.client.strays.some((frame) => (frame as { message?: string }).message === "Internal server error"),
        "the crashed copy was answered with API Gateway's error frame",
      );
    } finally {
      releaseHeld();
      delete faults.dynamo;
      delete faults.message;
      delete faults.deliveries;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await storedMessages(stack)).get(id), 1, "stored once");
    assert.deepEqual(pushes, [id], "pushed once to the owner");
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId: visitor.visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.id),
      [id],
    );
    const inbox = await owner.client.expectReply({ action: "hello", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitor.visitorId)?.unread, 1, "counted once");
    await visitor.client.close();
    await owner.client.close();
  });

  // The owner's unread total is changed by one UpdateItem of its own (no message id in it); nothing else runs meanwhile.
  const isUnreadTotal = (call: Pick<DynamoCall, "operation" | "input">) =>
    call.operation === "UpdateItem" && JSON.stringify(call.input).includes("UNREADTOTAL");
  for (const [step, matches] of [
    ["head update", isHeadUpdate],
    ["claim", isClaim],
    ["unread total's change", isUnreadTotal],
  ] as const) {
    it(`pushes and counts a message once when DynamoDB applies its ${step} but the answer is lost and the SDK retries`, async () => {
      const owner = await openOwner(stack.socketUrl, stack.ownerPassword);
      const visitor = await openVisitor(stack.socketUrl);
      const id = randomUUID();
      let failed = false;
      faults.dynamo = (call) => {
        if (failed || !matches(call, id)) return undefined;
        failed = true;
        return { kind: "errorAfterForward" };
      };
      const pushes: string[] = [];
      owner.client.onPush = (message) => void pushes.push(message.id);
      const totalBefore = (await owner.client.expectReply({ action: "hello", token: owner.token })).unreadTotal;
      try {
        const reply = await visitor.client.request({ action: "send", visitorId: visitor.visitorId, id, text: "answer lost once" });
        assert.equal(reply.type, "sent");
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.ok(failed, `the ${step} answer was lost once`);
        assert.deepEqual(pushes, [id], "pushed once to the owner");
        const resent = await visitor.client.request({ action: "send", visitorId: visitor.visitorId, id, text: "answer lost once" });
        assert.equal(resent.type, "sent");
        const inbox = await owner.client.expectReply({ action: "hello", token: owner.token });
        assert.equal(inbox.conversations.find((row) => row.visitorId === visitor.visitorId)?.unread, 1, "counted once");
        assert.equal(inbox.unreadTotal, totalBefore + 1, "counted once in the owner's unread total");
      } finally {
        delete faults.dynamo;
        await visitor.client.close();
        await owner.client.close();
      }
    });
  }
});
