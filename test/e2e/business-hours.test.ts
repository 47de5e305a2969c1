/**
 * Business hours end to end: with the owner's inbox open in Chromium, hours that exclude now flip
 * the visitor's widget on the demo blog from Online to "Back Monday at 9:00" in the visitor's own
 * time zone, live and after a reload; against the built dist/ and the real local stack.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { openChat } from "../support/visitor-page.ts";

const password = "correct horse battery";
const chromium = useBrowser();
/** Where the visitor is: 14:00 UTC on a Monday of December is 9:00 there. */
const visitorZone = { timezoneId: "America/New_York", locale: "en-US" };
/** One minute a week, so that now is outside them whenever the test runs. */
const mondayMinute = { timeZone: "UTC", weekly: [{ day: 1, from: "14:00", to: "14:01" }] };
const back = /Back Monday at 9:00\sAM/;

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = collectProblems(await context.newPage(), chromium.problems);
  await page.goto(url);
  return page;
}

describe("business hours", () => {
  const ctx = useStack({ ownerPassword: password });
  const blog = useDemoSite(ctx);
  let contexts: BrowserContext[] = [];
  let inbox: Page;

  before(async () => {
    const ownerContext = await chromium.browser.newContext();
    contexts.push(ownerContext);
    inbox = await openPage(ownerContext, `${ctx.stack.url}inbox.html`);
    await inbox.locator("input[type=password]").fill(password);
    await inbox.locator("input[type=password]").press("Enter");
    await inbox.getByText("No conversations yet").waitFor();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  it("flips the widget to when the owner is back, in the visitor's time zone, with the owner's inbox open", async () => {
    const visitorContext = await chromium.browser.newContext(visitorZone);
    contexts.push(visitorContext);
    const visitor = await openPage(visitorContext, blog.site.url);
    await openChat(visitor);
    await visitor.getByText("Online", { exact: true }).waitFor();

    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "hours", token: owner.token, ...mondayMinute });
    await visitor.getByText(back).waitFor(); // pushed, without a reload
    await visitor.reload();
    await openChat(visitor);
    await visitor.getByText(back).waitFor(); // and said by hello
    assert.equal(await visitor.getByText("Online", { exact: true }).count(), 0);

    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    await visitor.getByText("Online", { exact: true }).waitFor();
    await owner.client.expectReply({ action: "hours", token: owner.token, ...mondayMinute });
    await owner.client.close();
  });

  it("sets the hours through the inbox's hours screen, and the widget follows", async () => {
    const visitorContext = await chromium.browser.newContext(visitorZone);
    contexts.push(visitorContext);
    const visitor = await openPage(visitorContext, blog.site.url);
    await openChat(visitor);
    await visitor.getByText(back).waitFor(); // the hours the test before left

    const screen = inbox.locator("porch-business-hours");
    await inbox.getByRole("button", { name: "Business hours" }).click();
    await screen.getByLabel("When you're available").selectOption({ label: "No hours: always available" });
    await screen.getByRole("button", { name: "Save hours" }).click();
    await screen.getByText("Hours saved.").waitFor();
    await visitor.getByText("Online", { exact: true }).waitFor();

    await screen.getByLabel("When you're available").selectOption({ label: "On set days and times" });
    await screen.getByLabel("Time zone").fill("UTC");
    for (const day of ["Tuesday", "Wednesday", "Thursday", "Friday"]) await screen.getByLabel(day, { exact: true }).uncheck();
    await screen.getByLabel("Monday opens at").fill("14:00");
    await screen.getByLabel("Monday closes at").fill("14:01");
    await screen.getByRole("button", { name: "Save hours" }).click();
    await screen.getByText("Hours saved.").waitFor();
    await visitor.getByText(back).waitFor(); // pushed, without a reload
    const owner = await ownerClient(ctx.stack);
    const stored = await owner.client.expectReply({ action: "hours", token: owner.token });
    assert.deepEqual({ timeZone: stored.timeZone, weekly: stored.weekly }, mondayMinute);
    await owner.client.close();
  });

  it("passes axe-core with the Back line, light and dark, desktop and phone, right to left", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      for (const dir of ["ltr", "rtl"]) {
        const context = await chromium.browser.newContext({ ...look.options, ...visitorZone });
        try {
          const page = await openPage(context, blog.site.url);
          await page.evaluate((value) => (document.documentElement.dir = value), dir);
          await openChat(page);
          await page.getByText(back).waitFor();
          problems.push(...(await findings(page, `the widget outside the owner's hours, ${look.name}, ${dir}`)));
        } finally {
          await context.close();
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
