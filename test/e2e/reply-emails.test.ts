/**
 * Reply emails end to end, in system Chromium: a visitor writes on the demo blog (its own origin,
 * the widget embedded from the Porch site's) while the owner is away, gives an address in the
 * panel's one-line offer and leaves; the address's recipient confirms it from the confirmation
 * email; the owner replies over the protocol; the local SES captures the email (read back at
 * `GET /_aws/ses`, as a person's tools would); its "Continue the conversation" link opens the
 * conversation in a fresh browser, and asks first in a browser that holds a conversation of its
 * own; its unsubscribe link shows a page, and its button stops further emails.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { StaticServer } from "#backend/local/static.ts";
import type { SeenPush } from "#protocol";
import { findings, looks } from "../support/audit.ts";
import { buildAndLaunch, collectProblems } from "../support/browser.ts";
import { sleep } from "../support/client.ts";
import {
  confirmAddress,
  confirmationEmailsTo,
  emailsTo as emailsToAddress,
  isConfirmationEmail,
  jobsDone,
  linkIn,
} from "../support/emails.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";
import { bubble, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

const delayS = 2;

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
  // The owner is away (no owner connection stays open), as the email offer needs; they answer
  // from a connection of their own, and visitors hear they left again a second later.
  const ctx = useStack({
    get email() {
      return { siteUrl: blog.url, siteName: "Crumb & Crust", delayS };
    },
    ownerAwayGraceS: 1,
  });
  let browser: Browser;
  const pageProblems: string[] = [];

  before(async () => {
    browser = await buildAndLaunch();
  });
  afterEach(() => assert.deepEqual(pageProblems.splice(0), [], "the page logged errors"));
  after(async () => {
    await browser?.close();
    await blog?.close();
  });

  async function ownerReplies(visitorId: string, text: string) {
    const owner = await ownerClient(ctx.stack);
    const reply = await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    await owner.client.close();
    return reply;
  }

  /** The reply emails to `address` (its confirmation emails aside). */
  async function emailsTo(address: string): Promise<CapturedEmail[]> {
    return (await emailsToAddress(ctx.stack, address)).filter((email) => !isConfirmationEmail(email));
  }

  /** Waits past the delay, and until the jobs it started (and any redelivery) are done. */
  async function afterTheDelay() {
    await sleep(delayS * 1000 + 300);
    await jobsDone(ctx.stack);
  }

  const newPage = async (options = {}) => collectProblems(await (await browser.newContext(options)).newPage(), pageProblems);

  /** A visitor writes from the blog while the owner is away, and gives their address in the panel's one-line offer. */
  async function writesAndGivesAddress(page: Page, address: string, text: string) {
    await page.goto(`${blog.url}index.html`);
    await openChat(page);
    await say(page, text);
    const field = page.getByRole("textbox", { name: "Get the reply by email" });
    await field.fill(address);
    await page.getByRole("button", { name: "Email me" }).click();
    await page.getByText(`Check your inbox to confirm ${address}.`).waitFor();
    assert.equal(await field.count(), 0, "the offer is gone once given");
    return visitorIdOf(page);
  }

  /** A visitor who writes from the blog, gives their address (which its recipient confirms), then closes the page. */
  async function visitorWhoLeaves(address: string) {
    const page = await newPage();
    const visitorId = await writesAndGivesAddress(page, address, `Is the course still open? (${address.split("@")[0]})`);
    await page.context().close();
    await confirmAddress(ctx.stack, address);
    return visitorId;
  }

  it("asks the address's recipient to confirm it: the email quotes the first message, its page confirms on its button", async () => {
    const address = `dot-${randomUUID()}@example.com`;
    const visitorPage = await newPage();
    const visitorId = await writesAndGivesAddress(visitorPage, address, "Is the rye class on Saturdays?");
    await visitorPage.context().close();
    const [email, ...more] = await confirmationEmailsTo(ctx.stack, address);
    assert.ok(email && more.length === 0, "one confirmation email");
    assert.equal(email.Subject, "Confirm your email address for Crumb & Crust");
    assert.ok(email.Body.text_part!.includes("> Is the rye class on Saturdays?"), "the first message, quoted");

    const problems: string[] = [];
    for (const look of looks) {
      const page = await newPage(look.options);
      await page.goto(linkIn(email, "Confirm:"));
      await page.getByRole("heading", { name: "Confirm your email address?" }).waitFor();
      await page.getByText(address).waitFor();
      problems.push(...(await findings(page, `the confirmation page, ${look.name}`)));
      await page.context().close();
    }
    assert.deepEqual(problems, [], "axe-core and the audit find nothing, light and dark, desktop and phone");
    const visitor = await visitorClient(ctx.stack, visitorId);
    assert.equal((await visitor.expectReply({ action: "hello", visitorId })).emailConfirmed, false, "opening the page confirmed nothing");

    const page = await newPage();
    await page.goto(linkIn(email, "Confirm:"));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "Your address is confirmed" }).waitFor();
    assert.equal((await visitor.expectReply({ action: "hello", visitorId })).emailConfirmed, true);
    await visitor.close();
    await page.context().close();
  });

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
    const page = await newPage();
    await page.goto(continueUrl);
    await bubble(page, "Bring a jar of starter.").waitFor();
    await bubble(page, "Yes, until Friday!").waitFor();
    await bubble(page, "Is the course still open? (ada-").waitFor();
    assert.equal(page.url(), `${blog.url}index.html`, "the token is gone from the address bar");
    assert.equal(await page.evaluate(() => localStorage.getItem("porch:visitorId")), visitorId);
    assert.equal(await page.getByText("Open the conversation from your email?").count(), 0, "nothing to ask: the browser had none");
    await page.context().close();
  });

  it("asks before a link replaces the browser's own conversation; what the visitor writes meanwhile stays theirs (finding 2)", async () => {
    const address = `eve-${randomUUID()}@example.com`;
    const linked = await visitorWhoLeaves(address);
    await ownerReplies(linked, "Here is the answer you asked for.");
    await afterTheDelay();
    const [email] = (await emailsTo(address)) as [CapturedEmail];
    const continueUrl = linkIn(email, "Continue the conversation:");

    // Someone with a conversation of their own on this browser opens the link (in a new tab, as from an email).
    const ownPage = await newPage();
    await ownPage.goto(`${blog.url}index.html`);
    await openChat(ownPage);
    await say(ownPage, "My own question");
    await ownPage.locator("li.mine", { hasText: "Sent" }).waitFor();
    const own = await visitorIdOf(ownPage);
    const page = collectProblems(await ownPage.context().newPage(), pageProblems);
    await ownPage.close();
    await page.goto(continueUrl);
    await page.getByText("Open the conversation from your email?").waitFor();
    await bubble(page, "My own question").waitFor();
    assert.equal(await visitorIdOf(page), own, "nothing switched");
    assert.deepEqual(await findings(page, "the question before opening a link's conversation"), []);

    // What they write now goes to their own conversation, never to the link's.
    await say(page, "My phone is 555-0100");
    await page.locator("li.mine", { hasText: "My phone is 555-0100" }).getByText("Sent").waitFor();
    const owner = await ownerClient(ctx.stack);
    const history = async (visitorId: string) =>
      (await owner.client.expectReply({ action: "list", token: owner.token, visitorId })).messages.map((message) => message.text);
    assert.ok((await history(own)).includes("My phone is 555-0100"));
    assert.ok(!(await history(linked)).includes("My phone is 555-0100"));

    // Opened on request, the link's conversation shows; their own stays a click away.
    await page.getByRole("button", { name: "Open it" }).click();
    await bubble(page, "Here is the answer you asked for.").waitFor();
    assert.equal(await visitorIdOf(page), linked);
    await page.getByText("You have another conversation on this device.").waitFor();
    await page.getByRole("button", { name: "Switch" }).click();
    await bubble(page, "My phone is 555-0100").waitFor();
    assert.equal(await visitorIdOf(page), own);
    await owner.client.close();
    await page.context().close();
  });

  it("tells a visitor whose link has expired or was damaged, and changes nothing", async () => {
    const page = await newPage();
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
      await confirmAddress(ctx.stack, address);
    }
    await ownerReplies(first, "An answer.");
    await afterTheDelay();
    const [email] = (await emailsTo(address)) as [CapturedEmail];
    const unsubscribeUrl = email.Headers.find((header) => header.Name === "List-Unsubscribe")!.Value.slice(1, -1);
    assert.ok(email.Body.html_part!.includes(`href="${unsubscribeUrl}"`), "the same link, visible in the email");

    // Open it as a person (or a mail scanner) would: a page with a button, and nothing unsubscribed.
    const page = await newPage();
    await page.goto(unsubscribeUrl);
    await page.getByRole("heading", { name: "Stop reply emails?" }).waitFor();
    await page.getByText(address).waitFor();
    assert.deepEqual(await findings(page, "the unsubscribe page"), [], "axe-core and the audit find nothing on the page");
    await ownerReplies(others[0]!, "Answered after the GET.");
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 2, "GET unsubscribed nothing");

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You are unsubscribed" }).waitFor();
    await ownerReplies(others[1]!, "Answered after the unsubscribe.");
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 2, "nothing after the unsubscribe");
    await page.context().close();
  });

  it("does not email a reply shown in an open panel on a visible page", async () => {
    const address = `cy-${randomUUID()}@example.com`;
    const page = await newPage();
    const visitorId = await writesAndGivesAddress(page, address, "I'll wait here.");
    await confirmAddress(ctx.stack, address);
    const owner = await ownerClient(ctx.stack);
    const reply = await owner.client.expectReply({
      action: "send",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "Here is your answer, live.",
    });
    await bubble(page, "Here is your answer, live.").waitFor();
    await owner.client.waitFor(
      (frame) => frame.type === "seen" && (frame as SeenPush).visitorId === visitorId && (frame as SeenPush).upTo === reply.message.id,
      10_000,
      "the widget saying the reply was seen",
    );
    await owner.client.close();
    await afterTheDelay();
    assert.equal((await emailsTo(address)).length, 0);
    await page.context().close();
  });
});
