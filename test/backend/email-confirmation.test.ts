/**
 * Trust before email (issue 21, finding 3): an address a visitor gives is emailed nothing but one
 * confirmation until its recipient confirms it; a stranger's address gets at most 3 emails a day
 * from Porch whoever asks; an unsubscribed address stays unsubscribed until its recipient confirms
 * again. Emails are read back from the local SES (`GET /_aws/ses`), as a person's tools would.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { confirmationEmailLimits } from "#backend/chat/abuse-limits.ts";
import { addressHash } from "#backend/email/address.ts";
import { sealConfirmToken, sealUnsubscribeToken } from "#backend/email/link-tokens.ts";
import { keys } from "#backend/store/keys.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import { TestClient, sleep } from "../support/client.ts";
import { confirmAddress, confirmationEmailsTo, emailsTo, isConfirmationEmail, jobsDone, linkIn, pressButton } from "../support/emails.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const siteUrl = "https://blog.example/";
const delayS = 1;

describe("confirmed addresses: an address is emailed replies only once its recipient confirms it", () => {
  const ctx = useStack({ email: { siteUrl, siteName: "Crumb & Crust", delayS } });

  const emailConfirmed = async (visitorId: string) => {
    const visitor = await visitorClient(ctx.stack, visitorId);
    const hello = visitor.frames.find((frame) => frame.type === "hello");
    await visitor.close();
    return hello?.type === "hello" && "emailConfirmed" in hello ? hello.emailConfirmed : undefined;
  };

  /** A visitor's conversation: their first message, then (or before it) their address. */
  async function visitorWith(address: string, options: { addressFirst?: boolean; text?: string } = {}) {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const register = () => visitor.expectReply({ action: "register", visitorId, email: address });
    const registered = options.addressFirst ? await register() : undefined;
    await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: options.text ?? "Is the course still open?" });
    const after = registered ?? (await register());
    await visitor.close();
    return { visitorId, registered: after };
  }

  /** Waits out the reply emails' delay and the jobs it started. */
  async function settle() {
    await sleep(delayS * 1000 + 300);
    await jobsDone(ctx.stack);
  }

  async function ownerReplies(visitorIds: string[], text: string) {
    const owner = await ownerClient(ctx.stack);
    for (const visitorId of visitorIds) {
      await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    }
    await owner.client.close();
  }

  it("asks once, quoting the first message, and confirms on the page's button, never on a GET", async () => {
    const address = `ada-${randomUUID()}@example.com`;
    const hostile = `Is the <b>course</b> still open?\nSee https://blog.example/ & "thanks"`;
    const { visitorId, registered } = await visitorWith(address, { addressFirst: true, text: hostile });
    assert.equal(registered.emailConfirmed, false, "registered says the address is not confirmed");

    const [email, ...more] = await confirmationEmailsTo(ctx.stack, address);
    assert.ok(email, "the first message asked for the confirmation");
    assert.deepEqual(more, [], "one confirmation");
    assert.equal(email.Subject, "Confirm your email address for Crumb & Crust");
    assert.ok(
      email.Body.text_part!.includes("> Is the <b>course</b> still open?\n> See https://blog.example/"),
      "the first message, quoted",
    );
    assert.ok(email.Body.html_part!.includes("Is the &lt;b&gt;course&lt;/b&gt; still open?"), "escaped in the HTML part");
    assert.ok(!email.Body.html_part!.includes("<b>course"));
    assert.equal(email.Headers.find((header) => header.Name === "List-Unsubscribe-Post")?.Value, "List-Unsubscribe=One-Click");
    const confirmUrl = linkIn(email, "Confirm:");
    assert.ok(confirmUrl.startsWith(`${ctx.stack.email.unsubscribeUrl}/confirm?t=`), confirmUrl);
    assert.ok(!confirmUrl.includes(visitorId), "the link does not show the visitor id");

    for (const method of ["GET", "HEAD", "GET"]) {
      const page = await fetch(confirmUrl, { method });
      assert.equal(page.status, 200, method);
      assert.equal(page.headers.get("referrer-policy"), "no-referrer");
      if (method === "GET") {
        const html = await page.text();
        assert.ok(html.includes(address) && html.includes('<form method="post">'), "the address and a button");
      }
    }
    assert.equal(await emailConfirmed(visitorId), false, "a GET confirms nothing (mail scanners follow links)");

    const confirmed = await pressButton(confirmUrl);
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /Your address is confirmed/);
    assert.equal(await emailConfirmed(visitorId), true);
    const confirmedAt = (await scanTable(ctx.stack)).find(
      (item) => item.pk === keys.conversationPk(visitorId) && item.sk === keys.headSk,
    )!.emailConfirmedAt;
    assert.equal((await pressButton(confirmUrl)).status, 200, "pressed twice");
    const again = (await scanTable(ctx.stack)).find(
      (item) => item.pk === keys.conversationPk(visitorId) && item.sk === keys.headSk,
    )!.emailConfirmedAt;
    assert.equal(again, confirmedAt, "confirming twice keeps when it was confirmed");
  });

  it("emails no reply (so no continue link) to an unconfirmed address, and the replies once it is confirmed", async () => {
    const address = `bea-${randomUUID()}@example.com`;
    const { visitorId } = await visitorWith(address);
    await ownerReplies([visitorId], "Yes, until Friday!");
    await settle();
    const before = await emailsTo(ctx.stack, address);
    assert.deepEqual(
      before.map((email) => isConfirmationEmail(email)),
      [true],
      "only the confirmation",
    );

    await confirmAddress(ctx.stack, address);
    await ownerReplies([visitorId], "Bring a jar of starter.");
    await settle();
    const replies = (await emailsTo(ctx.stack, address)).filter((email) => !isConfirmationEmail(email));
    assert.equal(replies.length, 1, "the replies, once confirmed");
    assert.match(linkIn(replies[0]!, "Continue the conversation:"), /#porch-resume=/);
  });

  it("sends a stranger's address at most 3 emails a day, whoever asks: 3 addresses × 11 conversations at once (finding 3)", async (t) => {
    const victim = `victim-${randomUUID()}@example.com`;
    const attackers = ["127.67.0.1", "127.67.0.2", "127.67.0.3"];
    const attempts = attackers.flatMap((localAddress) =>
      Array.from({ length: 11 }, async () => {
        const visitorId = randomUUID();
        const socket = await TestClient.open(ctx.stack.socketUrl, { localAddress });
        const sent = await socket.request({ action: "send", visitorId, id: randomUUID(), text: "Hi, it's me" });
        const registered = await socket.request({ action: "register", visitorId, email: victim });
        await socket.close();
        return sent.type === "sent" && registered.type === "registered" ? visitorId : null;
      }),
    );
    const opened = (await Promise.all(attempts)).filter((visitorId) => visitorId !== null);
    await ownerReplies(opened, "Here is your answer");
    await settle();
    const emails = await emailsTo(ctx.stack, victim);
    t.diagnostic(
      `33 conversations asked from 3 addresses (${opened.length} opened), the owner answered each: the victim got ${emails.length} emails`,
    );
    assert.ok(opened.length >= 3, `${opened.length} conversations opened`);
    assert.equal(emails.length, confirmationEmailLimits.perAddress.max, "3 confirmation emails, and nothing else");
    assert.ok(emails.every(isConfirmationEmail));
  });

  it("counts an address's confirmation emails atomically: 10 racing asks, 3 counted", async () => {
    const store = new DynamoChatStore({ tableName: ctx.stack.tableName }).confirmations;
    const hash = addressHash(`race-${randomUUID()}@example.com`);
    const now = Date.now();
    const taken = await Promise.all(Array.from({ length: 10 }, () => store.takeAddressBudget(hash, now)));
    assert.equal(taken.filter(Boolean).length, confirmationEmailLimits.perAddress.max);
    assert.equal(await store.takeAddressBudget(hash, now + confirmationEmailLimits.perAddress.windowMs - 1), false, "a day is 24 hours");
    assert.equal(await store.takeAddressBudget(hash, now + confirmationEmailLimits.perAddress.windowMs), true, "then one more");
  });

  it("asks once per conversation: the address given again, or others in between, asks no more until one is confirmed", async () => {
    const [first, second, third] = [1, 2, 3].map((n) => `once-${n}-${randomUUID()}@example.com`);
    const { visitorId } = await visitorWith(first!);
    const visitor = await visitorClient(ctx.stack, visitorId);
    for (const email of [second!, first!, second!]) await visitor.expectReply({ action: "register", visitorId, email });
    assert.equal((await confirmationEmailsTo(ctx.stack, first!)).length, 1);
    assert.equal((await confirmationEmailsTo(ctx.stack, second!)).length, 0, "the conversation asked already");

    // Confirmed (it is the first address again), the conversation may ask about another one.
    await visitor.expectReply({ action: "register", visitorId, email: first! });
    await confirmAddress(ctx.stack, first!);
    const registered = await visitor.expectReply({ action: "register", visitorId, email: third! });
    assert.equal(registered.emailConfirmed, false, "another address is not confirmed");
    assert.equal((await confirmationEmailsTo(ctx.stack, third!)).length, 1);
    await visitor.close();
  });

  it("keeps an unsubscribed address unsubscribed whoever gives it again; only its recipient's confirming lifts it (finding 3)", async (t) => {
    const address = `cy-${randomUUID()}@example.com`;
    const { visitorId } = await visitorWith(address);
    const [asked] = await confirmationEmailsTo(ctx.stack, address);
    assert.equal((await pressButton(linkIn(asked!, "Confirm:"))).status, 200);
    // The recipient then has enough: the email's own link ("Never email this address").
    assert.equal((await pressButton(linkIn(asked!, "Never email this address from Crumb & Crust:"))).status, 200);
    const sentBefore = (await emailsTo(ctx.stack, address)).length;

    // The visitor ("Email me again") and two others give the address; the owner answers all three.
    const visitor = await visitorClient(ctx.stack, visitorId);
    const again = await visitor.expectReply({ action: "register", visitorId, email: address });
    assert.equal(again.emailConfirmed, false, "no longer confirmed");
    await jobsDone(ctx.stack);
    const others = [await visitorWith(address), await visitorWith(address)];
    await ownerReplies([visitorId, ...others.map((other) => other.visitorId)], "After the unsubscribe.");
    await settle();
    const since = (await emailsTo(ctx.stack, address)).slice(sentBefore);
    t.diagnostic(`after the unsubscribe, three conversations gave the address and were answered: ${since.length} email(s) went to it`);
    assert.ok(since.every(isConfirmationEmail), "no reply email");
    assert.equal(since.length, 1, "one confirmation in 30 days to an unsubscribed address");
    assert.ok(
      (await scanTable(ctx.stack)).some((item) => item.pk === keys.unsubscribedPk(addressHash(address))),
      "still unsubscribed",
    );

    // The recipient confirms again, through that one email (the visitor's): their replies are emailed again.
    assert.ok(since[0]!.Body.text_part!.includes("> Is the course still open?"));
    assert.equal((await pressButton(linkIn(since[0]!, "Confirm:"))).status, 200);
    assert.ok(!(await scanTable(ctx.stack)).some((item) => item.pk === keys.unsubscribedPk(addressHash(address))), "the unsubscribe ended");
    await ownerReplies([visitorId], "Welcome back.");
    await settle();
    const latest = (await emailsTo(ctx.stack, address)).at(-1)!;
    assert.ok(!isConfirmationEmail(latest) && latest.Body.text_part!.includes("Welcome back."), "a reply email again");
    await visitor.close();
  });

  it("answers a damaged, expired, foreign or other-purpose confirmation link with a page that confirms nothing", async () => {
    const address = `dee-${randomUUID()}@example.com`;
    const { visitorId } = await visitorWith(address);
    const key = ctx.stack.linkSigningKey;
    const base = `${ctx.stack.email.unsubscribeUrl}/confirm?t=`;
    const valid = sealConfirmToken(visitorId, addressHash(address), Date.now() + 60_000, key);
    const cases: [string, string, string, number][] = [
      ["damaged", `${base}${valid.slice(0, 20)}${valid[20] === "A" ? "B" : "A"}${valid.slice(21)}`, "POST", 400],
      ["expired", `${base}${sealConfirmToken(visitorId, addressHash(address), Date.now() - 1, key)}`, "POST", 410],
      [
        "for an address the conversation does not have",
        `${base}${sealConfirmToken(visitorId, addressHash("x@example.com"), Date.now() + 60_000, key)}`,
        "POST",
        410,
      ],
      ["an unsubscribe link's token", `${base}${sealUnsubscribeToken(visitorId, addressHash(address), key)}`, "POST", 400],
      ["no token", base, "GET", 400],
      ["another method", `${base}${valid}`, "PUT", 405],
    ];
    for (const [what, url, method, status] of cases) {
      const response = await fetch(url, { method });
      assert.equal(response.status, status, what);
      assert.equal(response.headers.get("x-frame-options"), "DENY", what);
    }
    assert.equal(await emailConfirmed(visitorId), false);
  });
});
