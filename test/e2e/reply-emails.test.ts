/**
 * Reply emails end to end, in system Chromium: a visitor writes on the demo blog (its own origin,
 * the widget embedded from the Porch site's), gives an address in the panel and leaves; the owner
 * replies over the protocol; the local SES captures the email (read back at `GET /_aws/ses`, as a
 * person's tools would); its "Continue the conversation" link opens the conversation in a fresh
 * browser; its unsubscribe link shows a page, and its button stops further emails.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { StaticServer } from "#backend/local/static.ts";
import type { MessagePush, SeenPush } from "#protocol";
import { buildAndLaunch, collectProblems } from "../support/browser.ts";
import { sleep, type TestClient } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";
import { bubble, openChat, say } from "../support/visitor-page.ts";

const delayS = 2;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

describe("reply emails, from the demo blog to the inbox of a visitor who left, and back", () => {
  // The blog first: the stack's emails link back to it. Its page reads the stack's URLs when served.
  let blog: StaticServer;
  before(async () => {
    blog = await startDemoSite({
      get scriptUrl() {
        return `${ctx.stack.url}porch.js`;
      },
      get endpoint() {
        return ctx.stack.socketUrl;
      },
    });
  });
  const ctx = useStack({
    get email() {
      return { siteUrl: blog.url, siteName: "Crumb & Crust", delayS };
    },
  });
  let browser: Browser;
  let owner: { client: TestClient; token: string };
  const pageProblems: string[] = [];

  before(async () => {
    browser = await buildAndLaunch();
    owner = await ownerClient(ctx.stack);
  });
  afterEach(() => assert.deepEqual(pageProblems.splice(0), [], "the page logged errors"));
  after(async () => {
    await owner?.client.close();
    await browser?.close();
    await blog?.close();
  });

  async function ownerReplies(visitorId: string, text: string) {
    const reply = await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    assert.equal(reply.type, "sent");
    return reply;
  }

  async function emailsTo(address: string): Promise<CapturedEmail[]> {
    const { messages } = (await (await fetch(`${ctx.stack.url}_aws/ses`)).json()) as { messages: CapturedEmail[] };
    return messages.filter((email) => email.Destination.ToAddresses.includes(address));
  }

  /** Waits past the delay, and until the jobs it started (and any redelivery) are done. */
  async function afterTheDelay() {
    await sleep(delayS * 1000 + 300);
    await ctx.stack.queue.idle(30_000);
  }

  /** A visitor who writes from the blog, gives their address in the panel, then closes the page. */
  async function visitorWhoLeaves(address: string) {
    const page = collectProblems(await (await browser.newContext()).newPage(), pageProblems);
    await page.goto(`${blog.url}index.html`);
    await openChat(page);
    const question = `Is the course still open? (${address.split("@")[0]})`;
    await say(page, question);
    const push = (await owner.client.waitFor((frame) => frame.type === "message" && frame.message.text === question)) as MessagePush;
    await page.getByText("Get the reply by email").waitFor();
    await page.getByRole("textbox", { name: "Email" }).fill(address);
    await page.getByRole("button", { name: "Email me" }).click();
    await page.getByText(`Replies you miss are emailed to ${address}.`).waitFor();
    await page.context().close();
    return push.message.visitorId;
  }

  it("emails one reply email after the delay; its link opens the conversation in a fresh browser and leaves the address bar clean", async () => {
    const address = `ada-${randomUUID()}@example.com`;
    const visitorId = await visitorWhoLeaves(address);
    await ownerReplies(visitorId, "Yes, until Friday!");
    await ownerReplies(visitorId, "Bring a jar of starter.");
    assert.equal((await emailsTo(address)).length, 0, "nothing before the delay");
    await afterTheDelay();
    await afterTheDelay(); // and as long again: no second email comes
    const emails = await emailsTo(address);
    assert.equal(emails.length, 1, "exactly one email for the two replies");
    const [email] = emails as [CapturedEmail];
    assert.equal(email.Subject, "2 new replies from Crumb & Crust");

    const continueUrl = /href="([^"]+)"[^>]*>Continue the conversation</.exec(email.Body.html_part!)![1]!.replaceAll("&amp;", "&");
    assert.ok(continueUrl.startsWith(`${blog.url}index.html#porch-resume=`), continueUrl);
    const page = collectProblems(await (await browser.newContext()).newPage(), pageProblems);
    await page.goto(continueUrl);
    await bubble(page, "Bring a jar of starter.").waitFor();
    await bubble(page, "Yes, until Friday!").waitFor();
    await bubble(page, "Is the course still open? (ada-").waitFor();
    assert.equal(page.url(), `${blog.url}index.html`, "the token is gone from the address bar");
    assert.equal(await page.evaluate(() => localStorage.getItem("porch:visitorId")), visitorId);
    await page.context().close();
  });

  it("tells a visitor whose link has expired or was damaged, and changes nothing", async () => {
    const page = collectProblems(await (await browser.newContext()).newPage(), pageProblems);
    await page.goto(`${blog.url}index.html#porch-resume=${"A".repeat(70)}`);
    await page.getByText("This link isn't complete. Please open it again from the email.").waitFor();
    assert.equal(page.url(), `${blog.url}index.html`);
    assert.equal(await page.evaluate(() => localStorage.getItem("porch:visitorId")), null);
    await page.context().close();
  });

  it("shows a page on GET that unsubscribes nothing; its button stops every further email to the address", async () => {
    const address = `bea-${randomUUID()}@example.com`;
    // The same address on three conversations: the one emailed, and two others still to be answered.
    const first = await visitorWhoLeaves(address);
    const others = [randomUUID(), randomUUID()];
    for (const visitorId of others) {
      const visitor = await visitorClient(ctx.stack, visitorId);
      await visitor.request({ action: "register", visitorId, email: address });
      await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Me again, from my phone" });
      await visitor.close();
    }
    await ownerReplies(first, "An answer.");
    await afterTheDelay();
    const [email] = (await emailsTo(address)) as [CapturedEmail];
    const unsubscribeUrl = email.Headers.find((header) => header.Name === "List-Unsubscribe")!.Value.slice(1, -1);
    assert.ok(email.Body.html_part!.includes(`href="${unsubscribeUrl}"`), "the same link, visible in the email");

    // Open it as a person (or a mail scanner) would: a page with a button, and nothing unsubscribed.
    const context = await browser.newContext({ bypassCSP: true }); // to run axe-core in the page
    const page = collectProblems(await context.newPage(), pageProblems);
    await page.goto(unsubscribeUrl);
    await page.getByRole("heading", { name: "Stop reply emails?" }).waitFor();
    await page.getByText(address).waitFor();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run();
      return results.violations.map((violation) => `${violation.id} (${violation.impact})`);
    });
    assert.deepEqual(violations, [], "axe-core finds nothing on the page");
    await ownerReplies(others[0]!, "Answered after the GET.");
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 2, "GET unsubscribed nothing");

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You are unsubscribed" }).waitFor();
    await ownerReplies(others[1]!, "Answered after the unsubscribe.");
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 2, "nothing after the unsubscribe");
    await context.close();
  });

  it("does not email a reply shown in an open panel on a visible page", async () => {
    const address = `cy-${randomUUID()}@example.com`;
    const page = collectProblems(await (await browser.newContext()).newPage(), pageProblems);
    await page.goto(blog.url);
    await openChat(page);
    await say(page, "I'll wait here.");
    await page.getByRole("textbox", { name: "Email" }).fill(address);
    await page.getByRole("button", { name: "Email me" }).click();
    await page.getByText(`Replies you miss are emailed to ${address}.`).waitFor();
    const visitorId = (await page.evaluate(() => localStorage.getItem("porch:visitorId")))!;
    const reply = await ownerReplies(visitorId, "Here is your answer, live.");
    await bubble(page, "Here is your answer, live.").waitFor();
    await owner.client.waitFor(
      (frame) =>
        frame.type === "seen" &&
        (frame as SeenPush).visitorId === visitorId &&
        reply.type === "sent" &&
        (frame as SeenPush).upTo === reply.message.id,
      10_000,
      "the widget saying the reply was seen",
    );
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 0);
    await page.context().close();
  });
});
