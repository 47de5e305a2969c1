import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { type TypingPush, limits } from "#protocol";
import { type TestClient, sleep } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const typingOf = (client: TestClient) => client.frames.filter((frame): frame is TypingPush => frame.type === "typing" && !("rid" in frame));

describe("typing: each side sees the other writing, and nothing is stored", () => {
  const ctx = useStack();

  /** A visitor with two tabs and a message sent, the owner with two tabs, and a bystander visitor. */
  async function conversation() {
    const visitorId = randomUUID();
    const tabs = [await visitorClient(ctx.stack, visitorId), await visitorClient(ctx.stack, visitorId)];
    await tabs[0]!.request({ action: "send", visitorId, id: randomUUID(), text: "Hello?" });
    const owners = [await ownerClient(ctx.stack), await ownerClient(ctx.stack)];
    const bystander = await visitorClient(ctx.stack, randomUUID());
    const close = () => Promise.all([...tabs, bystander, ...owners.map((owner) => owner.client)].map((client) => client.close()));
    return { visitorId, tabs, owners, bystander, close };
  }

  it("pushes the visitor's typing to every owner tab, and to none of the visitor's", async () => {
    const { visitorId, tabs, owners, bystander, close } = await conversation();
    const reply = await tabs[0]!.expectReply({ action: "typing", visitorId, rid: "t1" });
    assert.deepEqual(reply, { type: "typing", visitorId, relayed: true, rid: "t1" });
    for (const { client } of owners) {
      const push = await client.waitFor((frame) => frame.type === "typing" && !("rid" in frame));
      assert.deepEqual(push, { type: "typing", visitorId, from: "visitor" });
    }
    await sleep(100);
    for (const client of [...tabs, bystander]) assert.deepEqual(typingOf(client), []);
    await close();
  });

  it("pushes the owner's typing to the visitor's tabs only", async () => {
    const { visitorId, tabs, owners, bystander, close } = await conversation();
    const reply = await owners[0]!.client.expectReply({ action: "typing", token: owners[0]!.token, visitorId });
    assert.equal(reply.relayed, true);
    for (const tab of tabs) {
      const push = await tab.waitFor((frame) => frame.type === "typing" && !("rid" in frame));
      assert.deepEqual(push, { type: "typing", visitorId, from: "owner" });
    }
    await sleep(100);
    for (const client of [bystander, owners[1]!.client, owners[0]!.client]) assert.deepEqual(typingOf(client), []);
    await close();
  });

  it(`relays at most one frame per side every ${limits.typingIntervalMs / 1000} s, and drops the rest without a push`, async () => {
    const { visitorId, tabs, owners, close } = await conversation();
    const [visitor] = tabs as [TestClient];
    const owner = owners[0]!;
    // Ten at once from the visitor, five at once from the owner: one each gets through.
    const [fromVisitor, fromOwner] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => visitor.expectReply({ action: "typing", visitorId }))),
      Promise.all(Array.from({ length: 5 }, () => owner.client.expectReply({ action: "typing", token: owner.token, visitorId }))),
    ]);
    assert.equal(fromVisitor.filter((reply) => reply.relayed).length, 1);
    assert.equal(fromOwner.filter((reply) => reply.relayed).length, 1, "each side has its own allowance");
    await sleep(200);
    assert.equal(typingOf(owner.client).length, 1);
    assert.equal(typingOf(visitor).length, 1);
    // Once the interval has passed, the next frame is relayed again.
    await sleep(limits.typingIntervalMs);
    assert.equal((await visitor.expectReply({ action: "typing", visitorId })).relayed, true);
    await owner.client.waitFor(() => typingOf(owner.client).length === 2);
    await close();
  });

  it("stores nothing", async () => {
    const { visitorId, tabs, owners, close } = await conversation();
    const before = await scanTable(ctx.stack);
    await tabs[0]!.request({ action: "typing", visitorId });
    await owners[0]!.client.request({ action: "typing", token: owners[0]!.token, visitorId });
    await sleep(100);
    assert.deepEqual(await scanTable(ctx.stack), before);
    await close();
  });

  it("relays typing only for a conversation that exists and is not blocked (issue 21, finding 7)", async () => {
    const { visitorId, tabs, owners, close } = await conversation();
    const owner = owners[0]!;
    // A new visitor id per frame, as a flood would send them: none has a conversation.
    const strangers = Array.from({ length: 12 }, () => randomUUID());
    const replies = await Promise.all(strangers.map((stranger) => tabs[0]!.expectReply({ action: "typing", visitorId: stranger })));
    assert.deepEqual(
      replies.map((reply) => reply.relayed),
      strangers.map(() => false),
    );
    const toStranger = await owner.client.expectReply({ action: "typing", token: owner.token, visitorId: strangers[0]! });
    assert.equal(toStranger.relayed, false);

    await owner.client.expectReply({ action: "block", token: owner.token, visitorId });
    const blocked = await tabs[1]!.request({ action: "typing", visitorId });
    assert.equal(blocked.type === "error" && blocked.code, "blocked");
    const toBlocked = await owners[1]!.client.expectReply({ action: "typing", token: owners[1]!.token, visitorId });
    assert.equal(toBlocked.relayed, false);
    await sleep(200);
    assert.deepEqual(typingOf(owner.client), [], "no visitor's typing reached the owner");
    assert.deepEqual([...typingOf(tabs[0]!), ...typingOf(tabs[1]!)], [], "no owner's typing reached the blocked visitor");
    await close();
  });

  it("refuses an owner's typing without a visitor, and a visitor's without an id", async () => {
    const { owners, tabs, close } = await conversation();
    const owner = owners[0]!;
    for (const visitorId of [undefined, "", "not-a-uuid", 7]) {
      const reply = await owner.client.requestRaw({ action: "typing", token: owner.token, visitorId });
      assert.equal(reply.type === "error" && reply.code, "bad_request", JSON.stringify(visitorId));
    }
    const anonymous = await tabs[0]!.requestRaw({ action: "typing" });
    assert.equal(anonymous.type === "error" && anonymous.code, "bad_request");
    const forged = await owner.client.request({ action: "typing", token: "forged", visitorId: randomUUID() });
    assert.equal(forged.type === "error" && forged.code, "unauthorized");
    await close();
  });
});
