import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { GatewayFaults } from "#backend/local/gateway.ts";
import { TestClient } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

/** Faults the tests switch on while the stack runs. */
const faults: { deliveries?: GatewayFaults["deliveries"] } = {};

/**
 * The owner's unread total is a maintained count (docs/data-model.md, "The unread total"), not a
 * query of every unread conversation: it must follow every change of a conversation's count, once.
 */
describe("the owner's unread total", () => {
  const ctx = useStack({ gateway: { faults: { deliveries: (event) => faults.deliveries?.(event) } } });

  /** The total as `hello` and `unread` give it; both must agree. */
  async function totals(owner: { client: TestClient; token: string }): Promise<number> {
    const [hello, unread] = await Promise.all([
      owner.client.expectReply({ action: "hello", token: owner.token }),
      owner.client.expectReply({ action: "unread", token: owner.token }),
    ]);
    assert.equal(hello.unreadTotal, unread.unreadTotal, "hello and unread agree");
    return unread.unreadTotal;
  }

  async function visitorSends(visitorId: string, count: number): Promise<TestClient> {
    const visitor = await visitorClient(ctx.stack, visitorId);
    for (let n = 0; n < count; n++) {
      const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: `message ${n + 1}` });
      assert.equal(reply.type, "sent");
    }
    return visitor;
  }

  it("follows messages, a read, an owner's reply, a block and a delete", async () => {
    const owner = await ownerClient(ctx.stack);
    const start = await totals(owner);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const visitors = [await visitorSends(a, 2), await visitorSends(b, 3), await visitorSends(c, 1)];
    assert.equal(await totals(owner), start + 6, "2 + 3 + 1 unread");

    assert.equal((await owner.client.request({ action: "read", token: owner.token, visitorId: a })).type, "read");
    assert.equal(await totals(owner), start + 4, "a's 2 read");
    assert.equal((await owner.client.request({ action: "read", token: owner.token, visitorId: a })).type, "read");
    assert.equal(await totals(owner), start + 4, "reading again changes nothing");

    const reply = await owner.client.request({ action: "send", token: owner.token, visitorId: b, id: randomUUID(), text: "Hello!" });
    assert.equal(reply.type, "sent");
    assert.equal(await totals(owner), start + 1, "answering b reads its 3");

    assert.equal((await owner.client.request({ action: "block", token: owner.token, visitorId: c })).type, "blocked");
    assert.equal(await totals(owner), start + 1, "a block leaves the count as it is");
    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId: c }, 20_000)).type, "deleted");
    assert.equal(await totals(owner), start, "c's message went with the conversation");
    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId: c }, 20_000)).type, "error");
    assert.equal(await totals(owner), start, "a second delete takes nothing more");

    for (const client of [...visitors, owner.client]) await client.close();
  });

  it("counts each message once when every frame arrives three times, and not again when it is resent", async () => {
    const owner = await ownerClient(ctx.stack);
    const start = await totals(owner);
    faults.deliveries = (event) => (event.body?.includes('"send"') ? { copies: 3 } : undefined);
    const visitorIds = Array.from({ length: 8 }, () => randomUUID());
    const frames = visitorIds.flatMap((visitorId) =>
      [1, 2].map((n) => ({ action: "send" as const, visitorId, id: randomUUID(), text: `x${n}` })),
    );
    try {
      const clients = await Promise.all(visitorIds.map((visitorId) => visitorClient(ctx.stack, visitorId)));
      // Each visitor's two messages one after the other (its first opens the conversation), the visitors at once.
      const sendAll = async () =>
        (
          await Promise.all(
            clients.map(async (client, n) => [await client.request(frames[2 * n]!), await client.request(frames[2 * n + 1]!)]),
          )
        ).flat();
      assert.deepEqual(
        (await sendAll()).filter((reply) => reply.type !== "sent"),
        [],
      );
      delete faults.deliveries;
      // A resend later, after the owner answered one of them: nothing changes.
      await owner.client.request({ action: "send", token: owner.token, visitorId: visitorIds[0]!, id: randomUUID(), text: "Hi" });
      assert.deepEqual(
        (await sendAll()).filter((reply) => reply.type !== "sent"),
        [],
      );
      assert.equal(await totals(owner), start + 16 - 2, "16 messages, the 2 answered read");
      for (const client of clients) await client.close();
    } finally {
      delete faults.deliveries;
      await owner.client.close();
    }
  });

  it("keeps count when many visitors write at once", async () => {
    const owner = await ownerClient(ctx.stack);
    const start = await totals(owner);
    await Promise.all(Array.from({ length: 30 }, async () => (await visitorSends(randomUUID(), 3)).close()));
    assert.equal(await totals(owner), start + 90);
    await owner.client.close();
  });
});
