import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { SeenPush, VisitorHelloReply } from "#protocol";
import { sleep } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const seenBy = (by: "owner" | "visitor", visitorId: string) => (frame: { type: string }) =>
  frame.type === "seen" && (frame as SeenPush).by === by && (frame as SeenPush).visitorId === visitorId;

describe("seen: each side learns what the other has read", () => {
  const ctx = useStack();

  async function conversationWithReplies(replies: number) {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Is the course still open?" });
    const owner = await ownerClient(ctx.stack);
    const replyIds: string[] = [];
    for (let i = 0; i < replies; i++) {
      const id = randomUUID();
      const sent = await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id, text: `reply ${i}` });
      assert.equal(sent.type, "sent");
      replyIds.push(id);
    }
    return { visitorId, visitor, owner, replyIds };
  }

  it("moves the visitor's watermark forward only, tells the owner's tabs once per move, and shows it in the inbox row", async () => {
    const { visitorId, visitor, owner, replyIds } = await conversationWithReplies(2);
    const [first, second] = replyIds as [string, string];

    assert.deepEqual(await visitor.request({ action: "seen", visitorId, upTo: first, rid: "s1" }), {
      type: "seen",
      visitorId,
      upTo: first,
      rid: "s1",
    });
    const pushed = (await owner.client.waitFor(seenBy("visitor", visitorId))) as SeenPush;
    assert.equal(pushed.upTo, first);

    await visitor.request({ action: "seen", visitorId, upTo: second });
    await owner.client.waitFor((frame) => seenBy("visitor", visitorId)(frame) && (frame as SeenPush).upTo === second);
    // Saying an older message again changes nothing and tells nobody.
    const again = await visitor.request({ action: "seen", visitorId, upTo: first });
    assert.equal(again.type, "seen");
    await sleep(100);
    assert.equal(owner.client.frames.filter(seenBy("visitor", visitorId)).length, 2);

    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitorId)?.visitorSeenUpTo, second);
    for (const client of [visitor, owner.client]) await client.close();
  });

  it("keeps the newest when several seen frames race", async () => {
    const { visitorId, visitor, owner, replyIds } = await conversationWithReplies(4);
    await Promise.all(replyIds.map((upTo) => visitor.request({ action: "seen", visitorId, upTo })));
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitorId)?.visitorSeenUpTo, replyIds.at(-1));
    for (const client of [visitor, owner.client]) await client.close();
  });

  it("refuses a message that is not in the visitor's conversation, and garbage", async () => {
    const { visitorId, visitor, owner } = await conversationWithReplies(1);
    const other = await conversationWithReplies(1);
    for (const upTo of [randomUUID(), other.replyIds[0]!]) {
      const reply = await visitor.request({ action: "seen", visitorId, upTo });
      assert.equal(reply.type === "error" && reply.code, "not_found");
    }
    for (const upTo of [undefined, "", "not-a-uuid", 42, null, ["x"]]) {
      const reply = await visitor.requestRaw({ action: "seen", visitorId, upTo });
      assert.equal(reply.type === "error" && reply.code, "bad_request", JSON.stringify(upTo));
    }
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitorId)?.visitorSeenUpTo, null);
    for (const client of [visitor, owner.client, other.visitor, other.owner.client]) await client.close();
  });

  it("tells the visitor's tabs when the owner reads, and says so again in hello after a reload", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) await visitor.request({ action: "send", visitorId, id, text: `question ${id}` });
    const owner = await ownerClient(ctx.stack);
    await owner.client.request({ action: "read", token: owner.token, visitorId });
    const pushed = (await visitor.waitFor(seenBy("owner", visitorId))) as SeenPush;
    assert.equal(pushed.upTo, ids[1]);

    const reloaded = await visitorClient(ctx.stack, visitorId);
    const hello = await reloaded.expectReply({ action: "hello", visitorId });
    assert.equal(hello.ownerSeenUpTo, ids[1]);
    const stranger = await visitorClient(ctx.stack, randomUUID());
    assert.equal((stranger.frames.find((frame) => frame.type === "hello") as VisitorHelloReply).ownerSeenUpTo, null);
    for (const client of [visitor, reloaded, stranger, owner.client]) await client.close();
  });

  it("forgets both watermarks when the owner deletes the conversation", async () => {
    const { visitorId, visitor, owner, replyIds } = await conversationWithReplies(1);
    await visitor.request({ action: "seen", visitorId, upTo: replyIds[0]! });
    await owner.client.request({ action: "read", token: owner.token, visitorId });
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    const hello = await visitor.expectReply({ action: "hello", visitorId });
    assert.equal(hello.ownerSeenUpTo, null);
    // A message from before the delete (swept or not yet) cannot set the watermark again.
    await visitor.request({ action: "seen", visitorId, upTo: replyIds[0]! });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "starting over" });
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(inbox.conversations.find((row) => row.visitorId === visitorId)?.visitorSeenUpTo, null);
    for (const client of [visitor, owner.client]) await client.close();
  });
});
