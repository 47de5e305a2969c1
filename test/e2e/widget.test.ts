/**
 * The widget end to end: the demo blog page in system Chromium on one origin, the built
 * dist/porch.js and the WebSocket on the local stack's (gateway emulator + handlers + dynalite, in
 * memory), as on a real site; the owner speaks raw protocol.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startDemoSite } from "../../backend/local/demo-site.ts";
import type { StaticServer } from "../../backend/local/static.ts";
import type { HistoryReply, MessagePush } from "../../protocol/index.ts";
import { buildAndLaunch, collectProblems } from "../support/browser.ts";
import type { TestClient } from "../support/client.ts";
import { startPlainHost, useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";

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

  const launcher = (page: Page) => page.locator("porch-launcher button");
  const input = (page: Page) => page.getByRole("textbox", { name: "Message" });
  const bubble = (page: Page, text: string) => page.locator(`[part~="message"]`, { hasText: text });
  const visitorIdOf = (page: Page) => page.evaluate(() => localStorage.getItem("porch:visitorId"));

  async function say(page: Page, text: string) {
    await input(page).fill(text);
    await input(page).press("Enter");
  }

  /** The owner answers a visitor through the protocol, as the inbox will. */
  async function ownerReplies(visitorId: string, text: string) {
    const reply = await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    assert.equal(reply.type, "sent");
  }

  async function storedTexts(visitorId: string): Promise<string[]> {
    const history = await owner.client.request<HistoryReply>({ action: "list", token: owner.token, visitorId });
    return history.messages.map((m) => m.text);
  }

  it("delivers a visitor's message to the owner and shows the owner's reply; a reload shows the history", async () => {
    const page = await visit();
    await launcher(page).click();
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
    await launcher(page).click();
    await say(page, "before the drop");
    await bubble(page, "before the drop").locator("xpath=..").getByText("Sent").waitFor();
    const visitorId = (await visitorIdOf(page))!;

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
    await launcher(first).click();
    await say(first, "I have two tabs open");
    await bubble(first, "I have two tabs open").locator("xpath=..").getByText("Sent").waitFor();
    const visitorId = (await visitorIdOf(first))!;

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
