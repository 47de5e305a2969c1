/**
 * Saved replies end to end: the owner keeps one in the inbox, and `/` in a reply inserts it with
 * the visitor's name filled, which reaches the visitor on the demo blog; in system Chromium against
 * the built dist/ and the real local stack.
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

async function signIn(page: Page): Promise<void> {
  await page.locator("input[type=password]").fill(password);
  await page.locator("input[type=password]").press("Enter");
  await page
    .getByRole("button", { name: "Saved replies" })
    .or(page.getByRole("button", { name: "More actions" }))
    .first()
    .waitFor();
}

/** Opens the saved replies' dialog (behind the menu on a phone). */
async function openSavedReplies(page: Page): Promise<void> {
  const menu = page.getByRole("button", { name: "More actions" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Saved replies" }).click();
  await page.getByRole("dialog", { name: "Saved replies" }).waitFor();
}

const row = (page: Page, name: string) => page.locator("porch-conversation-list li", { hasText: name });

describe("saved replies", () => {
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
    tabs = [];
    for (let n = 0; n < 2; n++) {
      const tab = await openPage(ownerContext, `${ctx.stack.url}inbox.html`);
      await signIn(tab);
      tabs.push(tab);
    }
    visitor = await openPage(visitorContext, blog.site.url);
  });
  after(async () => {
    await visitorContext?.close();
    await ownerContext?.close();
  });

  it("keeps a reply the owner saves, and `/` inserts it with the visitor's name filled, which the visitor reads", async () => {
    const [one, two] = tabs as [Page, Page];
    await openSavedReplies(one);
    await one.getByRole("textbox", { name: "Title" }).fill("Shipping abroad");
    await one.getByRole("textbox", { name: "Text" }).fill("Hello {name}, we ship rye flour to every country of the EU.");
    await one.getByRole("button", { name: "Save", exact: true }).click();
    await one.getByRole("button", { name: "Edit Shipping abroad" }).waitFor();
    await one.getByRole("button", { name: "Close", exact: true }).click();
    await openSavedReplies(two);
    await two.getByRole("button", { name: "Edit Shipping abroad" }).waitFor(); // pushed to the other tab
    await two.getByRole("button", { name: "Close", exact: true }).click();

    await openChat(visitor);
    await say(visitor, "Do you ship rye flour abroad?");
    name = friendlyName(await visitorIdOf(visitor));
    await row(one, name).getByRole("link").click();
    const field = one.getByRole("textbox", { name: "Reply" });
    await field.pressSequentially("/ship");
    const option = one.getByRole("option", { name: /Shipping abroad/ });
    await option.waitFor();
    assert.equal(await option.getAttribute("aria-selected"), "true");
    await field.press("Enter");
    const filled = `Hello ${name}, we ship rye flour to every country of the EU.`;
    assert.equal(await field.inputValue(), filled);
    await field.press("Enter");
    await bubble(visitor, filled).waitFor();
  });

  it("passes axe-core with the list open in a reply and in the dialog, light and dark, desktop and phone, right to left", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      for (const dir of ["ltr", "rtl"]) {
        const context = await chromium.browser.newContext(look.options);
        try {
          const page = await openPage(context, `${ctx.stack.url}inbox.html`);
          await page.evaluate((value) => (document.documentElement.dir = value), dir);
          await signIn(page);
          await openSavedReplies(page);
          await page.getByRole("button", { name: "Edit Shipping abroad" }).click();
          problems.push(...(await findings(page, `the saved replies dialog, ${look.name}, ${dir}`)));
          await page.getByRole("button", { name: "Close", exact: true }).click();
          await row(page, name).getByRole("link").click();
          const field = page.getByRole("textbox", { name: "Reply" });
          await field.pressSequentially("/");
          await page.getByRole("option", { name: /Shipping abroad/ }).waitFor();
          problems.push(...(await findings(page, `saved replies offered in a reply, ${look.name}, ${dir}`)));
        } finally {
          await context.close();
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
