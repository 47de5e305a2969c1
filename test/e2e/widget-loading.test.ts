/**
 * How the widget loads, end to end: the built porch.js (the loader) and its chunk from the local
 * stack's origin, on the demo blog's (another origin, with a strict CSP), in system Chromium. What a
 * page load downloads without any interaction, what intent adds, that the launcher neither moves
 * nor changes when the chunk arrives, and what a second porch.js or a deploy under an open page do.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page, Request } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import { repoRoot } from "#backend/local/stack.ts";
import { startStaticServer, type StaticServer } from "#backend/local/static.ts";
import { siteHeaders, siteResponseHeaders } from "#infra/hosting.ts";
import { buildAndLaunch, collectProblems, useBrowser } from "../support/browser.ts";
import { useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { launcher, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

/**
 * Records the page's layout shifts from its first paint, as Cumulative Layout Shift counts them:
 * not those within half a second of the visitor's own input (the panel growing out of the corner
 * on a click is the answer to it). Read with `layoutShifts`.
 */
async function observeLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Object.assign(window, { porchLayoutShifts: shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}
const layoutShifts = (page: Page) => page.evaluate(() => (window as unknown as { porchLayoutShifts: number[] }).porchLayoutShifts);

describe("how the widget loads on the demo blog", () => {
  const ctx = useStack();
  const blog = useDemoSite(ctx);
  const chromium = useBrowser();

  /** The Porch site's scripts a page requests, in order, with the request itself. */
  function porchScripts(page: Page): { path: string; request: Request }[] {
    const seen: { path: string; request: Request }[] = [];
    const porchOrigin = new URL(ctx.stack.url).origin;
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (request.resourceType() === "script" && url.origin === porchOrigin) seen.push({ path: url.pathname, request });
    });
    return seen;
  }

  async function launcherShot(page: Page): Promise<Buffer> {
    const box = (await launcher(page).boundingBox())!;
    return page.screenshot({ clip: { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 } });
  }

  it("downloads only porch.js until intent, then the chunk once, in CORS mode with the site's headers, with no shift or change of the launcher", async () => {
    const context = await chromium.browser.newContext({ reducedMotion: "reduce" });
    const page = collectProblems(await context.newPage(), chromium.problems);
    await observeLayoutShifts(page);
    const scripts = porchScripts(page);
    await page.goto(blog.site.url, { waitUntil: "networkidle" });
    await launcher(page).waitFor();
    // Idle time after the load: still nothing more.
    await page.waitForTimeout(1500);
    assert.deepEqual(
      scripts.map((script) => script.path),
      ["/porch.js"],
    );
    assert.equal(await page.evaluate(() => customElements.get("porch-visitor-chat")), undefined);
    const before = await launcherShot(page);
    const box = (await launcher(page).boundingBox())!;

    await launcher(page).hover();
    await page.waitForFunction(() => customElements.get("porch-visitor-chat") !== undefined);
    await page.waitForLoadState("networkidle");
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    assert.equal(scripts.length, 2, JSON.stringify(scripts.map((script) => script.path)));
    const [, chunk] = scripts;
    assert.match(chunk!.path, /^\/porch-[0-9a-f]{8}\.js$/);
    const headers = await chunk!.request.allHeaders();
    assert.equal(headers["sec-fetch-mode"], "cors", "a module is fetched in CORS mode");
    assert.equal(headers.origin, new URL(blog.site.url).origin);
    const response = (await chunk!.request.response())!;
    assert.equal(response.status(), 200);
    assert.equal(response.headers()["access-control-allow-origin"], siteHeaders.allowOrigin);
    assert.equal(response.headers()["x-content-type-options"], siteHeaders.contentTypeOptions);
    assert.equal(response.headers()["content-security-policy"], siteHeaders.contentSecurityPolicy);

    assert.deepEqual(await launcher(page).boundingBox(), box, "the launcher did not move");
    assert.ok((await launcherShot(page)).equals(before), "the launcher looks the same, pixel for pixel, with the chat loaded");
    assert.deepEqual(await layoutShifts(page), [], "no layout shift");

    // It opens; the intro form the demo asks for is a chunk of its own, fetched when first shown.
    await openChat(page);
    assert.equal(scripts.length, 3, JSON.stringify(scripts.map((script) => script.path)));
    assert.match(scripts[2]!.path, /^\/porch-[0-9a-f]{8}\.js$/);
    assert.notEqual(scripts[2]!.path, chunk!.path);
    assert.deepEqual(await layoutShifts(page), [], "no layout shift but the answer to the click");

    // The conversation menu (download, delete) is a chunk of its own, fetched when first used.
    await say(page, "Is the sourdough course still open?");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    assert.equal(scripts.length, 3, "nothing more once there is a conversation");
    await page.getByRole("button", { name: "Your conversation: download or delete" }).click();
    await page.getByRole("button", { name: "Download this conversation" }).waitFor();
    assert.equal(scripts.length, 4, JSON.stringify(scripts.map((script) => script.path)));
    assert.match(scripts[3]!.path, /^\/porch-[0-9a-f]{8}\.js$/);
    assert.ok(!scripts.slice(0, 3).some((script) => script.path === scripts[3]!.path));
    await context.close();
  });

  it("loads the chunk at load for a visitor with a conversation, and raises the badge for a reply that came meanwhile", async () => {
    const context = await chromium.browser.newContext();
    const page = collectProblems(await context.newPage(), chromium.problems);
    await page.goto(blog.site.url);
    await openChat(page);
    await say(page, "Will the rye work with spelt?");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    const visitorId = await visitorIdOf(page);
    await page.close();

    const owner = await ownerClient(ctx.stack);
    const { randomUUID } = await import("node:crypto");
    await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "Yes, half and half." });
    await owner.client.close();

    const again = collectProblems(await context.newPage(), chromium.problems);
    const scripts = porchScripts(again);
    await again.goto(blog.site.url);
    await again.getByRole("button", { name: "Open chat, 1 unread" }).waitFor();
    await again.locator("porch-chat .badge", { hasText: "1" }).waitFor();
    assert.deepEqual(
      scripts.map((script) => script.path.replace(/[0-9a-f]{8}/, "<hash>")),
      ["/porch.js", "/porch-<hash>.js", "/porch-<hash>.js"],
      "the chunk at load, without any intent, then the badge's with the unseen reply",
    );
    assert.notEqual(scripts[1]!.path, scripts[2]!.path);
    await context.close();
  });

  it("keeps one widget when a page loads porch.js twice", async () => {
    const context = await chromium.browser.newContext();
    const page = collectProblems(await context.newPage(), chromium.problems);
    await page.goto(blog.site.url, { waitUntil: "networkidle" });
    // A second copy under another URL (a plugin embedding it again, a cache-busting query).
    await page.evaluate((src) => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = src;
      script.dataset.position = "left";
      document.body.append(script);
    }, `${ctx.stack.url}porch.js?again`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(200);
    assert.equal(await page.locator("porch-chat").count(), 1);
    assert.equal(await page.locator("porch-chat").getAttribute("position"), "auto", "the first copy's element, as it was");
    await openChat(page);
    await say(page, "Twice loaded, once shown");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    assert.equal(await page.locator("porch-visitor-chat").count(), 1);
    await context.close();
  });
});

describe("a deploy while a page with the widget is open", () => {
  const ctx = useStack();
  let browser: Browser;
  let site: StaticServer;
  let blog: StaticServer;
  let siteDir: string;

  before(async () => {
    browser = await buildAndLaunch();
    // A copy of the Porch site the test can redeploy: dist/ with the site's headers.
    siteDir = await mkdtemp(join(tmpdir(), "porch-site-"));
    await cp(join(repoRoot, "dist"), siteDir, { recursive: true });
    site = await startStaticServer([siteDir], { headers: siteResponseHeaders });
    blog = await startDemoSite({ scriptUrl: `${site.url}porch.js`, endpoint: ctx.stack.socketUrl });
  });
  after(async () => {
    await blog?.close();
    await site?.close();
    await browser?.close();
    if (siteDir) await rm(siteDir, { recursive: true, force: true });
  });

  it("loads the new release's chunk when the one its porch.js names is gone", async () => {
    const problems: string[] = [];
    const page = collectProblems(await browser.newPage(), problems);
    await page.goto(blog.url, { waitUntil: "networkidle" });
    await launcher(page).waitFor();

    // The deploy: a new chunk under a new name, porch.js naming it, the old chunk purged.
    // The chat's chunk is the one porch.js names; the chunks loaded on first use import from it,
    // so the new release's name them too.
    const loader = await readFile(join(siteDir, "porch.js"), "utf8");
    const oldChunk = (await readdir(siteDir)).find((file) => /^porch-[0-9a-f]{8}\.js$/.test(file) && loader.includes(file));
    assert.ok(oldChunk, "porch.js names its chunk");
    const newChunk = "porch-0dep1oy0.js";
    await rename(join(siteDir, oldChunk), join(siteDir, newChunk));
    for (const file of (await readdir(siteDir)).filter((name) => name.endsWith(".js"))) {
      const code = await readFile(join(siteDir, file), "utf8");
      if (code.includes(oldChunk)) await writeFile(join(siteDir, file), code.replaceAll(oldChunk, newChunk));
    }

    // The page still runs the porch.js it loaded before the deploy.
    await openChat(page);
    await say(page, "Sent after a deploy");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();
    assert.deepEqual(
      problems.map((problem) => problem.replace(site.url, "<site>/")),
      [`404 <site>/${oldChunk}`, "Failed to load resource: the server responded with a status of 404 (Not Found)"],
      "only the old chunk's 404, then the new one worked",
    );
    await page.close();
  });
});
