import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ConversationSummary } from "#protocol";
import { limits } from "#protocol";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const post = { url: "https://crumb.example/posts/sourdough-at-altitude", title: "Sourdough at altitude" };
/** The post as a visitor's `send` says it. */
const fromPost = { page: post.url, pageTitle: post.title };
const locale = { language: "de-CH", timeZone: "Europe/Zurich" };

describe("page context: which page a visitor writes from, and where they are", () => {
  const ctx = useStack();

  async function rowOf(owner: { client: import("../support/client.ts").TestClient; token: string }, visitorId: string) {
    const inbox = await owner.client.expectReply({ action: "inbox", token: owner.token });
    return inbox.conversations.find((row) => row.visitorId === visitorId) as ConversationSummary;
  }

  it("carries the page to the owner's push, the sent reply, the owner's history and the inbox row", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    const id = randomUUID();
    const sent = await visitor.expectReply({
      action: "send",
      visitorId,
      id,
      text: "At 1,600 m?",
      ...fromPost,
      referrer: "https://search.example/",
      locale,
    });
    assert.deepEqual(sent.message.page, post, "the message keeps the page's URL and title (the referrer is the visitor's)");
    const push = await owner.client.waitForPush(id);
    assert.deepEqual(push.message.page, post);
    assert.deepEqual(
      {
        lastPage: push.conversation!.lastPage,
        referrer: push.conversation!.referrer,
        language: push.conversation!.language,
        timeZone: push.conversation!.timeZone,
      },
      { lastPage: post, referrer: "https://search.example/", ...locale },
    );
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.deepEqual(history.messages.at(-1)?.page, post, "the owner's history says it after a reload");
    assert.deepEqual((await rowOf(owner, visitorId)).lastPage, post);
    await Promise.all([visitor.close(), owner.client.close()]);
  });

  /** A visitor who wrote from the post (arriving from another site), and the owner. */
  async function fromThePost() {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    await visitor.request({
      action: "send",
      visitorId,
      id: randomUUID(),
      text: "first",
      ...fromPost,
      referrer: "https://a.example/",
      locale,
    });
    return { visitorId, visitor, owner };
  }

  it("keeps the last page, referrer and locale when a message says none, and takes a new page when it does", async () => {
    const { visitorId, visitor, owner } = await fromThePost();
    const bare = await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "no page said" });
    assert.equal(bare.message.page, undefined);
    let row = await rowOf(owner, visitorId);
    assert.deepEqual([row.lastPage, row.referrer, row.language, row.timeZone], [post, "https://a.example/", "de-CH", "Europe/Zurich"]);
    const other = { url: "https://crumb.example/posts/rye" };
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "on another page", page: other.url, pageTitle: " " });
    row = await rowOf(owner, visitorId);
    assert.deepEqual(row.lastPage, other, "a blank title is no title");
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.page?.url ?? null),
      [post.url, null, other.url],
    );
    await Promise.all([visitor.close(), owner.client.close()]);
  });

  it("takes a page title as one line without bidi controls, and one that shows nothing as no title", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const titled = async (pageTitle: string) =>
      (await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "hi", page: post.url, pageTitle })).message.page;
    assert.deepEqual(await titled("Sourdough\u202E at\nalt\u2066itude\u2069 "), { url: post.url, title: "Sourdough at altitude" });
    assert.deepEqual(await titled("\u200B\u202E\u2060"), { url: post.url }, "only invisible characters: no title");
    await visitor.close();
  });

  it("keeps the page of a message's first copy when it is sent again", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const id = randomUUID();
    await visitor.request({ action: "send", visitorId, id, text: "twice", ...fromPost });
    const again = await visitor.expectReply({
      action: "send",
      visitorId,
      id,
      text: "twice",
      page: "https://crumb.example/elsewhere",
    });
    assert.deepEqual(again.message.page, post);
    await visitor.close();
  });

  it("refuses a page that is not an http(s) URL, or too long, and a malformed locale, storing nothing", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const refusals: [Record<string, unknown>, string][] = [
      [{ page: "javascript:alert(document.cookie)" }, "bad_request"],
      [{ page: "data:text/html,<script>alert(1)</script>" }, "bad_request"],
      [{ page: "/posts/relative" }, "bad_request"],
      // A right-to-left override would make the inbox's link text read as another address.
      [{ page: "https://crumb.example/\u202Egpj.exe" }, "bad_request"],
      [{ page: "https://crumb.example/", referrer: "https://a.example/\u2066x" }, "bad_request"],
      [{ page: "https://crumb.example/", referrer: "javascript:void(0)" }, "bad_request"],
      [{ page: { url: "https://crumb.example/" } }, "bad_request"],
      [{ pageTitle: 42 }, "bad_request"],
      [{ page: `https://crumb.example/${"a".repeat(limits.pageUrlMaxChars)}` }, "too_large"],
      [{ page: "https://crumb.example/", pageTitle: "t".repeat(limits.pageTitleMaxChars + 1) }, "too_large"],
      [{ locale: { language: "<script>" } }, "bad_request"],
      [{ locale: { timeZone: "Europe/Zurich; DROP TABLE" } }, "bad_request"],
      [{ locale: "de-CH" }, "bad_request"],
      [{ locale: { language: "x".repeat(limits.languageMaxChars + 1) } }, "too_large"],
    ];
    for (const [fields, code] of refusals) {
      const reply = await visitor.requestRaw({ action: "send", visitorId, id: randomUUID(), text: "hi", ...fields });
      assert.equal(reply.type === "error" && reply.code, code, JSON.stringify(fields).slice(0, 120));
    }
    const stored = (await scanTable(ctx.stack)).filter((item) => item.visitorId === visitorId && typeof item.text === "string");
    assert.deepEqual(stored, []);
    await visitor.close();
  });

  it("forgets where the visitor was when the owner deletes the conversation", async () => {
    const { visitorId, visitor, owner } = await fromThePost();
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "starting over" });
    const row = await rowOf(owner, visitorId);
    assert.deepEqual([row.lastPage, row.referrer, row.language, row.timeZone], [null, null, null, null]);
    await Promise.all([visitor.close(), owner.client.close()]);
  });
});
