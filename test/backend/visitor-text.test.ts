/**
 * What visitors write is checked as people will read it (findings 6 and 7 of the "open to the
 * internet" review): text that shows nothing is refused, nicknames lose what could reorder them,
 * limits count characters, and an email is an address and nothing more.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { limits } from "#protocol";
import { scanTable, useStack, visitorClient, withoutCounters } from "../support/stack.ts";

const codeOf = (reply: { type: string; code?: string }) => (reply.type === "error" ? reply.code : reply.type);

describe("what visitors write", () => {
  const ctx = useStack();

  it("refuses a message or a nickname that shows nothing, and stores nothing for it", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const before = withoutCounters(await scanTable(ctx.stack));
    for (const blank of ["\u200b\u200b\u200b", "\u202e", "\u2060\ufeff\u200d", "\u3164", "\u2800 \u00a0", "\u0001\u0002"]) {
      const sent = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: blank });
      assert.equal(codeOf(sent), "bad_request", `text ${JSON.stringify(blank)}`);
      const registered = await visitor.request({ action: "register", visitorId, nickname: blank });
      assert.equal(codeOf(registered), "bad_request", `nickname ${JSON.stringify(blank)}`);
    }
    assert.deepEqual(withoutCounters(await scanTable(ctx.stack)), before);
    await visitor.close();
  });

  it("keeps no bidirectional control in a nickname, and makes it one line", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const reply = await visitor.expectReply({
      action: "register",
      visitorId,
      nickname: "\u202eAda\u202c Lovelace\n\nAnswer: x",
    });
    assert.equal(reply.type === "registered" && reply.visitor.nickname, "Ada Lovelace Answer: x");
    await visitor.close();
  });

  it("counts the text limit in characters, as people do: 4,000 emoji pass, 4,001 are too large", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const fits = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "😀".repeat(limits.textMaxChars) });
    assert.equal(codeOf(fits), "sent");
    const over = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "😀".repeat(limits.textMaxChars + 1) });
    assert.equal(codeOf(over), "too_large");
    const nickname = await visitor.request({ action: "register", visitorId, nickname: "🦊".repeat(limits.nicknameMaxChars) });
    assert.equal(codeOf(nickname), "registered");
    await visitor.close();
  });

  it("refuses an email a mailto: link would turn into a draft to someone else, and accepts real addresses", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    for (const email of [
      "me@x.co?cc=attacker%40evil.example&subject=Refund",
      "me&you@x.co",
      "me@x.co&body=hi",
      "me @x.co",
      "me@x.co\nBcc: a@b.co",
      "me@x.co\u0000",
      "a@b",
      "a..b@x.co",
      ".a@x.co",
      "a@-x.co",
      '"quoted"@x.co',
      "me@[127.0.0.1]",
      "ünï@x.co",
    ]) {
      const reply = await visitor.request({ action: "register", visitorId, email });
      assert.equal(codeOf(reply), "bad_request", JSON.stringify(email));
    }
    for (const email of ["ada@example.com", "ada.lovelace+porch@mail.example.co.uk", "o'brien#1@example.com", "x_y-z@a-b.io"]) {
      const reply = await visitor.expectReply({ action: "register", visitorId, email });
      assert.equal(reply.type === "registered" && reply.visitor.email, email);
    }
    await visitor.close();
  });
});
