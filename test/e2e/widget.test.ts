/**
 * The widget end to end: the demo blog page in system Chromium on one origin, the built
 * dist/porch.js and the WebSocket on the local stack's (gateway emulator + handlers + dynalite, in
 * memory), as on a real site; the owner speaks raw protocol.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import type { StaticServer } from "#backend/local/static.ts";
import type { MessagePush, TypingPush } from "#protocol";
import { findings, looks } from "../support/audit.ts";
import { buildAndLaunch, collectProblems, useBrowser } from "../support/browser.ts";
import type { TestClient } from "../support/client.ts";
import { startPlainHost, useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { bubble, input, launcher, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

describe("the widget on the demo page, against the local stack", () => {
  const ctx = useStack();
  const blog = useDemoSite(ctx);
  let browser: Browser;
  let owner: { client: TestClient; token: string };

  before(async () => {
    browser = await buildAndLaunch();
  });
  before(async () => {
    owner = await ownerClient(ctx.stack);
  });
  /** Script errors on any page. */
  const pageProblems: string[] = [];
  afterEach(() => assert.deepEqual(pageProblems.splice(0), [], "the page logged errors"));
  after(async () => {
    await owner?.client.close();
    await browser?.close();
  });

  /** A fresh visitor: their own browser profile (storage), on the demo blog. */
  async function visit(context?: BrowserContext): Promise<Page> {
    const page = collectProblems(await (context ?? (await browser.newContext())).newPage(), pageProblems);
    await page.goto(blog.site.url);
    return page;
  }

  it("loads from the Porch site's origin, not the blog's", async () => {
    const page = await visit();
    await launcher(page).waitFor();
    const origins = await page.evaluate(() => ({
      page: location.origin,
      scripts: performance
        .getEntriesByType("resource")
        .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
        .map((entry) => new URL(entry.name).origin),
    }));
    const porchOrigin = new URL(ctx.stack.url).origin;
    assert.notEqual(origins.page, porchOrigin);
    assert.deepEqual([...new Set(origins.scripts)], [porchOrigin]);
    assert.equal(await page.locator("porch-chat").getAttribute("endpoint"), ctx.stack.socketUrl);
    await page.close();
  });

  /** The owner answers a visitor through the protocol, as the inbox will. */
  async function ownerReplies(visitorId: string, text: string) {
    const reply = await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    assert.equal(reply.type, "sent");
  }

  async function storedTexts(visitorId: string): Promise<string[]> {
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    return history.messages.map((m) => m.text);
  }

  it("delivers a visitor's message to the owner and shows the owner's reply; a reload shows the history", async () => {
    const page = await visit();
    await openChat(page);
    await say(page, "Does this work at 2,000 m too?");
    const push = (await owner.client.waitFor(
      (f) => f.type === "message" && f.message.text === "Does this work at 2,000 m too?",
    )) as MessagePush;
    const visitorId = push.message.visitorId;
    assert.equal(visitorId, await visitorIdOf(page));
    await bubble(page, "Does this work at 2,000 m too?").locator("xpath=..").getByText("Sent").waitFor();

    await ownerReplies(visitorId, "Yes, with an even shorter proof.");
    await bubble(page, "Yes, with an even shorter proof.").waitFor();

    await page.reload();
    await launcher(page).click();
    await bubble(page, "Does this work at 2,000 m too?").waitFor();
    await bubble(page, "Yes, with an even shorter proof.").waitFor();
    assert.equal(await bubble(page, "Yes, with an even shorter proof.").count(), 1);
    await page.close();
  });

  it("queues messages typed while the connection is down and delivers each exactly once", async () => {
    const context = await browser.newContext();
    const page = await visit(context);
    await openChat(page);
    await say(page, "before the drop");
    await bubble(page, "before the drop").locator("xpath=..").getByText("Sent").waitFor();
    const visitorId = await visitorIdOf(page);

    // The network goes away: no new connection can open, and the gateway drops the open one.
    await context.setOffline(true);
    for (const connectionId of ctx.stack.gateway.connectionIds()) {
      await fetch(`${ctx.stack.managementEndpoint}/@connections/${connectionId}`, { method: "DELETE" });
    }
    await owner.client.close();
    owner = await ownerClient(ctx.stack);
    await page.getByText("Connection lost. Reconnecting…").waitFor();
    await say(page, "typed offline, one");
    await say(page, "typed offline, two");
    await page.getByText("Will send when reconnected").first().waitFor();

    await context.setOffline(false);
    await bubble(page, "typed offline, two").locator("xpath=..").getByText("Sent").waitFor({ timeout: 15_000 });
    await bubble(page, "typed offline, one").locator("xpath=..").getByText("Sent").waitFor();
    assert.deepEqual(await storedTexts(visitorId), ["before the drop", "typed offline, one", "typed offline, two"]);
    assert.equal(await bubble(page, "typed offline, one").count(), 1);
    await context.close();
  });

  it("shows an owner reply in every tab of the visitor", async () => {
    const context = await browser.newContext();
    const first = await visit(context);
    await openChat(first);
    await say(first, "I have two tabs open");
    await bubble(first, "I have two tabs open").locator("xpath=..").getByText("Sent").waitFor();
    const visitorId = await visitorIdOf(first);

    const second = await visit(context);
    await ownerReplies(visitorId, "Both tabs should see this.");
    await bubble(first, "Both tabs should see this.").waitFor();
    await launcher(second).click();
    await bubble(second, "Both tabs should see this.").waitFor();
    await bubble(second, "I have two tabs open").waitFor();

    // Both tabs are live now: the next reply is pushed to each of them.
    await ownerReplies(visitorId, "And this one arrives live.");
    await bubble(first, "And this one arrives live.").waitFor();
    await bubble(second, "And this one arrives live.").waitFor();
    await context.close();
  });
});

describe("two people, live, on the demo blog", () => {
  // A second's grace after the owner's last connection closes, instead of 15.
  const ctx = useStack({
    ownerAwayGraceS: 1,
    ownerProfile: { name: "Marta Lindqvist", replyTime: "Usually replies within a few hours" },
  });
  const blog = useDemoSite(ctx);
  const chromium = useBrowser();

  async function visit(options: Parameters<Browser["newContext"]>[0] = {}, path = ""): Promise<Page> {
    const page = collectProblems(await (await chromium.browser.newContext(options)).newPage(), chromium.problems);
    await page.goto(`${blog.site.url}${path}`);
    return page;
  }
  const header = (page: Page) => page.locator("porch-panel header");

  it("names the owner in the header and follows them coming and going within a few seconds", async () => {
    const page = await visit();
    await openChat(page);
    await header(page).getByRole("heading", { name: "Marta Lindqvist" }).waitFor();
    await header(page).getByText("Away").waitFor();
    await header(page).getByText("Usually replies within a few hours").waitFor();
    await page.getByText("I'm away right now").waitFor();

    const owner = await ownerClient(ctx.stack);
    await header(page).getByText("Online").waitFor({ timeout: 5000 });
    await page.getByText("I'm away right now").waitFor({ state: "detached" });
    assert.equal(await header(page).getByText("Usually replies within a few hours").count(), 0);

    await owner.client.close();
    await header(page)
      .getByText(/Last seen/)
      .waitFor({ timeout: 5000 });
    await page.getByText("I'm away right now").waitFor();
    await page.context().close();
  });

  it("shows typing both ways and Seen under the message the owner read, live and after a reload", async () => {
    const page = await visit();
    await openChat(page);
    await say(page, "Is the rye sour ready after six hours?");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    const visitorId = await visitorIdOf(page);
    const owner = await ownerClient(ctx.stack);

    await owner.client.request({ action: "typing", token: owner.token, visitorId });
    await page.getByText("Marta Lindqvist is typing…").waitFor();
    await input(page).fill("And at 1,400 m?");
    const typing = (await owner.client.waitFor((frame) => frame.type === "typing" && !("rid" in frame))) as TypingPush;
    assert.deepEqual(typing, { type: "typing", visitorId, from: "visitor" });
    await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "Yes, at its peak." });
    await page.getByText("Marta Lindqvist is typing…").waitFor({ state: "detached" });

    const mine = bubble(page, "Is the rye sour ready").locator("xpath=..");
    await mine.getByText("Sent").waitFor();
    await owner.client.request({ action: "read", token: owner.token, visitorId });
    await mine.getByText("Seen").waitFor();
    await page.reload();
    await launcher(page).click();
    await bubble(page, "Is the rye sour ready").locator("xpath=..").getByText("Seen").waitFor();
    // Reopened after the reload, the panel shows the newest message, not a part of it.
    const newest = await bubble(page, "Yes, at its peak.").locator("xpath=..").boundingBox();
    const list = await page.locator("porch-message-list").boundingBox();
    assert.ok(newest && list && newest.y + newest.height <= list.y + list.height + 0.5, JSON.stringify({ newest, list }));
    await owner.client.close();
    await page.context().close();
  });

  it("tells the owner which post each message was written on, without its query string", async () => {
    const page = await visit({}, "?utm_source=newsletter#comments");
    await openChat(page);
    await say(page, "A question about the sourdough");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    await page.getByRole("link", { name: "the first results" }).click();
    await page.waitForURL(/rye\.html$/);
    await launcher(page).click();
    await say(page, "And one about the rye");
    await page.locator("li.mine", { hasText: "And one about the rye" }).getByText("Sent").waitFor();
    const owner = await ownerClient(ctx.stack);
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId: await visitorIdOf(page) });
    assert.deepEqual(
      history.messages.map((message) => message.page),
      [
        { url: blog.site.url, title: "Sourdough at altitude: what changed when I moved to the mountains — Crumb & Crust" },
        { url: `${blog.site.url}rye.html`, title: "Rye at altitude: a dense loaf, on purpose — Crumb & Crust" },
      ],
    );
    await owner.client.close();
    await page.context().close();
  });

  it("passes axe-core with no serious violation, no target under 24 px and no faint control, in every state, light and dark", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      const page = await visit(look.options);
      await launcher(page).waitFor();
      problems.push(...(await findings(page, `closed, ${look.name}`)));
      await launcher(page).click();
      await page.locator("porch-intro").waitFor();
      problems.push(...(await findings(page, `the intro, ${look.name}`)));
      await page.getByRole("button", { name: "Skip" }).click();
      await say(page, "Hello Marta, a question about https://example.com/rye");
      await page.locator("li.mine", { hasText: "Sent" }).waitFor();
      problems.push(...(await findings(page, `a conversation, ${look.name}`)));
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});

describe("the widget on a page of another origin, without the CORS header", () => {
  const ctx = useStack();
  let browser: Browser;
  let plain: StaticServer;
  const blogs: StaticServer[] = [];

  before(async () => {
    browser = await buildAndLaunch();
    plain = await startPlainHost();
  });
  after(async () => {
    await Promise.all(blogs.map((blog) => blog.close()));
    await plain?.close();
    await browser?.close();
  });

  /** The demo blog, its embed pointing at porch.js on `scriptOrigin`; what the page logged. */
  async function embedFrom(scriptOrigin: string) {
    const blog = await startDemoSite({ scriptUrl: `${scriptOrigin}porch.js`, endpoint: ctx.stack.socketUrl });
    blogs.push(blog);
    const problems: string[] = [];
    const page = collectProblems(await browser.newPage(), problems);
    await page.goto(blog.url, { waitUntil: "networkidle" });
    const defined = await page.evaluate(() => customElements.get("porch-chat") !== undefined);
    await page.close();
    return { defined, problems };
  }

  it("does not run when porch.js comes without Access-Control-Allow-Origin, and runs with it", async () => {
    // The same dist/ files, the same page, the same socket: only the host of porch.js differs.
    const withoutHeader = await embedFrom(plain.url);
    assert.equal(withoutHeader.defined, false, "the widget ran without the CORS header");
    assert.ok(
      withoutHeader.problems.some((problem) => /blocked by CORS policy.*Access-Control-Allow-Origin/.test(problem)),
      `Chromium did not say why: ${JSON.stringify(withoutHeader.problems)}`,
    );

    const withHeader = await embedFrom(ctx.stack.url);
    assert.equal(withHeader.defined, true, "the widget did not run from the Porch site");
    assert.deepEqual(withHeader.problems, []);
  });
});
