import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ConversationPush, InboxCounts } from "#protocol";
import { keys } from "#backend/store/keys.ts";
import { sleep, type TestClient } from "../support/client.ts";
import { addToUnreadTotal, forgetCountedTotals, putItems } from "../support/seed-conversation.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

type Owner = { client: TestClient; token: string };

/**
 * Open and done (docs/protocol.md, `done` and `reopen`): the owner works conversations to done, a
 * visitor's message opens one again, and the views' counts follow every change, once.
 */
describe("open and done", () => {
  const ctx = useStack();

  /** The counts as `hello`, `unread` and `ping` give them; all three must agree. */
  async function counts(owner: Owner): Promise<InboxCounts> {
    const [hello, unread, pong] = await Promise.all([
      owner.client.expectReply({ action: "hello", token: owner.token }),
      owner.client.expectReply({ action: "unread", token: owner.token }),
      owner.client.expectReply({ action: "ping", token: owner.token }),
    ]);
    assert.deepEqual(hello.counts, unread.counts, "hello and unread agree");
    assert.deepEqual(pong.counts, unread.counts, "pong and unread agree");
    return unread.counts;
  }

  const plus = (start: InboxCounts, change: Partial<InboxCounts>): InboxCounts => ({
    open: start.open + (change.open ?? 0),
    done: start.done + (change.done ?? 0),
    unread: start.unread + (change.unread ?? 0),
  });

  /** The visitor ids a view lists, every page of it. */
  async function view(owner: Owner, status: "open" | "done", unread = false): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.client.expectReply({ action: "inbox", token: owner.token, status, unread, ...(cursor ? { cursor } : {}) });
      for (const row of page.conversations) {
        assert.equal(row.status, status, "every row of a view has its status");
        if (unread) assert.ok(row.unread > 0, "every row of the Unread view has unread messages");
        ids.push(row.visitorId);
      }
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return ids;
  }

  async function visitorWrites(visitorId: string, text = "hello?"): Promise<TestClient> {
    const visitor = await visitorClient(ctx.stack, visitorId);
    assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    return visitor;
  }

  it("moves a conversation to Done and back, tells the owner's other tabs, and the visitor nothing", async () => {
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorWrites(visitorId);
    const start = await counts(owner);
    assert.ok((await view(owner, "open")).includes(visitorId));
    assert.ok((await view(owner, "open", true)).includes(visitorId), "unread: in the Unread view");

    const done = await owner.client.expectReply({ action: "done", token: owner.token, visitorId });
    assert.equal(done.conversation.status, "done");
    assert.equal(done.conversation.unread, 1, "done is not read: the unread count stays");
    const pushed = (await otherTab.client.waitFor(
      (frame) => frame.type === "conversation" && frame.conversation.visitorId === visitorId && frame.conversation.status === "done",
    )) as ConversationPush;
    assert.equal(pushed.conversation.status, "done");
    assert.deepEqual(await counts(owner), plus(start, { open: -1, done: 1, unread: -1 }));
    assert.ok(!(await view(owner, "open")).includes(visitorId), "not in Open");
    assert.ok(!(await view(owner, "open", true)).includes(visitorId), "not in Unread");
    assert.ok((await view(owner, "done")).includes(visitorId), "in Done");

    const again = await owner.client.expectReply({ action: "done", token: owner.token, visitorId });
    assert.equal(again.conversation.status, "done");
    assert.deepEqual(await counts(owner), plus(start, { open: -1, done: 1, unread: -1 }), "done twice counts once");

    const reopened = await owner.client.expectReply({ action: "reopen", token: owner.token, visitorId });
    assert.equal(reopened.conversation.status, "open");
    assert.deepEqual(await counts(owner), start);
    assert.ok((await view(owner, "open")).includes(visitorId));

    await sleep(200);
    assert.deepEqual(
      visitor.frames.filter((frame) => frame.type === "conversation"),
      [],
      "the visitor hears nothing of it",
    );
    for (const client of [owner.client, otherTab.client, visitor]) await client.close();
  });

  it("opens a done conversation again when the visitor writes, but not when the owner does", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorWrites(visitorId);
    await owner.client.expectReply({ action: "read", token: owner.token, visitorId });
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId });
    const start = await counts(owner);

    const reply = await owner.client.expectReply({
      action: "send",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "Anything else?",
    });
    assert.equal(reply.conversation?.status, "done", "an owner's reply leaves it done");
    assert.deepEqual(await counts(owner), start);
    assert.ok((await view(owner, "done")).includes(visitorId));

    const id = randomUUID();
    assert.equal((await visitor.request({ action: "send", visitorId, id, text: "One more thing" })).type, "sent");
    const push = await owner.client.waitForPush(id);
    assert.equal(push.conversation?.status, "open", "the owner is pushed the row, open again");
    assert.deepEqual(await counts(owner), plus(start, { open: 1, done: -1, unread: 1 }));
    assert.ok((await view(owner, "open", true)).includes(visitorId));
    for (const client of [owner.client, visitor]) await client.close();
  });

  it("counts a read, a new conversation and a delete in the views", async () => {
    const owner = await ownerClient(ctx.stack);
    const start = await counts(owner);
    const [a, b] = [randomUUID(), randomUUID()];
    const visitors = [await visitorWrites(a), await visitorWrites(b)];
    await visitors[0]!.request({ action: "send", visitorId: a, id: randomUUID(), text: "still there?" });
    assert.deepEqual(await counts(owner), plus(start, { open: 2, unread: 2 }), "two new unread conversations (one with two messages)");
    await owner.client.expectReply({ action: "read", token: owner.token, visitorId: a });
    assert.deepEqual(await counts(owner), plus(start, { open: 2, unread: 1 }));
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: b });
    assert.deepEqual(await counts(owner), plus(start, { open: 1, done: 1 }));
    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId: b }, 20_000)).type, "deleted");
    assert.deepEqual(await counts(owner), plus(start, { open: 1 }), "a deleted done conversation leaves Done");
    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId: a }, 20_000)).type, "deleted");
    assert.deepEqual(await counts(owner), start);
    for (const client of [...visitors, owner.client]) await client.close();
  });

  it("moves the counts once when two tabs mark the same conversation done at once, many times", async () => {
    const owners = [await ownerClient(ctx.stack), await ownerClient(ctx.stack)];
    const visitorId = randomUUID();
    const visitor = await visitorWrites(visitorId);
    const start = await counts(owners[0]!);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, n) => owners[n % 2]!.client.expectReply({ action: "done", token: owners[n % 2]!.token, visitorId })),
    );
    assert.ok(replies.every((reply) => reply.conversation.status === "done"));
    assert.deepEqual(await counts(owners[0]!), plus(start, { open: -1, done: 1, unread: -1 }));
    // Done and reopen racing: whatever wins, the counts say where the conversation ended up.
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        owners[n % 2]!.client.expectReply({ action: n % 3 ? "reopen" : "done", token: owners[n % 2]!.token, visitorId }),
      ),
    );
    const { conversations } = await owners[0]!.client.expectReply({ action: "inbox", token: owners[0]!.token, status: "open" });
    const open = conversations.some((row) => row.visitorId === visitorId);
    assert.deepEqual(
      await counts(owners[0]!),
      open ? start : plus(start, { open: -1, done: 1, unread: -1 }),
      "the counts follow where it is",
    );
    for (const client of [visitor, ...owners.map((owner) => owner.client)]) await client.close();
  });

  it("refuses a conversation that is not in the inbox, and a view that does not exist", async () => {
    const owner = await ownerClient(ctx.stack);
    const registered = randomUUID();
    const visitor = await visitorClient(ctx.stack, registered);
    await visitor.request({ action: "register", visitorId: registered, nickname: "Quiet" });
    for (const visitorId of [randomUUID(), registered]) {
      for (const action of ["done", "reopen"] as const) {
        const reply = await owner.client.request({ action, token: owner.token, visitorId });
        assert.equal(reply.type === "error" && reply.code, "not_found", `${action} of a conversation without messages`);
      }
    }
    const writer = randomUUID();
    const writing = await visitorWrites(writer);
    const visitorTry = await writing.requestRaw({ action: "done", visitorId: writer });
    assert.equal(visitorTry.type === "error" && visitorTry.code, "bad_request", "a visitor cannot mark their own conversation");
    assert.ok((await view(owner, "open")).includes(writer), "still open");
    for (const status of ["closed", "", 1, null]) {
      const reply = await owner.client.requestRaw({ action: "inbox", token: owner.token, status });
      assert.equal(reply.type === "error" && reply.code, "bad_request", `status ${JSON.stringify(status)}`);
    }
    const unreadWord = await owner.client.requestRaw({ action: "hello", token: owner.token, unread: "yes" });
    assert.equal(unreadWord.type === "error" && unreadWord.code, "bad_request");
    for (const client of [owner.client, visitor, writing]) await client.close();
  });

  it("pages the Unread view past many read conversations", async () => {
    const owner = await ownerClient(ctx.stack);
    const unreadIds = [randomUUID(), randomUUID()];
    const visitors = [await visitorWrites(unreadIds[0]!)];
    // Enough read conversations after it that one page's reads do not reach it, written as `send` leaves them.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint }));
    const now = Date.now();
    const heads = Array.from({ length: 230 }, (_, n) => {
      const visitorId = randomUUID();
      const at = now + 1 + n;
      return {
        ...{ pk: keys.conversationPk(visitorId), sk: keys.headSk, lsk: keys.headLsk, visitorId, firstSeenAt: at, lastSeenAt: at },
        ...{ lastMessageAt: at, lastMessage: "thanks", lastMessageFrom: "owner", unread: 0, messageCount: 2 },
        ...{ inboxPk: keys.inboxPk, inboxSk: keys.inboxSk(at, visitorId) },
      };
    });
    try {
      await putItems(client, ctx.stack.tableName, heads);
      await addToUnreadTotal(
        client,
        ctx.stack.tableName,
        heads.map(({ visitorId }) => ({ visitorId, unread: 0, messageCount: 2 })),
      );
    } finally {
      client.destroy();
    }
    await sleep(5);
    visitors.push(await visitorWrites(unreadIds[1]!));
    const listed = await view(owner, "open", true);
    assert.ok(
      unreadIds.every((visitorId) => listed.includes(visitorId)),
      "both unread conversations are found, one behind 230 read ones",
    );
    for (const client of [...visitors, owner.client]) await client.close();
  });

  it("counts the views once in a table made before they were kept", async () => {
    const owner = await ownerClient(ctx.stack);
    const [a, b] = [randomUUID(), randomUUID()];
    const visitors = [await visitorWrites(a), await visitorWrites(b)];
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: b });
    const before = await counts(owner);
    // As an older Porch left it: no views' counts in the shards, and no mark.
    await forgetCountedTotals(ctx.stack, keys.viewCountsCountedSk, ["open", "done", "unreadConversations"]);
    assert.deepEqual(await counts(owner), before, "counted again from the inbox");
    for (const visitor of [...visitors, owner.client]) await visitor.close();
  });
});
