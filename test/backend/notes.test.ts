import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { limits, type NotePush } from "#protocol";
import { keys } from "#backend/store/keys.ts";
import { sleep, type TestClient } from "../support/client.ts";
import { confirmAddress, emailsTo, isConfirmationEmail } from "../support/emails.ts";
import type { Frame } from "../support/protocol-client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

type Owner = { client: TestClient; token: string };
const delayS = 1;

/** The owner's private notes (docs/protocol.md, `note`): the owner's alone, never the visitor's. */
describe("private notes", () => {
  const ctx = useStack({ email: { siteUrl: "https://blog.example/", siteName: "Blog", delayS } });

  const noteText = (frame: Frame) => JSON.stringify(frame).includes("PRIVATE");

  async function allNotes(owner: Owner, visitorId: string): Promise<string[]> {
    const texts: string[] = [];
    let before: string | undefined;
    do {
      const page = await owner.client.expectReply({ action: "notes", token: owner.token, visitorId, ...(before ? { before } : {}) });
      texts.unshift(...page.notes.map((note) => note.text));
      before = page.cursor ?? undefined;
    } while (before);
    return texts;
  }

  it("keeps a note for the owner's tabs and never lets it reach the visitor: no push, not in list, not in a reply email", async () => {
    const visitorId = randomUUID();
    const address = `v-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Can I pay by invoice?" });
    await confirmAddress(ctx.stack, address); // only a confirmed address is emailed replies
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const pongBefore = await visitor.expectReply({ action: "ping", visitorId });

    await owner.client.expectReply({
      action: "send",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "Yes, for orders over 100 €.",
    });
    const id = randomUUID();
    const noted = await owner.client.expectReply({
      action: "note",
      token: owner.token,
      visitorId,
      id,
      text: "PRIVATE: a regular, be kind",
    });
    assert.deepEqual({ ...noted.note, writtenAt: 0 }, { id, visitorId, text: "PRIVATE: a regular, be kind", writtenAt: 0 });
    const pushed = (await otherTab.client.waitFor((frame) => frame.type === "note" && frame.note.id === id)) as NotePush;
    assert.equal(pushed.note.text, "PRIVATE: a regular, be kind");
    assert.deepEqual(await allNotes(owner, visitorId), ["PRIVATE: a regular, be kind"]);

    // The visitor's side: nothing pushed, nothing listed, nothing in the watermark, nothing emailed.
    await visitor.close();
    await sleep(delayS * 1000 + 1500);
    assert.equal(visitor.frames.filter(noteText).length, 0, "no frame of the visitor's carries the note");
    const again = await visitorClient(ctx.stack, visitorId);
    const list = await again.expectReply({ action: "list", visitorId, limit: 100 });
    assert.deepEqual(
      list.messages.map((message) => message.text),
      ["Can I pay by invoice?", "Yes, for orders over 100 €."],
    );
    const ownerList = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.equal(ownerList.messages.filter((message) => message.text.includes("PRIVATE")).length, 0, "not in the owner's list either");
    const pong = await again.expectReply({ action: "ping", visitorId });
    assert.notEqual(pong.latest?.id, id);
    assert.equal(pong.latest?.sentAt !== undefined && pong.latest.sentAt >= (pongBefore.latest?.sentAt ?? 0), true);
    const emails = (await emailsTo(ctx.stack, address)).filter((email) => !isConfirmationEmail(email));
    assert.equal(emails.length, 1, "the reply was emailed");
    assert.ok(emails[0]!.Body.text_part!.includes("Yes, for orders over 100 €."));
    assert.ok(!JSON.stringify(emails[0]).includes("PRIVATE"), "the note is not in it");
    for (const client of [again, owner.client, otherTab.client]) await client.close();
  });

  it("stores a note once per id, however many tabs send it at once", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hi" });
    const owners = [await ownerClient(ctx.stack), await ownerClient(ctx.stack)];
    const id = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        owners[n % 2]!.client.expectReply({ action: "note", token: owners[n % 2]!.token, visitorId, id, text: `PRIVATE try ${n}` }),
      ),
    );
    assert.equal(
      new Set(replies.map((reply) => `${reply.note.text}@${reply.note.writtenAt}`)).size,
      1,
      "every copy answers the stored one",
    );
    assert.equal((await allNotes(owners[0]!, visitorId)).length, 1);
    for (const client of [visitor, ...owners.map((owner) => owner.client)]) await client.close();
  });

  it("pages many notes within a reply, and erases them with the conversation", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hello" });
    const owner = await ownerClient(ctx.stack);
    const long = "\u0001".repeat(limits.textMaxChars - 10); // six bytes each as JSON: 24 KB a note
    const written: string[] = [];
    for (let n = 0; n < 60; n++) {
      const text = n % 10 === 0 ? `${n} ${long}` : `note ${n}`;
      written.push(text);
      await owner.client.expectReply({ action: "note", token: owner.token, visitorId, id: randomUUID(), text });
    }
    assert.deepEqual(await allNotes(owner, visitorId), written, "every note once, in order, each page under 128 KB");

    assert.equal((await owner.client.request({ action: "delete", token: owner.token, visitorId }, 20_000)).type, "deleted");
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 1000 });
    const left = (await scanTable(ctx.stack)).filter(
      (item) => item.pk === keys.conversationPk(visitorId) && keys.isNoteSk(String(item.sk)),
    );
    assert.deepEqual(left, [], "the sweep erased the notes");
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "back again" });
    assert.deepEqual(await allNotes(owner, visitorId), [], "a new conversation starts without them");
    for (const client of [visitor, owner.client]) await client.close();
  });

  it("refuses a note to no conversation, an empty or too long one, and any from a visitor", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const none = await owner.client.request({ action: "note", token: owner.token, visitorId, id: randomUUID(), text: "PRIVATE" });
    assert.equal(none.type === "error" && none.code, "not_found");
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "hi" });
    const blank = await owner.client.request({ action: "note", token: owner.token, visitorId, id: randomUUID(), text: " \u200b " });
    assert.equal(blank.type === "error" && blank.code, "bad_request");
    const tooLong = await owner.client.request({
      action: "note",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "x".repeat(limits.textMaxChars + 1),
    });
    assert.equal(tooLong.type === "error" && tooLong.code, "too_large");
    for (const action of ["note", "notes"]) {
      const fromVisitor = await visitor.requestRaw({ action, visitorId, id: randomUUID(), text: "PRIVATE by the visitor" });
      assert.equal(fromVisitor.type === "error" && fromVisitor.code, "bad_request", action);
    }
    const badCursor = await owner.client.request({ action: "notes", token: owner.token, visitorId, before: "not-a-cursor" });
    assert.equal(badCursor.type === "error" && badCursor.code, "bad_request");
    assert.deepEqual(await allNotes(owner, visitorId), []);
    for (const client of [visitor, owner.client]) await client.close();
  });
});
