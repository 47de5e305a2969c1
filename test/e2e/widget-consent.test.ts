/**
 * A consent-first site, end to end: the demo blog with `data-consent` and `data-privacy-url` on
 * its embed, on another origin than the Porch site's, in system Chromium against the local stack.
 * Before Accept nothing is stored on either origin (localStorage, sessionStorage, cookies,
 * IndexedDB) and no WebSocket is created; after it the chat works and a reload remembers.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import type { StaticServer } from "#backend/local/static.ts";
import type { MessagePush } from "#protocol";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { bubble, launcher, say } from "../support/visitor-page.ts";

const notice = (page: Page) => page.getByRole("dialog", { name: "Before you chat" });

describe("the widget on a consent-first site", () => {
  const ctx = useStack();
  const chromium = useBrowser();
  let blog: StaticServer;

  before(async () => {
    blog = await startDemoSite({
      scriptUrl: `${ctx.stack.url}porch.js`,
      endpoint: ctx.stack.socketUrl,
      dataset: { consent: "", "privacy-url": "/privacy.html" },
    });
  });
  after(async () => {
    await blog?.close();
  });

  /** A fresh visitor on the blog, and the WebSockets their page creates. */
  async function visit(options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ page: Page; sockets: string[] }> {
    const context = await chromium.browser.newContext(options);
    const page = collectProblems(await context.newPage(), chromium.problems);
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(socket.url()));
    await page.goto(blog.url);
    await launcher(page).waitFor();
    return { page, sockets };
  }

  /**
   * Everything stored in the visitor's browser: every origin's cookies, localStorage and
   * IndexedDB in the context, and each origin's own view (sessionStorage included) from a page on
   * the blog and one on the Porch site.
   */
  async function storedAnywhere(page: Page) {
    const state = await page.context().storageState({ indexedDB: true });
    const porch = await page.context().newPage();
    await porch.goto(`${ctx.stack.url}porch.js`);
    const [onBlog, onPorch] = await Promise.all([page, porch].map(storedInPage));
    await porch.close();
    return { context: { cookies: state.cookies.length, origins: state.origins.length }, blog: onBlog, porch: onPorch };
  }
  /** What a page's own origin holds, as its scripts see it. */
  function storedInPage(page: Page) {
    return page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookies: document.cookie,
      indexedDB: (await indexedDB.databases()).length,
    }));
  }
  const nothing = { localStorage: 0, sessionStorage: 0, cookies: "", indexedDB: 0 };
  const nothingAnywhere = { context: { cookies: 0, origins: 0 }, blog: nothing, porch: nothing };

  it("stores nothing on either origin and opens no WebSocket before Accept; then the chat works and a reload remembers", async () => {
    const { page, sockets } = await visit();
    await launcher(page).hover();
    await launcher(page).click();
    await notice(page).waitFor();
    const link = notice(page).getByRole("link", { name: "Privacy notice" });
    assert.equal(await link.getAttribute("href"), "/privacy.html");
    await page.waitForTimeout(500);
    assert.deepEqual(await storedAnywhere(page), nothingAnywhere);
    assert.deepEqual(sockets, []);

    await notice(page).getByRole("button", { name: "Accept" }).click();
    await page.locator("porch-intro").waitFor();
    await page.getByRole("button", { name: "Skip" }).click();
    const owner = await ownerClient(ctx.stack);
    await say(page, "Asked first, then written");
    await owner.client.waitFor((frame) => frame.type === "message" && (frame as MessagePush).message.text === "Asked first, then written");
    await bubble(page, "Asked first, then written").locator("xpath=..").getByText("Sent").waitFor();
    assert.deepEqual(sockets, [ctx.stack.socketUrl]);
    assert.equal(await page.evaluate(() => localStorage.getItem("porch:consent")), "1");

    await page.reload();
    await launcher(page).click();
    await bubble(page, "Asked first, then written").waitFor();
    assert.equal(await notice(page).count(), 0);
    await owner.client.close();
    await page.context().close();
  });

  it("closes to the launcher on Not now, writing nothing, and asks again on the next click", async () => {
    const { page, sockets } = await visit();
    await launcher(page).click();
    await notice(page).getByRole("button", { name: "Not now" }).click();
    await notice(page).waitFor({ state: "detached" });
    assert.equal(await launcher(page).getAttribute("aria-expanded"), "false");
    await launcher(page).click();
    await notice(page).waitFor();
    await page.keyboard.press("Escape");
    await notice(page).waitFor({ state: "detached" });
    await page.waitForTimeout(500);
    assert.deepEqual(await storedAnywhere(page), nothingAnywhere);
    assert.deepEqual(sockets, []);
    await page.context().close();
  });

  it("passes axe-core with the notice shown, light and dark, desktop and phone, left to right and right to left", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      for (const dir of ["ltr", "rtl"]) {
        const { page } = await visit(look.options);
        await page.evaluate((dir) => (document.documentElement.dir = dir), dir);
        await launcher(page).click();
        await notice(page).waitFor();
        problems.push(...(await findings(page, `the consent notice, ${look.name}, ${dir}`)));
        await page.context().close();
      }
    }
    assert.deepEqual(problems, []);
  });
});
