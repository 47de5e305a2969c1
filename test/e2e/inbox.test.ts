/**
 * The inbox end to end: a visitor on the demo blog (its own origin, the widget loaded from the
 * stack's) and the owner on the stack's /inbox.html, both in system Chromium, against the built
 * dist/ and the real local stack (gateway emulator + handlers + dynalite).
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { friendlyName } from "#widget/inbox/visitor-name.ts";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { TestClient } from "../support/client.ts";
import { startPlainHost, useDemoSite } from "../support/sites.ts";
import { useStack } from "../support/stack.ts";
import { bubble, input, launcher, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

const password = "correct horse battery";

const chromium = useBrowser();
/** Script errors on any page. */
const pageProblems = chromium.problems;

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = collectProblems(await context.newPage(), pageProblems);
  await page.goto(url);
  return page;
}

// The owner's side.
const passwordField = (page: Page) => page.locator("input[type=password]");
async function signIn(page: Page, typed = password, remember = false) {
  await passwordField(page).fill(typed);
  if (remember) await page.getByLabel("Remember me on this device").check();
  await passwordField(page).press("Enter");
}
/** Resolves once the server has refused the password typed: the form clears the field for the next try. */
async function refused(page: Page) {
  const deadline = Date.now() + 5000;
  while ((await passwordField(page).inputValue()) !== "") {
    if (Date.now() > deadline) throw new Error("the password was not refused");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const row = (page: Page, name: string) => page.locator("porch-conversation-list li", { hasText: name });
const badge = (page: Page, name: string) => row(page, name).locator(".badge");
const reply = (page: Page) => page.getByRole("textbox", { name: "Reply" });
const ownerBubble = (page: Page, text: string) => page.locator("porch-conversation-view [part~='message']", { hasText: text });

async function waitForTitle(page: Page, title: string) {
  await page.waitForFunction((expected) => document.title === expected, title);
}

describe("the owner answers visitors from the inbox", () => {
  const ctx = useStack({ ownerPassword: password });
  const blog = useDemoSite(ctx);
  let visitorContext: BrowserContext;
  let ownerContext: BrowserContext;
  let visitor: Page;
  let owner: Page;
  let name: string;

  before(async () => {
    visitorContext = await chromium.browser.newContext();
    ownerContext = await chromium.browser.newContext();
    owner = await openPage(ownerContext, `${ctx.stack.url}inbox.html`);
    await signIn(owner, password, true);
    await owner.getByText("No conversations yet").waitFor();
    visitor = await openPage(visitorContext, blog.site.url);
  });
  after(async () => {
    await visitorContext?.close();
    await ownerContext?.close();
  });

  it("shows a visitor's messages live with unread counts, clears them when read, and delivers the reply", async () => {
    await openChat(visitor);
    await say(visitor, "Does the <b>rye</b> starter need feeding twice?");
    name = friendlyName(await visitorIdOf(visitor));

    await badge(owner, name).getByText("1").waitFor();
    await row(owner, name).getByText("Does the <b>rye</b> starter need feeding twice?").waitFor();
    await waitForTitle(owner, "(1) Porch inbox");
    // A second tab of the owner, remembered on this device, sees the same inbox.
    const secondTab = await openPage(ownerContext, `${ctx.stack.url}inbox.html`);
    await badge(secondTab, name).getByText("1").waitFor();

    await say(visitor, "Asking for a friend.");
    await badge(owner, name).getByText("2").waitFor();
    await waitForTitle(secondTab, "(2) Porch inbox");

    await row(owner, name).getByRole("link").click();
    await ownerBubble(owner, "Asking for a friend.").waitFor();
    await waitForTitle(owner, "Porch inbox");
    assert.equal(await badge(owner, name).count(), 0);
    // Reading in one tab clears the count in the other.
    await waitForTitle(secondTab, "Porch inbox");
    assert.equal(await badge(secondTab, name).count(), 0);

    await reply(owner).fill("Once a day is plenty at room temperature.");
    await reply(owner).press("Enter");
    await bubble(visitor, "Once a day is plenty at room temperature.").waitFor();
    // Delivered, and, the visitor's panel being open on a visible page, seen at once.
    await ownerBubble(owner, "Once a day is plenty at room temperature.")
      .locator("xpath=..")
      .getByText(/Sent|Seen/)
      .waitFor();
    await row(secondTab, name).getByText("You: Once a day is plenty").waitFor();

    // While the conversation is open, a new message shows in it and is read at once.
    await say(visitor, "Thank you!");
    await ownerBubble(owner, "Thank you!").waitFor();
    await row(owner, name).getByText("Thank you!").waitFor();
    assert.equal(await badge(owner, name).count(), 0);
    await secondTab.close();
  });

  it("opens a conversation from its link after a reload, and no link holds the visitor id", async () => {
    const visitorId = await visitorIdOf(visitor);
    await row(owner, name).locator("a").click();
    await ownerBubble(owner, "Asking for a friend.").waitFor();
    const link = await owner.evaluate(() => location.href);
    assert.ok(!link.includes(visitorId), "the address bar holds the conversation's reference");
    await owner.goto("about:blank");
    await owner.goto(link);
    await ownerBubble(owner, "Asking for a friend.").waitFor();
    await owner.getByRole("heading", { name }).waitFor();
    const hrefs = await owner.locator("porch-conversation-list a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(hrefs.length > 0 && hrefs.every((href) => !href.includes(visitorId)), hrefs.join(" "));
  });

  it("refuses a blocked visitor's messages with the words the widget has for it, until unblocked", async () => {
    await owner.getByRole("button", { name: "Block visitor" }).click();
    await row(owner, name).getByText("Blocked").waitFor();
    await say(visitor, "Hello again?");
    await visitor.getByText("The site owner isn't accepting messages from you.").waitFor();
    assert.equal(await ownerBubble(owner, "Hello again?").count(), 0);

    await owner.getByRole("button", { name: "Unblock visitor" }).click();
    await owner.getByRole("button", { name: "Block visitor" }).waitFor();
    await say(visitor, "Back now.");
    await ownerBubble(owner, "Back now.").waitFor();
  });

  it("deletes a conversation: gone from the inbox, and the visitor's widget clears its history", async () => {
    await owner.getByRole("button", { name: "Delete conversation" }).click();
    await owner.getByRole("button", { name: "Delete", exact: true }).click();
    await row(owner, name).waitFor({ state: "detached" });
    await owner.getByText("No conversations yet").waitFor();
    await bubble(visitor, "Back now.").waitFor({ state: "detached" });
    assert.equal(await bubble(visitor, "Asking for a friend.").count(), 0);
  });
});

describe("the owner sees the visitor live: typing, the page they write from, what they have seen", () => {
  const ctx = useStack({ ownerPassword: password, ownerProfile: { name: "Marta Lindqvist" } });
  const blog = useDemoSite(ctx);
  const contexts: BrowserContext[] = [];
  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  async function pageIn(options: Parameters<Browser["newContext"]>[0], url: string) {
    const context = await chromium.browser.newContext(options);
    contexts.push(context);
    return openPage(context, url);
  }

  it("shows typing in the list and the conversation, each message's page, the visitor's details, and Seen", async () => {
    const owner = await pageIn({}, `${ctx.stack.url}inbox.html`);
    await signIn(owner);
    await owner.getByText("No conversations yet").waitFor();
    const visitor = await pageIn({}, blog.site.url);
    await openChat(visitor);
    await say(visitor, "Which flour for the sourdough?");
    const name = friendlyName(await visitorIdOf(visitor));
    await row(owner, name).getByRole("link").click();
    await ownerBubble(owner, "Which flour").waitFor();

    await input(visitor).fill("And another thing");
    await row(owner, name).getByText("typing…").waitFor();
    await owner.locator("porch-conversation-view").getByText(`${name} is typing…`).waitFor();

    // The visitor reads on, on the second post, and writes from there.
    await visitor.getByRole("link", { name: "the first results" }).click();
    await visitor.waitForURL(/rye\.html$/);
    await launcher(visitor).click();
    await say(visitor, "Is rye easier up here?");
    await ownerBubble(owner, "Is rye easier up here?").waitFor();
    const pages = owner.locator("porch-conversation-view .meta a");
    await pages.nth(1).waitFor();
    assert.deepEqual(await pages.allTextContents(), [
      "Sourdough at altitude: what changed when I moved to the mountains — Crumb & Crust",
      "Rye at altitude: a dense loaf, on purpose — Crumb & Crust",
    ]);
    assert.equal(await pages.nth(1).getAttribute("href"), `${blog.site.url}rye.html`);
    const details = owner.locator("porch-visitor-details");
    await details.getByText("Last page").waitFor();
    await details.getByRole("link", { name: /Rye at altitude/ }).waitFor();
    await details.getByText("Their local time").waitFor();
    await details.getByText("Language").waitFor();

    // The owner answers; the visitor, with the panel open on a visible page, has seen it.
    await reply(owner).fill("Yes: rye hardly minds the air.");
    await reply(owner).press("Enter");
    await bubble(visitor, "rye hardly minds").waitFor();
    await ownerBubble(owner, "rye hardly minds").locator("xpath=..").getByText("Seen").waitFor();
  });

  it("passes axe-core with no serious violation, no target under 24 px and no faint control: sign-in, list, conversation, light and dark", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      const owner = await pageIn(look.options, `${ctx.stack.url}inbox.html`);
      await passwordField(owner).waitFor();
      problems.push(...(await findings(owner, `sign-in, ${look.name}`)));
      await signIn(owner);
      await owner.locator("porch-conversation-list li").first().waitFor();
      problems.push(...(await findings(owner, `the list, ${look.name}`)));
      await owner.locator("porch-conversation-list li a").first().click();
      await owner.locator("porch-conversation-view [part~='message']").first().waitFor();
      problems.push(...(await findings(owner, `a conversation, ${look.name}`)));
    }
    assert.deepEqual(problems, []);
  });
});

describe("signing in to the inbox", () => {
  const ctx = useStack({ ownerPassword: password });

  it("returns to sign-in with a message when the kept session is no longer valid", async () => {
    const context = await chromium.browser.newContext();
    const owner = await openPage(context, `${ctx.stack.url}inbox.html`);
    await owner.evaluate(() =>
      sessionStorage.setItem(
        "porch:ownerSession",
        JSON.stringify({ token: "v1.9999999999999.forged.signature", expiresAt: 9999999999999 }),
      ),
    );
    await owner.reload();
    await owner.getByText("Your session has ended. Please sign in again.").waitFor();
    await passwordField(owner).waitFor();
    await context.close();
  });

  it("signs out on the server: the token the page held is refused from then on", async () => {
    const context = await chromium.browser.newContext();
    const owner = await openPage(context, `${ctx.stack.url}inbox.html`);
    await signIn(owner);
    await owner.getByText("No conversations yet").waitFor();
    const kept = await owner.evaluate(() => JSON.parse(sessionStorage.getItem("porch:ownerSession") ?? "null") as { token: string } | null);
    assert.ok(kept, "the session is kept for the tab");
    const client = await TestClient.open(ctx.stack.socketUrl);
    assert.equal((await client.request({ action: "unread", token: kept.token })).type, "unread");

    await owner.getByRole("button", { name: "Sign out" }).click();
    await passwordField(owner).waitFor();
    // The page does not wait for `loggedOut`: its frame is on its way as the socket closes.
    let answer = await client.request({ action: "unread", token: kept.token });
    for (const deadline = Date.now() + 5000; answer.type === "unread" && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await client.request({ action: "unread", token: kept.token });
    }
    assert.equal(answer.type === "error" && answer.code, "unauthorized", JSON.stringify(answer));
    await Promise.all([client.close(), context.close()]);
  });

  it("shows a wrong password as an alert, and rate-limits repeated ones", async () => {
    const context = await chromium.browser.newContext();
    const owner = await openPage(context, `${ctx.stack.url}inbox.html`);
    await signIn(owner, "wrong horse");
    const alert = owner.getByRole("alert");
    await alert.getByText("That password isn't right.").waitFor();
    for (let attempt = 2; attempt <= 5; attempt++) {
      await signIn(owner, `wrong horse ${attempt}`);
      await refused(owner);
    }
    // Even the right password is refused now, with the server's words on how long to wait.
    await signIn(owner, password);
    await alert.getByText(/too many wrong passwords/i).waitFor();
    await passwordField(owner).waitFor();
    await context.close();
  });
});

describe("the inbox page on another site", () => {
  const ctx = useStack({ ownerPassword: password });

  /**
   * A page on another origin (a server of its own, on loopback like the stack: Chromium blocks a
   * page it does not know to be local from framing loopback at all) that frames `url`.
   */
  async function frameFromAnotherSite(url: string) {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>another site</title><iframe src="${url}"></iframe>`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      const messages: string[] = [];
      page.on("console", (message) => messages.push(message.text()));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: "load" });
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      // Chromium shows its own error page in place of a refused document.
      const framed = (await frame?.evaluate(() => document.querySelector("porch-inbox") !== null).catch(() => false)) ?? false;
      return { framed, messages };
    } finally {
      await context.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("is sent with frame-ancestors 'none' and nosniff", async () => {
    const response = await fetch(`${ctx.stack.url}inbox.html`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-security-policy"), "frame-ancestors 'none'");
    assert.equal(response.headers.get("x-frame-options"), "DENY");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  it("cannot be framed by another origin, which it could be without the header", async () => {
    const refused = await frameFromAnotherSite(`${ctx.stack.url}inbox.html`);
    assert.equal(refused.framed, false, "the inbox rendered inside another site's frame");
    assert.ok(
      refused.messages.some((line) => /frame-ancestors 'none'[^]*blocked/.test(line)),
      `Chromium did not say it refused the frame: ${JSON.stringify(refused.messages)}`,
    );

    // The same page from a host without the header is framed: the header is what refuses it.
    const plain = await startPlainHost();
    try {
      const framed = await frameFromAnotherSite(`${plain.url}inbox.html`);
      assert.equal(framed.framed, true, `the control page was not framed either: ${JSON.stringify(framed.messages)}`);
    } finally {
      await plain.close();
    }
  });
});
