import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { limits, type RepliesPush } from "#protocol";
import type { TestClient } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

/** The owner's saved replies (docs/protocol.md, `replies`, `saveReply`, `deleteReply`). */
describe("saved replies", () => {
  const ctx = useStack();

  async function stored(): Promise<string[]> {
    const owner = await ownerClient(ctx.stack);
    const { replies } = await owner.client.expectReply({ action: "replies", token: owner.token });
    await owner.client.close();
    return replies.map((reply) => reply.title);
  }

  async function clearAll() {
    const owner = await ownerClient(ctx.stack);
    const { replies } = await owner.client.expectReply({ action: "replies", token: owner.token });
    for (const reply of replies) await owner.client.expectReply({ action: "deleteReply", token: owner.token, id: reply.id });
    await owner.client.close();
  }

  it("saves a reply, changes it in place, deletes it, and shows the owner's other tabs each change", async () => {
    const owner = await ownerClient(ctx.stack);
    const otherTab = await ownerClient(ctx.stack);
    const [hours, invoice] = [randomUUID(), randomUUID()];

    await owner.client.expectReply({ action: "saveReply", token: owner.token, id: hours, title: "Hours", text: "We answer 9–17, {name}." });
    const saved = await owner.client.expectReply({
      action: "saveReply",
      token: owner.token,
      id: invoice,
      title: "  Invoice ",
      text: "Yes, {name}: by invoice over 100 €.\n",
    });
    assert.deepEqual(saved.replies, [
      { id: hours, title: "Hours", text: "We answer 9–17, {name}." },
      { id: invoice, title: "Invoice", text: "Yes, {name}: by invoice over 100 €." },
    ]);
    const pushed = (await otherTab.client.waitFor((frame) => frame.type === "replies" && frame.replies.length === 2)) as RepliesPush;
    assert.deepEqual(pushed.replies, saved.replies);
    assert.equal(
      owner.client.frames.filter((frame) => frame.type === "replies" && frame.rid === undefined).length,
      0,
      "not pushed to its own tab",
    );

    const changed = await owner.client.expectReply({
      action: "saveReply",
      token: owner.token,
      id: hours,
      title: "Hours",
      text: "We answer 8–16.",
    });
    assert.deepEqual(
      changed.replies.map((reply) => reply.text),
      ["We answer 8–16.", "Yes, {name}: by invoice over 100 €."],
      "changed in its place",
    );
    const left = await owner.client.expectReply({ action: "deleteReply", token: owner.token, id: invoice });
    assert.deepEqual(left.replies, [{ id: hours, title: "Hours", text: "We answer 8–16." }]);
    await otherTab.client.waitFor((frame) => frame.type === "replies" && frame.replies.length === 1);
    const again = await owner.client.expectReply({ action: "deleteReply", token: owner.token, id: invoice });
    assert.deepEqual(again.replies, left.replies, "deleting one already gone is no error");
    assert.deepEqual(await stored(), ["Hours"]);
    for (const client of [owner.client, otherTab.client]) await client.close();
    await clearAll();
  });

  /** Saves sent at once: two from each of four tabs, as an owner could at worst. */
  async function saveAtOnce(tabs: { client: TestClient; token: string }[], first: number) {
    return Promise.all(
      Array.from({ length: tabs.length * 2 }, (_, n) => {
        const tab = tabs[n % tabs.length]!;
        const index = first + n;
        return tab.client.request({
          action: "saveReply",
          token: tab.token,
          id: randomUUID(),
          title: `Reply ${index}`,
          text: `Text ${index}`,
        });
      }),
    );
  }

  it("keeps every one of several saves sent at once from several tabs, and no more than the cap", async () => {
    const tabs = await Promise.all([1, 2, 3, 4].map(() => ownerClient(ctx.stack)));
    const together = await saveAtOnce(tabs, 0);
    assert.deepEqual(
      together.map((answer) => answer.type),
      Array(8).fill("replies"),
      "each lands",
    );
    assert.equal((await stored()).length, 8);

    for (let index = 8; index < limits.savedRepliesMax - 4; index++)
      await tabs[0]!.client.expectReply({
        action: "saveReply",
        token: tabs[0]!.token,
        id: randomUUID(),
        title: `Reply ${index}`,
        text: "Text",
      });
    const atTheCap = await saveAtOnce(tabs, 100);
    const refused = atTheCap.filter((answer) => answer.type === "error");
    assert.deepEqual(new Set(refused.map((answer) => answer.type === "error" && answer.code)), new Set(["too_large"]));
    assert.equal(refused.length, 4, "four fit under the cap, whichever they are");
    const titles = await stored();
    assert.equal(titles.length, limits.savedRepliesMax);
    const savedTitles = atTheCap.flatMap((answer, n) => (answer.type === "replies" ? [`Reply ${100 + n}`] : []));
    assert.ok(
      savedTitles.every((title) => titles.includes(title)),
      "every save answered with the list is in it",
    );
    for (const tab of tabs) await tab.client.close();
    await clearAll();
  });

  it("answers every saved reply in one message even at their longest in the worst characters", async () => {
    const owner = await ownerClient(ctx.stack);
    // A control character is six bytes of JSON ("\u0001"), the most any character takes.
    const worst = (max: number) => `a${"\u0001".repeat(max - 1)}`;
    for (let index = 0; index < limits.savedRepliesMax; index++) {
      const title = worst(limits.savedReplyTitleMaxChars);
      await owner.client.expectReply({
        action: "saveReply",
        token: owner.token,
        id: randomUUID(),
        title,
        text: worst(limits.savedReplyTextMaxChars),
      });
    }
    const reply = await owner.client.expectReply({ action: "replies", token: owner.token });
    assert.equal(reply.replies.length, limits.savedRepliesMax);
    assert.ok(Buffer.byteLength(JSON.stringify(reply)) < 128 * 1024 - 2048, "within API Gateway's 128 KB, with room for the rid");
    await owner.client.close();
    await clearAll();
  });

  it("refuses an empty or too long reply, an id that is no UUID, and any of them from a visitor", async () => {
    const owner = await ownerClient(ctx.stack);
    const id = randomUUID();
    const blank = await owner.client.request({ action: "saveReply", token: owner.token, id, title: " \u200b ", text: "Hi" });
    assert.equal(blank.type === "error" && blank.code, "bad_request");
    const emptyText = await owner.client.request({ action: "saveReply", token: owner.token, id, title: "Hi", text: "   " });
    assert.equal(emptyText.type === "error" && emptyText.code, "bad_request");
    const long = "x".repeat(limits.savedReplyTextMaxChars + 1);
    const tooLong = await owner.client.request({ action: "saveReply", token: owner.token, id, title: "Hi", text: long });
    assert.equal(tooLong.type === "error" && tooLong.code, "too_large");
    const badId = await owner.client.requestRaw({ action: "saveReply", token: owner.token, id: "1", title: "Hi", text: "Hi" });
    assert.equal(badId.type === "error" && badId.code, "bad_request");
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    for (const action of ["replies", "saveReply", "deleteReply"]) {
      const fromVisitor = await visitor.requestRaw({ action, visitorId, id, title: "Mine", text: "Mine" });
      assert.equal(fromVisitor.type === "error" && fromVisitor.code, "bad_request", action);
    }
    const forged = await owner.client.requestRaw({ action: "saveReply", token: "not-a-token", id, title: "Hi", text: "Hi" });
    assert.equal(forged.type === "error" && forged.code, "unauthorized");
    assert.deepEqual(await stored(), [], "nothing was saved");
    for (const client of [visitor, owner.client]) await client.close();
  });
});
