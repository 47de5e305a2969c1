/**
 * The owner's desk end to end: open and done, the Open, Unread and Done views and their counts,
 * across two inbox tabs and a visitor on the demo blog, in system Chromium against the built dist/
 * and the real local stack.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { friendlyName } from "#widget/inbox/visitor-name.ts";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { useDemoSite } from "../support/sites.ts";
import { useStack } from "../support/stack.ts";
import { bubble, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

const password = "correct horse battery";
const chromium = useBrowser();

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = collectProblems(await context.newPage(), chromium.problems);
  await page.goto(url);
  return page;
}

const row = (page: Page, name: string) => page.locator("porch-conversation-list li", { hasText: name });
const viewButton = (page: Page, view: "Open" | "Unread" | "Done") => page.locator("porch-inbox-views button", { hasText: view });
const ownerBubble = (page: Page, text: string) => page.locator("porch-conversation-view [part~='message']", { hasText: text });

/** Waits until the views' buttons say these counts. */
async function countsAre(page: Page, counts: { Open: number; Unread: number; Done: number }) {
  const expected = Object.entries(counts)
    .map(([view, count]) => `${view} ${count}`)
    .join("|");
  await page.waitForFunction((want) => {
    const views = document.querySelector("porch-inbox")?.shadowRoot?.querySelector("porch-inbox-views")?.shadowRoot;
    const said = [...(views?.querySelectorAll("button") ?? [])].map((button) => button.textContent?.replace(/\s+/g, " ").trim());
    return said.join("|") === want;
  }, expected);
}

describe("the owner works conversations to done", () => {
  const ctx = useStack({ ownerPassword: password });
  const blog = useDemoSite(ctx);
  let visitorContext: BrowserContext;
  let ownerContext: BrowserContext;
  let visitor: Page;
  let tabs: Page[];
  let name: string;

  before(async () => {
    visitorContext = await chromium.browser.newContext();
    ownerContext = await chromium.browser.newContext();
    const first = await openPage(ownerContext, `${ctx.stack.url}inbox.html`);
    await first.locator("input[type=password]").fill(password);
    await first.getByLabel("Remember me on this device").check();
    await first.locator("input[type=password]").press("Enter");
    await first.getByText("No conversations yet").waitFor();
    tabs = [first, await openPage(ownerContext, `${ctx.stack.url}inbox.html`)];
    await tabs[1]!.getByText("No conversations yet").waitFor();
    visitor = await openPage(visitorContext, blog.site.url);
  });
  after(async () => {
    await visitorContext?.close();
    await ownerContext?.close();
  });

  it("marks a conversation done in one tab, the other follows, and the visitor's next message opens it again", async () => {
    const [one, two] = tabs as [Page, Page];
    await openChat(visitor);
    await say(visitor, "Do you ship rye flour abroad?");
    name = friendlyName(await visitorIdOf(visitor));
    for (const tab of tabs) await countsAre(tab, { Open: 1, Unread: 1, Done: 0 });

    await row(one, name).getByRole("link").click();
    await ownerBubble(one, "Do you ship rye flour abroad?").waitFor();
    for (const tab of tabs) await countsAre(tab, { Open: 1, Unread: 0, Done: 0 });
    await one.getByRole("button", { name: "Mark done" }).click();
    for (const tab of tabs) await countsAre(tab, { Open: 0, Unread: 0, Done: 1 });
    await row(two, name).waitFor({ state: "detached" });
    await one
      .getByRole("status")
      .filter({ hasText: `${name}'s conversation is done.` })
      .waitFor();

    await viewButton(two, "Done").click();
    await row(two, name).waitFor();
    assert.equal(await viewButton(two, "Done").getAttribute("aria-pressed"), "true");

    // The visitor writes again: open in both tabs, out of Done.
    await say(visitor, "And to Norway?");
    for (const tab of tabs) await countsAre(tab, { Open: 1, Unread: 0, Done: 0 });
    await row(two, name).waitFor({ state: "detached" });
    await ownerBubble(one, "And to Norway?").waitFor();
    await one.getByRole("button", { name: "Mark done" }).waitFor();
    await viewButton(two, "Unread").click();
    await two.getByText("Nothing unread").waitFor();
    await viewButton(two, "Open").click();
    await row(two, name).getByText("And to Norway?").waitFor();
  });

  it("keeps a private note in the owner's tabs: it never reaches the visitor's", async () => {
    const [one, two] = tabs as [Page, Page];
    await row(two, name).getByRole("link").click();
    await ownerBubble(two, "And to Norway?").waitFor();
    await one.getByRole("button", { name: "Private note" }).click();
    const field = one.getByRole("textbox", { name: "Private note" });
    await field.fill("NOTE: ships to Norway since May, ask about customs");
    await field.press("Enter");
    const note = (page: Page) => page.locator("porch-conversation-view [part~='note']", { hasText: "ships to Norway since May" });
    await note(one).waitFor();
    await note(two).waitFor();
    // A reply after it reaches the visitor; the note, written before it, does not.
    await one.getByRole("button", { name: "Private note" }).click();
    await one.getByRole("textbox", { name: "Reply" }).fill("Yes, we ship to Norway.");
    await one.getByRole("textbox", { name: "Reply" }).press("Enter");
    await bubble(visitor, "Yes, we ship to Norway.").waitFor();
    const said = async () => visitor.evaluate(() => JSON.stringify(document.querySelector("porch-chat")?.shadowRoot?.innerHTML ?? ""));
    assert.ok(!(await said()).includes("customs"), "not on the visitor's open page");
    await visitor.reload();
    await openChat(visitor);
    await bubble(visitor, "Yes, we ship to Norway.").waitFor();
    // Every text of the page, shadow roots included (a loop: a named function would not survive the bundling of evaluate).
    const panel = await visitor.evaluate(() => {
      const texts: string[] = [document.body.innerText];
      const roots: ShadowRoot[] = [];
      for (const element of document.querySelectorAll("*")) if (element.shadowRoot) roots.push(element.shadowRoot);
      for (let root = roots.pop(); root; root = roots.pop()) {
        texts.push(root.textContent ?? "");
        for (const element of root.querySelectorAll("*")) if (element.shadowRoot) roots.push(element.shadowRoot);
      }
      return texts.join("\n");
    });
    assert.ok(!panel.includes("customs"), "not after a reload either (history)");
    assert.ok(panel.includes("Yes, we ship to Norway."));
  });

  it("passes axe-core in the new states: the views, a done conversation, light and dark, desktop and phone, right to left", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      for (const dir of ["ltr", "rtl"]) {
        const context = await chromium.browser.newContext(look.options);
        try {
          const page = await openPage(context, `${ctx.stack.url}inbox.html`);
          await page.evaluate((value) => (document.documentElement.dir = value), dir);
          await page.locator("input[type=password]").fill(password);
          await page.locator("input[type=password]").press("Enter");
          await row(page, name).waitFor();
          await row(page, name).getByRole("link").click();
          await page.getByRole("button", { name: "Mark done" }).click();
          await page.getByRole("button", { name: "Reopen" }).waitFor();
          await page.locator("porch-conversation-view [part~='note']").first().waitFor();
          await page.getByRole("button", { name: "Private note" }).click();
          problems.push(...(await findings(page, `a done conversation with a note, note mode, ${look.name}, ${dir}`)));
          if (look.options.viewport.width < 760) await page.getByRole("button", { name: "Back to conversations" }).click();
          await viewButton(page, "Done").click();
          await row(page, name).waitFor();
          problems.push(...(await findings(page, `the Done view, ${look.name}, ${dir}`)));
          await page.locator("porch-conversation-list li a").first().click();
          await page.getByRole("button", { name: "Reopen" }).click();
          await page.getByRole("button", { name: "Mark done" }).waitFor();
        } finally {
          await context.close();
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
