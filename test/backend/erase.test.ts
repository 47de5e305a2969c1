import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { addressHash } from "#backend/email/address.ts";
import { sealResumeToken } from "#backend/email/link-tokens.ts";
import type { Stack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import type { HistoryReply, InboxReply, VisitorHelloReply } from "#protocol";
import { TestClient } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

/** An error reply's code, or the reply's type. */
const outcome = (reply: { type: string; code?: string }) => (reply.type === "error" ? `error ${reply.code}` : reply.type);

/** What is stored under a conversation, its tabs' connection bindings aside. */
async function storedOf(stack: Stack, visitorId: string): Promise<Record<string, unknown>[]> {
  return (await scanTable(stack)).filter((item) => item.pk === keys.conversationPk(visitorId) && !keys.isVisitorBindingSk(String(item.sk)));
}

/** What a visitor id is answered with by every visitor action that reads: as a stranger's when it is erased. */
async function answersFor(stack: Stack, visitorId: string) {
  const client = await TestClient.open(stack.socketUrl);
  const hello: VisitorHelloReply = await client.expectReply({ action: "hello", visitorId });
  const history: HistoryReply = await client.expectReply({ action: "list", visitorId });
  const resumed = await client.request({
    action: "resume",
    token: sealResumeToken(
      { visitorId, addressHash: addressHash("ana@example.com"), confirmedAtMs: Date.now(), expiresAtMs: Date.now() + 3600_000 },
      stack.linkSigningKey,
    ),
  });
  const sent = await client.request({ action: "send", visitorId, id: randomUUID(), text: "Am I still here?" });
  const registered = await client.request({ action: "register", visitorId, nickname: "Back again" });
  await client.close();
  return { hello, history, resumed, sent, registered };
}

describe("a visitor erasing their conversation", () => {
  const ctx = useStack();

  it("erases every message, their name and address; tells their other tabs and the owner; retires the id", async () => {
    const visitorId = randomUUID();
    const tab = await visitorClient(ctx.stack, visitorId);
    const otherTab = await visitorClient(ctx.stack, visitorId);
    await tab.expectReply({ action: "register", visitorId, nickname: "Ada", email: "ada@example.com" });
    for (let n = 0; n < 3; n++) await tab.expectReply({ action: "send", visitorId, id: randomUUID(), text: `Message ${n}` });
    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "A reply" });
    const ownerTold = owner.client.waitFor((frame) => frame.type === "deleted" && frame.visitorId === visitorId, 5000, "the owner told");
    const otherTabTold = otherTab.waitFor((frame) => frame.type === "deleted", 5000, "the other tab told");

    assert.deepEqual(await tab.expectReply({ action: "erase", visitorId }), {
      type: "erased",
      rid: (tab.frames.at(-1) as { rid: string }).rid,
    });
    await Promise.all([ownerTold, otherTabTold]);
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });

    const stored = await storedOf(ctx.stack, visitorId);
    assert.deepEqual(stored.map((item) => item.sk).sort(), [keys.clearedSk, keys.headSk].sort(), JSON.stringify(stored));
    assert.deepEqual(Object.keys(stored.find((item) => item.sk === keys.headSk)!).sort(), ["clearedAt", "pk", "sk", "visitorId"]);
    const everything = JSON.stringify(await scanTable(ctx.stack));
    assert.ok(!everything.includes("ada@example.com") && !everything.includes("Message 0"), "neither the address nor a message is left");
    const inbox: InboxReply = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.ok(!inbox.conversations.some((row) => row.visitorId === visitorId));

    const answers = await answersFor(ctx.stack, visitorId);
    const stranger = await answersFor(ctx.stack, randomUUID());
    assert.equal(answers.hello.visitor, null, "hello knows them no more, as a stranger");
    assert.equal(stranger.hello.visitor, null);
    assert.deepEqual(answers.history.messages, stranger.history.messages);
    assert.equal(outcome(answers.resumed), "error not_found", "the id cannot be resumed");
    assert.equal(outcome(stranger.resumed), "error not_found");
    assert.equal(outcome(answers.sent), "error not_found", "a message with the retired id is refused");
    assert.equal(outcome(answers.registered), "error not_found");
    assert.deepEqual((await storedOf(ctx.stack, visitorId)).map((item) => item.sk).sort(), [keys.clearedSk, keys.headSk].sort());
    await Promise.all([tab.close(), otherTab.close(), owner.client.close()]);
  });

  it("leaves nothing when sends race it, from one tab or many", async () => {
    for (let round = 0; round < 4; round++) {
      const visitorId = randomUUID();
      const tabs = await Promise.all(Array.from({ length: 3 }, () => visitorClient(ctx.stack, visitorId)));
      await tabs[0]!.expectReply({ action: "send", visitorId, id: randomUUID(), text: "First" });
      const sends = tabs.flatMap((tab, n) =>
        Array.from({ length: 3 }, (_, k) => tab.request({ action: "send", visitorId, id: randomUUID(), text: `Racing ${n}.${k}` }, 15_000)),
      );
      const erases = tabs.slice(0, 2).map((tab) => tab.request({ action: "erase", visitorId }, 15_000));
      const [sent, erased] = await Promise.all([Promise.all(sends), Promise.all(erases)]);
      for (const reply of erased) assert.equal(reply.type, "erased", JSON.stringify(reply));
      for (const reply of sent) assert.ok(["sent", "error not_found"].includes(outcome(reply)), JSON.stringify(reply));
      await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });
      const stored = await storedOf(ctx.stack, visitorId);
      assert.deepEqual(
        stored.map((item) => item.sk).sort(),
        [keys.clearedSk, keys.headSk].sort(),
        `round ${round}: ${JSON.stringify(stored)}`,
      );
      const history: HistoryReply = await tabs[2]!.expectReply({ action: "list", visitorId });
      assert.deepEqual(history.messages, [], `round ${round}`);
      await Promise.all(tabs.map((tab) => tab.close()));
    }
  });

  it("answers erased for an id with nothing to erase, and stores nothing for it", async () => {
    const visitorId = randomUUID();
    const client = await visitorClient(ctx.stack, visitorId);
    const replies = await Promise.all(Array.from({ length: 5 }, () => client.request({ action: "erase", visitorId })));
    for (const reply of replies) assert.equal(reply.type, "erased");
    assert.deepEqual(await storedOf(ctx.stack, visitorId), []);
    await client.close();
  });
});
