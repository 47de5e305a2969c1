import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ExportPageReply, UploadReadyReply } from "#protocol";
import { makePng, postUpload } from "../support/attachments.ts";
import { sleep, type TestClient } from "../support/client.ts";
import { seedConversation } from "../support/seed-conversation.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

type Owner = { client: TestClient; token: string };

/** What a whole export gave, merged across its pages by conversation. */
interface Exported {
  pages: ExportPageReply[];
  conversations: Map<string, { status: string; nickname: string | null; messageIds: string[]; notes: string[]; pages: number }>;
  messages: Map<string, ExportPageReply["conversations"][number]["messages"][number]>;
}

async function exportAll(owner: Owner, since?: number): Promise<Exported> {
  const result: Exported = { pages: [], conversations: new Map(), messages: new Map() };
  let cursor: string | undefined;
  do {
    const page = await owner.client.expectReply({
      action: "export",
      token: owner.token,
      ...(cursor ? { cursor } : since === undefined ? {} : { since }),
    });
    result.pages.push(page);
    for (const { conversation, messages, notes, continued } of page.conversations) {
      const known = result.conversations.get(conversation.visitorId);
      assert.equal(continued === true, known !== undefined, "a conversation carries on only where an earlier page began it");
      const entry = known ?? { status: conversation.status, nickname: conversation.nickname, messageIds: [], notes: [], pages: 0 };
      entry.messageIds.push(...messages.map((message) => message.id));
      entry.notes.push(...notes.map((note) => note.text));
      entry.pages++;
      for (const message of messages) result.messages.set(message.id, message);
      result.conversations.set(conversation.visitorId, entry);
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return result;
}

const replyBytes = (page: ExportPageReply) => Buffer.byteLength(JSON.stringify(page), "utf8");

/** The owner's export of everything (docs/protocol.md, `export`; docs/data-model.md, "Exports"). */
describe("export", () => {
  const ctx = useStack();

  async function conversation(visitorId: string, texts: string[], nickname?: string): Promise<{ visitor: TestClient; ids: string[] }> {
    const visitor = await visitorClient(ctx.stack, visitorId);
    if (nickname) await visitor.expectReply({ action: "register", visitorId, nickname });
    const ids: string[] = [];
    for (const text of texts) ids.push((await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text })).message.id);
    return { visitor, ids };
  }

  it("pages cover every conversation, message and note exactly once, each reply within 128 KB, a large conversation across pages", async () => {
    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "saveReply", token: owner.token, id: randomUUID(), title: "Hi", text: "Hello {name}" });

    // A conversation with a reply, two notes and a picture.
    const ada = randomUUID();
    const { visitor, ids: adaIds } = await conversation(ada, ["Do you ship to Norway?", "And to Iceland?"], "Ada");
    const png = makePng(8, 8);
    const ready = (await visitor.requestRaw({
      action: "upload",
      visitorId: ada,
      name: "map.png",
      contentType: "image/png",
      size: png.length,
    })) as UploadReadyReply;
    assert.equal((await postUpload(ready, png, "image/png")).status, 204);
    const withPicture = randomUUID();
    await visitor.expectReply({ action: "send", visitorId: ada, id: withPicture, text: "Here", attachments: [ready.attachmentId] });
    const reply = randomUUID();
    await owner.client.expectReply({ action: "send", token: owner.token, visitorId: ada, id: reply, text: "Yes, to both." });
    for (const text of ["ships from Oslo", "a regular"]) {
      await owner.client.expectReply({ action: "note", token: owner.token, visitorId: ada, id: randomUUID(), text });
    }
    // A done one.
    const bob = randomUUID();
    const { ids: bobIds } = await conversation(bob, ["Thanks, all sorted"]);
    await owner.client.expectReply({ action: "done", token: owner.token, visitorId: bob });
    // One deleted, then written to again: only what came after the delete.
    const cleo = randomUUID();
    const { visitor: cleoClient } = await conversation(cleo, ["old one", "old two"]);
    await owner.client.expectReply({ action: "delete", token: owner.token, visitorId: cleo });
    const cleoNew = randomUUID();
    await cleoClient.expectReply({ action: "send", visitorId: cleo, id: cleoNew, text: "starting over" });
    // One larger than several replies: 150 messages of 2,000 characters, and a note.
    const dan = randomUUID();
    const { messageIds: danIds } = await seedConversation(ctx.stack, dan, 150, { text: (n) => `${n} ${"é".repeat(1990)}` });
    await owner.client.expectReply({ action: "note", token: owner.token, visitorId: dan, id: randomUUID(), text: "long one" });

    const exported = await exportAll(owner);

    for (const page of exported.pages) assert.ok(replyBytes(page) <= 128 * 1024, `a page of ${replyBytes(page)} bytes`);
    assert.ok(exported.pages.length >= 3, `${exported.pages.length} pages`);
    assert.deepEqual([...exported.conversations.keys()].sort(), [ada, bob, cleo, dan].sort());
    const sorted = (ids: string[]) => [...ids].sort();
    assert.deepEqual(sorted(exported.conversations.get(ada)!.messageIds), sorted([...adaIds, withPicture, reply]));
    assert.deepEqual(exported.conversations.get(bob)!.messageIds, bobIds);
    assert.deepEqual(exported.conversations.get(cleo)!.messageIds, [cleoNew], "nothing from before the delete");
    assert.deepEqual(sorted(exported.conversations.get(dan)!.messageIds), sorted(danIds));
    assert.ok(exported.conversations.get(dan)!.pages >= 3, "the large conversation spans pages");
    const total = [...exported.conversations.values()].reduce((sum, entry) => sum + entry.messageIds.length, 0);
    assert.equal(total, exported.messages.size, "no message twice");
    assert.deepEqual(exported.conversations.get(ada)!.notes.sort(), ["a regular", "ships from Oslo"]);
    assert.deepEqual(exported.conversations.get(dan)!.notes, ["long one"]);
    assert.equal(exported.conversations.get(ada)!.nickname, "Ada");
    assert.equal(exported.conversations.get(bob)!.status, "done");
    assert.deepEqual(exported.messages.get(withPicture)!.attachments, [
      { id: ready.attachmentId, name: "map.png", contentType: "image/png", size: png.length },
    ]);
    assert.equal(exported.messages.get(danIds[7]!)!.text, `7 ${"é".repeat(1990)}`);
    assert.deepEqual(
      exported.pages[0]!.savedReplies?.map((saved) => saved.text),
      ["Hello {name}"],
    );
    assert.deepEqual(exported.pages[0]!.hours, { timeZone: "UTC", weekly: [] });
    assert.ok(
      exported.pages.slice(1).every((page) => page.savedReplies === undefined && page.hours === undefined),
      "once, on the first page",
    );

    // `since`: only what changed after it.
    const since = Date.now();
    await sleep(5); // strictly after it, on the server's clock
    const later = randomUUID();
    await visitor.expectReply({ action: "send", visitorId: ada, id: later, text: "One more thing" });
    const changed = await exportAll(owner, since);
    assert.deepEqual([...changed.conversations.keys()], [ada]);
    assert.deepEqual(changed.conversations.get(ada)!.messageIds, [later]);
    assert.deepEqual(changed.conversations.get(ada)!.notes, []);
    for (const client of [visitor, cleoClient, owner.client]) await client.close();
  });

  it("is the owner's alone, and refuses a cursor it did not make", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const fromVisitor = await visitor.requestRaw({ action: "export", visitorId });
    assert.equal(fromVisitor.type === "error" && fromVisitor.code, "bad_request");
    const owner = await ownerClient(ctx.stack);
    for (const cursor of ["not-a-cursor", Buffer.from(JSON.stringify({ s: "open", v: visitorId, k: "1#x" })).toString("base64url")]) {
      const reply = await owner.client.request({ action: "export", token: owner.token, cursor });
      assert.equal(reply.type === "error" && reply.code, "bad_request", cursor);
    }
    const badSince = await owner.client.requestRaw({ action: "export", token: owner.token, since: -1 });
    assert.equal(badSince.type === "error" && badSince.code, "bad_request");
    for (const client of [visitor, owner.client]) await client.close();
  });
});
