/**
 * No reply stays missing: an open visitor tab and an open inbox tab notice a push the gateway lost
 * and show its message within one ping interval, without a reload and without showing anything
 * twice (docs/protocol.md, "Catching up"). Real Chromium, the widget on the demo blog (another
 * origin than the stack's), the local gateway losing one push through its fault hook.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import type { GatewayFaults } from "#backend/local/gateway.ts";
import { friendlyName } from "#widget/inbox/visitor-name.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { useDemoSite } from "../support/sites.ts";
import { useStack } from "../support/stack.ts";
import { bubble, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

const password = "correct horse battery";
/** The shortened ping interval of the tabs that catch up by pinging (4 minutes by default). */
const pingIntervalMs = 1500;
/** A ping, then a `list` or an `inbox` page and a `list`: well under a second here; the margin is the shared machine's. */
const catchUpMs = 2500;

/** The management API answers 500 to the push of the next message with this text (as AWS sometimes does), once. */
const lose: { text: string | null; lost: { connectionId: string }[] } = { text: null, lost: [] };
const management: GatewayFaults["management"] = ({ method, connectionId, body }) => {
  if (method !== "POST" || !lose.text || !body?.includes(lose.text)) return undefined;
  lose.text = null;
  lose.lost.push({ connectionId });
  return 500;
};

const chromium = useBrowser();
const pageProblems = chromium.problems;

const ownerBubble = (page: Page, text: string) => page.locator("porch-conversation-view [part~='message']", { hasText: text });
const row = (page: Page, name: string) => page.locator("porch-conversation-list li", { hasText: name });

/** Sets an element's `pingInterval` before it connects (the widget connects on the first message, the inbox on sign-in). */
async function shortenPings(page: Page, tag: "porch-chat" | "porch-inbox"): Promise<void> {
  await page.waitForFunction((name) => document.querySelector(name) !== null, tag);
  await page.evaluate(([name, ms]) => void ((document.querySelector(name) as unknown as { pingInterval: number }).pingInterval = ms), [
    tag,
    pingIntervalMs,
  ] as const);
}

/**
 * Makes the page hidden or visible as far as its scripts can tell, and tells them
 * (`visibilitychange`): headless Chromium keeps every page visible, whatever CDP's window and
 * lifecycle states say. (A script, not a function: tsx would name a function's inner arrows.)
 */
async function setVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate(
    visible
      ? `delete document.visibilityState; document.dispatchEvent(new Event("visibilitychange"))`
      : `Object.defineProperty(document, "visibilityState", { configurable: true, value: "hidden" }); document.dispatchEvent(new Event("visibilitychange"))`,
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once `locator` shows, failing after `timeoutMs`; returns how long it took. */
async function shownWithin(locator: ReturnType<Page["locator"]>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await locator.first().waitFor({ timeout: timeoutMs });
  return Date.now() - started;
}

describe("a lost push: both tabs catch up at their next ping", () => {
  const ctx = useStack({ ownerPassword: password, gateway: { faults: { management } } });
  const blog = useDemoSite(ctx);
  let contexts: BrowserContext[];
  let visitor: Page;
  let owner: Page;
  let name: string;

  before(async () => {
    contexts = [await chromium.browser.newContext(), await chromium.browser.newContext()];
    visitor = collectProblems(await contexts[0]!.newPage(), pageProblems);
    await visitor.goto(blog.site.url);
    await shortenPings(visitor, "porch-chat");
    await openChat(visitor);
    await say(visitor, "Is the rye starter ready after five days?");
    name = friendlyName(await visitorIdOf(visitor));

    owner = collectProblems(await contexts[1]!.newPage(), pageProblems);
    await owner.goto(`${ctx.stack.url}inbox.html`);
    await shortenPings(owner, "porch-inbox");
    await owner.locator("input[type=password]").fill(password);
    await owner.locator("input[type=password]").press("Enter");
    await row(owner, name).getByRole("link").click();
    await ownerBubble(owner, "Is the rye starter ready after five days?").waitFor();
  });
  after(async () => {
    for (const context of contexts ?? []) await context.close();
  });

  it("shows the visitor an owner reply whose push was lost, once, on the same connection", async () => {
    const connections = ctx.stack.gateway.connectionIds().sort();
    lose.text = "Feed it twice more, then bake.";
    await owner.getByRole("textbox", { name: "Reply" }).fill("Feed it twice more, then bake.");
    await owner.getByRole("textbox", { name: "Reply" }).press("Enter");
    await ownerBubble(owner, "Feed it twice more, then bake.").locator("xpath=..").getByText("Sent").waitFor();
    assert.equal(lose.lost.length, 1, "the push to the visitor's tab was lost");

    const tookMs = await shownWithin(bubble(visitor, "Feed it twice more, then bake."), pingIntervalMs + catchUpMs);
    assert.ok(tookMs <= pingIntervalMs + catchUpMs);
    assert.equal(await bubble(visitor, "Feed it twice more, then bake.").count(), 1);
    assert.equal(await bubble(visitor, "Is the rye starter ready after five days?").count(), 1, "nothing shown twice");
    assert.deepEqual(ctx.stack.gateway.connectionIds().sort(), connections, "no reconnect, no reload");
  });

  it("shows the owner a visitor message whose push was lost, once, in the open conversation and its row", async () => {
    lose.text = "Thank you, and how warm should the oven be?";
    await say(visitor, "Thank you, and how warm should the oven be?");
    await until(() => lose.lost.length === 2, "the push to the inbox lost");

    await shownWithin(ownerBubble(owner, "how warm should the oven be?"), pingIntervalMs + catchUpMs);
    // The row says so too, its typing indicator gone with the message it announced.
    await row(owner, name).getByText("how warm should the oven be?").waitFor({ timeout: catchUpMs });
    assert.equal(await ownerBubble(owner, "how warm should the oven be?").count(), 1);
    assert.equal(await ownerBubble(owner, "Feed it twice more, then bake.").count(), 1, "nothing shown twice");
    assert.equal(await row(owner, name).count(), 1, "one row for the conversation");
  });

  it("shows the visitor the first of two replies, its push lost and the second's not, within one ping", async () => {
    lose.text = "First, warm the water to 30 degrees.";
    for (const text of ["First, warm the water to 30 degrees.", "Then mix in the starter."]) {
      await owner.getByRole("textbox", { name: "Reply" }).fill(text);
      await owner.getByRole("textbox", { name: "Reply" }).press("Enter");
      await ownerBubble(owner, text).locator("xpath=..").getByText("Sent").waitFor();
    }
    assert.equal(lose.lost.length, 3, "the first reply's push to the visitor's tab was lost");
    await bubble(visitor, "Then mix in the starter.").waitFor({ timeout: catchUpMs });

    await shownWithin(bubble(visitor, "First, warm the water to 30 degrees."), pingIntervalMs + catchUpMs);
    assert.equal(await bubble(visitor, "First, warm the water to 30 degrees.").count(), 1);
    assert.equal(await bubble(visitor, "Then mix in the starter.").count(), 1, "nothing shown twice");
  });

  it("shows the owner the first of two visitor messages, its push lost and the second's not, within one ping", async () => {
    lose.text = "Is 30 degrees Celsius?";
    await say(visitor, "Is 30 degrees Celsius?");
    await until(() => lose.lost.length === 4, "the push to the inbox lost");
    await say(visitor, "I guess so, thank you!");
    await ownerBubble(owner, "I guess so, thank you!").waitFor({ timeout: catchUpMs });

    await shownWithin(ownerBubble(owner, "Is 30 degrees Celsius?"), pingIntervalMs + catchUpMs);
    assert.equal(await ownerBubble(owner, "Is 30 degrees Celsius?").count(), 1);
    assert.equal(await ownerBubble(owner, "I guess so, thank you!").count(), 1, "nothing shown twice");
  });
});

describe("a lost push: a tab shown again catches up at once, long before its next ping", () => {
  const ctx = useStack({ ownerPassword: password, gateway: { faults: { management } } });
  const blog = useDemoSite(ctx);
  let contexts: BrowserContext[];

  after(async () => {
    for (const context of contexts ?? []) await context.close();
  });

  it("hides the visitor's tab, loses the reply's push, shows the tab: the reply is there", async () => {
    contexts = [await chromium.browser.newContext(), await chromium.browser.newContext()];
    // Both tabs keep the default interval (4 minutes): only showing the tab can explain a catch-up.
    const visitor = collectProblems(await contexts[0]!.newPage(), pageProblems);
    await visitor.goto(blog.site.url);
    await openChat(visitor);
    await say(visitor, "Do you sell the starter itself?");
    const name = friendlyName(await visitorIdOf(visitor));
    const owner = collectProblems(await contexts[1]!.newPage(), pageProblems);
    await owner.goto(`${ctx.stack.url}inbox.html`);
    await owner.locator("input[type=password]").fill(password);
    await owner.locator("input[type=password]").press("Enter");
    await row(owner, name).getByRole("link").click();

    await setVisible(visitor, false);
    lose.text = "Yes, in jars of 200 g.";
    await owner.getByRole("textbox", { name: "Reply" }).fill("Yes, in jars of 200 g.");
    await owner.getByRole("textbox", { name: "Reply" }).press("Enter");
    await ownerBubble(owner, "Yes, in jars of 200 g.").locator("xpath=..").getByText("Sent").waitFor();
    assert.ok(lose.lost.length >= 1 && lose.text === null, "the push to the visitor's tab was lost");
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await bubble(visitor, "Yes, in jars of 200 g.").count(), 0, "not there while nothing asked");

    await setVisible(visitor, true);
    await shownWithin(bubble(visitor, "Yes, in jars of 200 g."), catchUpMs);
    assert.equal(await bubble(visitor, "Yes, in jars of 200 g.").count(), 1);
    assert.equal(await bubble(visitor, "Do you sell the starter itself?").count(), 1, "nothing shown twice");
  });
});
