/**
 * The owner's search end to end: a word from an old message (not on the conversation's first page)
 * finds its conversation, with the word marked, and opens it scrolled to that message, marked;
 * axe-core on the results, light and dark, desktop and phone. In system Chromium against the
 * built dist/ and the real local stack.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { findings } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { seedConversation } from "../support/seed-conversation.ts";
import { useStack, visitorClient } from "../support/stack.ts";

const password = "correct horse battery";
const chromium = useBrowser();

describe("search", () => {
  const ctx = useStack({ ownerPassword: password });
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    context = await chromium.browser.newContext();
    page = collectProblems(await context.newPage(), chromium.problems);
  });
  after(async () => {
    await context?.close();
  });

  async function signIn(width: number) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${ctx.stack.url}inbox.html`);
    const field = page.getByRole("searchbox", { name: "Search conversations" });
    await page.locator("input[type=password]").or(field).first().waitFor();
    if (await field.isVisible()) return; // still signed in from the test before
    await page.locator("input[type=password]").fill(password);
    await page.locator("input[type=password]").press("Enter");
    await field.waitFor();
  }

  it("finds a word of an old message and opens the conversation there, marked", async () => {
    const old = randomUUID();
    // 120 messages: the word is in the 4th, two pages of history back.
    await seedConversation(ctx.stack, old, 120, {
      text: (n) => (n === 3 ? "Could the pelican blanket come in a larger size?" : `Message ${n} about the order`),
    });
    for (const name of ["Grace", "Linus"]) {
      const visitorId = randomUUID();
      const visitor = await visitorClient(ctx.stack, visitorId);
      await visitor.expectReply({ action: "register", visitorId, nickname: name });
      await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: `Hello, ${name} here about shipping` });
      await visitor.close();
    }

    await signIn(1280);
    await page.keyboard.press("/");
    await page.keyboard.type("pelic");
    const results = page.getByRole("list", { name: "Conversations found" });
    const result = results.getByRole("link", { name: /pelican blanket/ });
    await result.waitFor();
    assert.equal(await results.getByRole("link").count(), 1);
    assert.equal(await result.locator("mark").first().textContent(), "pelican");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await findings(page, `search results, desktop, ${scheme}`), []);
    }

    await result.click();
    const found = page.locator("porch-message-list [part~=found]");
    await found.waitFor();
    assert.match((await found.textContent()) ?? "", /pelican blanket/);
    await page.waitForFunction(() => {
      const list = document.querySelector("porch-inbox")?.shadowRoot?.querySelector("porch-conversation-view");
      const bubble = list?.shadowRoot?.querySelector("porch-message-list")?.shadowRoot?.querySelector("[part~=found]");
      const box = bubble?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= innerHeight;
    });
    await page.getByText("Showing the message that matched.").waitFor({ state: "attached" });
  });

  it("has no serious finding in the results on a phone, light and dark", async () => {
    await signIn(390);
    await page.getByRole("searchbox", { name: "Search conversations" }).fill("shipping");
    await page.getByRole("list", { name: "Conversations found" }).getByRole("link").nth(1).waitFor();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await findings(page, `search results, phone, ${scheme}`), []);
    }
  });
});
