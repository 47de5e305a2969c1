import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { SentReply, VisitorHelloReply } from "#protocol";
import { addressHash } from "#backend/email/address.ts";
import { SesEmailSender } from "#backend/email/ses-sender.ts";
import { openReplyAddress } from "#backend/email/reply-address.ts";
import { visitorEmailSettings } from "#backend/email/settings.ts";
import { sealUnsubscribeToken } from "#backend/email/link-tokens.ts";
import { minGapMs, runReplyEmailJob } from "#backend/jobs/reply-email.ts";
import type { CapturedEmail, SesFault } from "#backend/local/ses.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import type { TestClient } from "../support/client.ts";
import { sleep } from "../support/client.ts";
import { confirmAddress, emailsTo as emailsToAddress, isConfirmationEmail, jobsDone } from "../support/emails.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

const siteUrl = "https://blog.example/";
const delayS = 1;

/** What the suite's faults do now: tests set them and put them back. */
const faults: { ses?: (to: string) => SesFault | undefined; deliveries: number; refuseJobs: boolean } = {
  deliveries: 1,
  refuseJobs: false,
};

describe("reply emails: an owner reply the visitor has not seen is emailed, once per burst", () => {
  const ctx = useStack({
    email: { siteUrl, siteName: `Blog <&> "Example"`, delayS },
    // Every test's owner leaves at its end; settle() waits for the owner-away job that schedules,
    // which nothing here is about: 1 s after, not 15 as deployed, so it does not hold up the next.
    ownerAwayGraceS: 1,
    ses: { faults: { sendEmail: (request) => faults.ses?.(request.Destination?.ToAddresses?.[0] ?? "") } },
    queue: {
      visibilityTimeoutMs: 3000,
      maxReceiveCount: 3,
      faults: { deliveries: () => faults.deliveries, sendMessage: () => faults.refuseJobs },
    },
  });

  /** A visitor who wrote from a page of the site, gave an address (which its recipient confirmed), and left the page. */
  async function visitorWhoLeft(options: { address?: string; page?: string } = {}) {
    const visitorId = randomUUID();
    const address = options.address ?? `v-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address });
    const sent = await visitor.request({
      action: "send",
      visitorId,
      id: randomUUID(),
      text: "Is the course still open?",
      page: options.page ?? `${siteUrl}posts/sourdough`,
    });
    assert.equal(sent.type, "sent");
    await visitor.close();
    await confirmAddress(ctx.stack, address);
    return { visitorId, address };
  }

  async function reply(owner: { client: TestClient; token: string }, visitorId: string, text: string): Promise<SentReply> {
    const sent = await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    assert.equal(sent.type, "sent", JSON.stringify(sent));
    return sent;
  }

  /** Waits out the delay and every job it started (and their redeliveries): jobsDone says which wait. */
  async function settle() {
    await sleep(delayS * 1000 + 200);
    await jobsDone(ctx.stack);
  }

  /** The reply emails to `address` (its confirmation emails aside). */
  async function emailsTo(address: string): Promise<CapturedEmail[]> {
    return (await emailsToAddress(ctx.stack, address)).filter((email) => !isConfirmationEmail(email));
  }

  const header = (email: CapturedEmail, name: string) => email.Headers.find((candidate) => candidate.Name === name)?.Value;
  const unsubscribeUrlOf = (email: CapturedEmail) => header(email, "List-Unsubscribe")!.slice(1, -1);

  it("emails a burst of replies in one email: the replies, the site's name, a continue link and one-click unsubscribe", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    for (const text of ["Yes, it is!", "It starts on Monday.", "Bring a jar of starter."]) await reply(owner, visitorId, text);
    await settle();

    const emails = await emailsTo(address);
    assert.equal(emails.length, 1, "one email for the burst, not one per reply");
    const [email] = emails as [CapturedEmail];
    assert.equal(email.Subject, `3 new replies from Blog <&> "Example"`);
    assert.match(email.Source, /<porch@localhost>$/);
    for (const text of ["Yes, it is!", "It starts on Monday.", "Bring a jar of starter."]) {
      assert.ok(email.Body.text_part!.includes(text), text);
      assert.ok(email.Body.html_part!.includes(text), text);
    }
    assert.ok(email.Body.html_part!.includes("Blog &lt;&amp;&gt; &quot;Example&quot;"), "the site's name, escaped");

    // The continue link: the page the visitor wrote on, with a token that stands for the visitor.
    const continueUrl = /Continue the conversation: (\S+)/.exec(email.Body.text_part!)![1]!;
    const link = new URL(continueUrl);
    assert.equal(`${link.origin}${link.pathname}`, `${siteUrl}posts/sourdough`);
    const token = /^#porch-resume=([\w-]+)$/.exec(link.hash)![1]!;
    assert.ok(!continueUrl.includes(visitorId), "the link does not show the visitor id");
    assert.ok(email.Body.html_part!.includes(`href="${continueUrl}"`));
    const stranger = await visitorClient(ctx.stack, randomUUID());
    assert.deepEqual(await stranger.request({ action: "resume", token, rid: "r" }), { type: "resumed", visitorId, rid: "r" });

    // RFC 8058 one-click unsubscribe, and the same link visible in both parts.
    const unsubscribe = unsubscribeUrlOf(email);
    assert.ok(unsubscribe.startsWith(`${ctx.stack.email.unsubscribeUrl}?t=`), unsubscribe);
    assert.equal(header(email, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    assert.ok(email.Body.text_part!.includes(`Unsubscribe: ${unsubscribe}`));
    assert.ok(email.Body.html_part!.includes(`href="${unsubscribe}"`));

    // Answers by email come back to this conversation, as the visitor (backend/email/reply-address.ts).
    const [replyTo] = email.ReplyTo as [string];
    const route = openReplyAddress(replyTo, ctx.stack.linkSigningKey, "porch.localhost", Date.now());
    assert.deepEqual(route.ok && [route.value.visitorId, route.value.side], [visitorId, "visitor"]);
    assert.ok(!replyTo.includes(visitorId));
    for (const client of [owner.client, stranger]) await client.close();
  });

  it("escapes everything from the message in the HTML part, and keeps it as it is in the text part", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)"> & 'quotes' <a href="javascript:alert(3)">x</a>`;
    await reply(owner, visitorId, hostile);
    await settle();
    const [email] = (await emailsTo(address)) as [CapturedEmail];
    assert.ok(email.Body.text_part!.includes(hostile));
    const html = email.Body.html_part!;
    assert.ok(
      html.includes(
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quotes&#39; &lt;a href=&quot;javascript:alert(3)&quot;&gt;x&lt;/a&gt;",
      ),
    );
    assert.ok(!/<script|<img|<a href="javascript/i.test(html), "no markup from the message");
    await owner.client.close();
  });

  it("does not email a reply the visitor was shown in an open panel (seen)", async () => {
    const visitorId = randomUUID();
    const address = `seen-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Hello?" });
    const owner = await ownerClient(ctx.stack);
    const sent = await reply(owner, visitorId, "Hi! Here I am.");
    await visitor.waitForPush(sent.message.id);
    await visitor.request({ action: "seen", visitorId, upTo: sent.message.id });
    await settle();
    assert.equal((await emailsTo(address)).length, 0);
    assert.ok(ctx.stack.queue.invocations().length > 0, "the job ran, and found the reply seen");
    for (const client of [visitor, owner.client]) await client.close();
  });

  it("sends one email when the job is delivered twice, concurrently", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    const runsBefore = ctx.stack.queue.invocations().length;
    faults.deliveries = 2;
    try {
      await reply(owner, visitorId, "Twice delivered, once sent.");
      await settle();
    } finally {
      faults.deliveries = 1;
    }
    assert.ok(ctx.stack.queue.invocations().length - runsBefore >= 2, "both deliveries ran");
    assert.equal((await emailsTo(address)).length, 1);
    await owner.client.close();
  });

  it("retries when SES throttles, through the queue's redelivery, and emails once; the owner's send is not held up", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    let throttled = 0;
    // The SDK tries 3 times in one run: the first run fails, the redelivery sends.
    faults.ses = (to) => (to === address && throttled++ < 3 ? "throttle" : undefined);
    try {
      const sent = await reply(owner, visitorId, "Through a throttled SES.");
      assert.equal(sent.message.text, "Through a throttled SES.");
      await settle();
    } finally {
      faults.ses = undefined;
    }
    assert.equal(throttled, 4, "3 throttled attempts, then the one that went through");
    assert.equal((await emailsTo(address)).length, 1);
    await owner.client.close();
  });

  it("gives up after the queue's last redelivery when SES keeps failing; the job goes to the dead-letter queue", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    const deadBefore = ctx.stack.queue.deadLetters().length;
    faults.ses = (to) => (to === address ? "fail" : undefined);
    try {
      await reply(owner, visitorId, "SES is down.");
      await settle();
    } finally {
      faults.ses = undefined;
    }
    assert.equal((await emailsTo(address)).length, 0);
    assert.equal(ctx.stack.queue.deadLetters().length, deadBefore + 1, "bounded: to the dead-letter queue after 3 receives");
    // SES is back: the next reply's job emails what is still unseen, once.
    await reply(owner, visitorId, "SES is back.");
    await settle();
    const emails = await emailsTo(address);
    assert.equal(emails.length, 1);
    assert.ok(emails[0]!.Body.text_part!.includes("SES is down.") && emails[0]!.Body.text_part!.includes("SES is back."));
    await owner.client.close();
  });

  it("does not retry an email SES refuses for good, and emails the next burst", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    let refused = 0;
    faults.ses = (to) => (to === address && refused++ === 0 ? "reject" : undefined);
    const runsBefore = ctx.stack.queue.invocations().length;
    try {
      await reply(owner, visitorId, "Refused.");
      await settle();
    } finally {
      faults.ses = undefined;
    }
    assert.equal(refused, 1, "asked once, not retried");
    assert.ok(
      ctx.stack.queue
        .invocations()
        .slice(runsBefore)
        .every((run) => run.outcome === "returned, 0 failed"),
    );
    assert.equal((await emailsTo(address)).length, 0);
    await reply(owner, visitorId, "Accepted.");
    await settle();
    const emails = await emailsTo(address);
    assert.equal(emails.length, 1);
    assert.ok(!emails[0]!.Body.text_part!.includes("Refused."), "the refused burst is not sent again");
    await owner.client.close();
  });

  it("sends nothing to an address unsubscribed meanwhile, on any conversation, until its recipient confirms it again", async () => {
    const address = `both-${randomUUID()}@example.com`;
    const first = await visitorWhoLeft({ address });
    const second = await visitorWhoLeft({ address });
    const owner = await ownerClient(ctx.stack);
    await reply(owner, first.visitorId, "First answer.");
    await settle();
    const [email] = (await emailsTo(address)) as [CapturedEmail];

    const unsubscribed = await fetch(unsubscribeUrlOf(email), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    assert.equal(unsubscribed.status, 200);
    await reply(owner, first.visitorId, "After the unsubscribe.");
    await reply(owner, second.visitorId, "Same address, other conversation.");
    await settle();
    assert.equal((await emailsTo(address)).length, 1, "nothing more");

    const visitor = await visitorClient(ctx.stack, first.visitorId);
    const hello = visitor.frames.find((frame) => frame.type === "hello") as VisitorHelloReply;
    assert.deepEqual(hello.emailReplies, { enabled: true, unsubscribed: true });
    assert.equal(hello.emailConfirmed, false, "the unsubscribe took the confirmation back");
    // Given again, the address is asked to confirm: it is emailed nothing else until it does.
    await visitor.request({ action: "register", visitorId: first.visitorId, email: address });
    const again = await visitor.expectReply({ action: "hello", visitorId: first.visitorId });
    assert.deepEqual(again.emailReplies, { enabled: true, unsubscribed: false });
    assert.equal(again.emailConfirmed, false);
    await reply(owner, second.visitorId, "Still unsubscribed.");
    await settle();
    assert.equal((await emailsTo(address)).length, 1, "still nothing more");
    await confirmAddress(ctx.stack, address);
    await visitor.close();
    // Confirmed again on one conversation, the address gets the other's replies too (that one had
    // no email yet, so no gap between emails holds it back).
    await reply(owner, second.visitorId, "Welcome back.");
    await settle();
    const emails = await emailsTo(address);
    assert.equal(emails.length, 2, "emailed again once confirmed again");
    assert.ok(emails[1]!.Body.text_part!.includes("Welcome back."));
    await owner.client.close();
  });

  it("sends nothing for a conversation deleted meanwhile, or an address removed meanwhile, and the jobs finish", async () => {
    const deleted = await visitorWhoLeft();
    const removed = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    await reply(owner, deleted.visitorId, "About to be deleted.");
    await reply(owner, removed.visitorId, "About to lose its address.");
    await owner.client.request({ action: "delete", token: owner.token, visitorId: deleted.visitorId });
    const visitor = await visitorClient(ctx.stack, removed.visitorId);
    await visitor.request({ action: "register", visitorId: removed.visitorId, email: "" });
    const runsBefore = ctx.stack.queue.invocations().length;
    await settle();
    assert.equal((await emailsTo(deleted.address)).length, 0);
    assert.equal((await emailsTo(removed.address)).length, 0);
    assert.ok(
      ctx.stack.queue
        .invocations()
        .slice(runsBefore)
        .every((run) => run.outcome === "returned, 0 failed"),
    );
    for (const client of [visitor, owner.client]) await client.close();
  });

  it("answers the owner's send when the job cannot be queued, and logs why", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    faults.refuseJobs = true;
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => void logged.push(String(line));
    process.env.PORCH_LOG_LEVEL = "warn";
    try {
      const sent = await reply(owner, visitorId, "Queue down.");
      assert.equal(sent.message.text, "Queue down.");
    } finally {
      faults.refuseJobs = false;
      process.env.PORCH_LOG_LEVEL = "silent";
      console.log = log;
    }
    assert.ok(
      logged.some((line) => line.includes("reply email not queued")),
      logged.join("\n"),
    );
    await settle();
    assert.equal((await emailsTo(address)).length, 0);
    await owner.client.close();
  });

  it("waits 10 minutes after an email before the next burst's email, then sends it (the job comes back after the gap)", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const owner = await ownerClient(ctx.stack);
    await reply(owner, visitorId, "First burst.");
    await settle();
    assert.equal((await emailsTo(address)).length, 1);
    const second = await reply(owner, visitorId, "Second burst, soon after.");
    await settle();
    assert.equal((await emailsTo(address)).length, 1, "not yet: within the gap");

    // The job that comes back after the gap, run as the jobs function would then.
    const store = new DynamoChatStore({ tableName: ctx.stack.tableName });
    const comesBack: number[] = [];
    const run = await runReplyEmailJob(
      { type: "reply-email", visitorId, replyId: second.message.id },
      store.replyEmails,
      {
        settings: visitorEmailSettings(process.env),
        sender: new SesEmailSender(),
        linkKey: ctx.stack.linkSigningKey,
        now: () => Date.now() + minGapMs,
        claimToken: randomUUID,
      },
      async (delaySeconds) => void comesBack.push(delaySeconds),
    );
    assert.match(run.summary, /^emailed 1 reply/);
    assert.deepEqual(comesBack, []);
    const emails = await emailsTo(address);
    assert.equal(emails.length, 2);
    assert.ok(emails[1]!.Body.text_part!.includes("Second burst") && !emails[1]!.Body.text_part!.includes("First burst"));
    await owner.client.close();
  });

  it("lets one run claim a burst's send; another finds it busy, or done, and takes over a claim left by a run that died", async () => {
    const { visitorId } = await visitorWhoLeft();
    const store = new DynamoChatStore({ tableName: ctx.stack.tableName }).replyEmails;
    const now = Date.now();
    const claim = (token: string, upToAt: number, nowMs: number) =>
      store.claimReplyEmail(visitorId, { token, upToAt, nowMs, abandonedBeforeMs: nowMs - 60_000 });
    const racing = await Promise.all(["a", "b", "c", "d"].map((token) => claim(token, now, now)));
    assert.deepEqual(racing.map((outcome) => outcome.outcome).sort(), ["busy", "busy", "busy", "claimed"]);
    const winner = ["a", "b", "c", "d"][racing.findIndex((outcome) => outcome.outcome === "claimed")]!;
    assert.deepEqual(await claim(winner, now, now), { outcome: "claimed" }, "the winner's own retried write is still its claim");
    // The winner dies: a minute later its claim is abandoned, and a redelivery takes it over.
    assert.deepEqual(await claim("redelivery", now, now + 60_001), { outcome: "claimed" });
    const message = { id: randomUUID(), visitorId, from: "owner" as const, text: "x", sentAt: now };
    assert.equal(await store.finishReplyEmail(visitorId, winner, { upTo: message, nowMs: now }), false, "the dead run's claim is gone");
    assert.equal(await store.finishReplyEmail(visitorId, "redelivery", { upTo: message, nowMs: now, messageId: "m" }), true);
    assert.deepEqual(await claim("late", now, now + 1), { outcome: "done" }, "emailed: nothing left to claim");
    assert.deepEqual(await claim("next burst", now + 1, now + 2), { outcome: "claimed" });
  });

  it("records who unsubscribed by the address's hash only, and the conversation's flag", async () => {
    const { visitorId, address } = await visitorWhoLeft();
    const token = sealUnsubscribeToken(visitorId, addressHash(address), ctx.stack.linkSigningKey);
    const response = await fetch(`${ctx.stack.email.unsubscribeUrl}?t=${token}`, { method: "POST" });
    assert.equal(response.status, 200);
    const items = await scanTable(ctx.stack);
    assert.ok(items.some((item) => item.pk === keys.unsubscribedPk(addressHash(address))));
    assert.ok(
      !items.some((item) => String(item.pk).startsWith(keys.unsubscribedPk("")) && JSON.stringify(item).includes(address)),
      "no address in clear",
    );
    assert.equal(
      typeof items.find((item) => item.pk === keys.conversationPk(visitorId) && item.sk === keys.headSk)?.emailUnsubscribedAt,
      "number",
    );
  });
});

describe("reply emails where they are off", () => {
  const ctx = useStack();

  it("says so in hello, and queues no job for a reply", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const hello = visitor.frames.find((frame) => frame.type === "hello") as VisitorHelloReply;
    assert.deepEqual(hello.emailReplies, { enabled: false, unsubscribed: false });
    await visitor.request({ action: "register", visitorId, email: "off@example.com" });
    // The owner is online before the visitor writes: no notification, so no digest job either.
    const owner = await ownerClient(ctx.stack);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Hello" });
    await owner.client.request({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "Hi" });
    // (Not the owner-away job the owner's hello scheduled a lease later.)
    await ctx.stack.queue.idle(5000, { dueWithinMs: 3000 });
    assert.equal(ctx.stack.queue.invocations().length, 0);
    assert.equal((await ctx.stack.ses.messages()).length, 0);
    for (const client of [visitor, owner.client]) await client.close();
  });
});
