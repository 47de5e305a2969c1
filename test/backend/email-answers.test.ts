/**
 * Answers by email (backend/inbound/receive.ts), through the local SMTP server as a mail server
 * would deliver them: what lands, and what an attacker cannot make land.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ChatMessage } from "#protocol";
import { replyAddress } from "#backend/email/reply-address.ts";
import { cutNote } from "#backend/chat/email-answer.ts";
import { fileNote, tooManyFilesNote } from "#backend/chat/email-files.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import { makePng, storedObjects } from "../support/attachments.ts";
import { sleep, withinOneWindow } from "../support/client.ts";
import { answerTo, deliver, type SenderDomain, senderDomain } from "../support/email-answers.ts";
import { confirmAddress, emailsTo, isConfirmationEmail, jobsDone } from "../support/emails.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const ownerAddress = "owner@owner.example";
const siteUrl = "https://blog.example/";
const delayS = 1;

describe("answers by email", () => {
  // 100 KB a file: a test's oversized file stays small.
  const maxMb = 0.1;
  const ctx = useStack({
    ownerEmail: ownerAddress,
    ownerAwayGraceS: 1,
    email: { siteUrl, siteName: "Crumb", delayS },
    attachments: { maxMb },
  });
  let ownerMail: SenderDomain;
  let visitorMail: SenderDomain;
  let attackerMail: SenderDomain;

  async function domains() {
    ownerMail ??= await senderDomain(ctx.stack, "owner.example", "127.0.0.21");
    visitorMail ??= await senderDomain(ctx.stack, "visitor.example", "127.0.0.22");
    attackerMail ??= await senderDomain(ctx.stack, "attacker.example", "127.0.0.66");
  }

  /** Waits for an email to `address` matching `match`. */
  async function emailTo(address: string, match: (email: CapturedEmail) => boolean = () => true): Promise<CapturedEmail> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
      const found = (await emailsTo(ctx.stack, address)).filter((email) => !isConfirmationEmail(email) && match(email)).at(-1);
      if (found) return found;
    }
    throw new Error(`no email to ${address}`);
  }

  /**
   * A visitor who writes while the owner is away, and keeps their tab open; and the owner's
   * notification. A window emails the owner at once three times only (then a digest): the first
   * test answers the email that came, the others an email with the same Reply-To.
   */
  async function visitorWrites(text = "Is the sourdough class still on?", options: { emailed?: boolean } = {}) {
    await domains();
    const visitorId = randomUUID();
    const tab = await visitorClient(ctx.stack, visitorId);
    assert.equal((await tab.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    const replyTo = replyAddress(
      { visitorId, side: "owner", expiresAtMs: Date.now() + 3600_000 },
      ctx.stack.linkSigningKey,
      "porch.localhost",
    );
    const notification = options.emailed
      ? await emailTo(ownerAddress, (email) => email.ReplyTo.length > 0 && email.Body.text_part!.includes(text))
      : ({
          Subject: "New message on Crumb",
          ReplyTo: [replyTo],
          Body: { text_part: `A visitor wrote: ${text}`, html_part: null },
        } as CapturedEmail);
    return { visitorId, tab, notification };
  }

  /** A visitor with a confirmed address who got the owner's reply by email. */
  async function visitorWithReplyEmail() {
    await domains();
    const visitorId = randomUUID();
    const address = `v-${visitorId.slice(0, 8)}@visitor.example`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Can I bring a friend?", page: `${siteUrl}classes` });
    await visitor.close();
    await confirmAddress(ctx.stack, address);
    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text: "Of course!" });
    await owner.client.close();
    await sleep(delayS * 1000 + 200);
    await jobsDone(ctx.stack);
    return { visitorId, address, replyEmail: await emailTo(address) };
  }

  /** The conversation's messages, as the owner's inbox reads them. */
  async function messagesOf(visitorId: string): Promise<ChatMessage[]> {
    const owner = await ownerClient(ctx.stack);
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId, limit: 100 });
    await owner.client.close();
    return history.messages;
  }

  it("lands the owner's answer in the conversation and pushes it to the visitor's open tab, without the quote or signature", async () => {
    const { visitorId, tab, notification } = await visitorWrites("Is the sourdough class still on?", { emailed: true });
    await deliver(ctx.stack, answerTo(notification, ownerAddress, "Yes, Monday at 10. Bring a jar!"), ownerMail);
    const push = await tab.waitFor((frame) => frame.type === "message" && frame.message.from === "owner");
    assert.equal(push.type === "message" && push.message.text, "Yes, Monday at 10. Bring a jar!");
    const messages = await messagesOf(visitorId);
    assert.deepEqual(
      messages.map((message) => [message.from, message.text]),
      [
        ["visitor", "Is the sourdough class still on?"],
        ["owner", "Yes, Monday at 10. Bring a jar!"],
      ],
    );
    await tab.close();
  });

  it("lands the visitor's answer from their confirmed address and pushes it to the owner's inbox", async () => {
    const { visitorId, address, replyEmail } = await visitorWithReplyEmail();
    const inbox = await ownerClient(ctx.stack);
    await deliver(ctx.stack, answerTo(replyEmail, address, "Great, we will be two.", "appleMail"), visitorMail);
    const push = await inbox.client.waitFor((frame) => frame.type === "message" && frame.message.visitorId === visitorId);
    assert.equal(push.type === "message" && push.message.text, "Great, we will be two.");
    assert.equal(push.type === "message" && push.message.from, "visitor");
    await inbox.client.close();
  });

  it("keeps only the new text of Gmail, Apple Mail and Outlook answers, and of HTML-only mail", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const apps = ["gmail", "appleMail", "outlook"] as const;
    for (const app of apps) await deliver(ctx.stack, answerTo(notification, ownerAddress, `Answer from ${app}.`, app), ownerMail);
    const outlook = answerTo(notification, ownerAddress, "HTML only, from Outlook on the web.", "outlook");
    await deliver(ctx.stack, { ...outlook, text: undefined }, ownerMail);
    const gmail = answerTo(notification, ownerAddress, "HTML only, from Gmail.", "gmail");
    await deliver(ctx.stack, { ...gmail, text: undefined }, ownerMail);
    const texts = (await messagesOf(visitorId)).filter((message) => message.from === "owner").map((message) => message.text);
    assert.deepEqual(texts, [
      "Answer from gmail.",
      "Answer from appleMail.",
      "Answer from outlook.",
      "HTML only, from Outlook on the web.",
      "HTML only, from Gmail.",
    ]);
    await tab.close();
  });

  it("leaves out the footers phones add without a signature line, in text and in HTML-only mail", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const footers = [
      "Sent from my iPhone",
      "Get Outlook for iOS",
      "Get Outlook for Android<https://aka.ms/ghei36>",
      "Sent from my Galaxy",
      "Sent from Yahoo Mail for iPhone",
      "Sent from Proton Mail mobile",
      "Enviado desde mi iPhone",
    ];
    for (const [n, footer] of footers.entries()) {
      const to = notification.ReplyTo[0]!;
      await deliver(ctx.stack, { from: ownerAddress, to, text: `Plain answer ${n}.\n\n${footer}\n` }, ownerMail);
      await deliver(
        ctx.stack,
        { from: ownerAddress, to, html: `<div>HTML answer ${n}.</div><div><br></div><div>${footer}</div>` },
        ownerMail,
      );
    }
    const texts = (await messagesOf(visitorId)).filter((message) => message.from === "owner").map((message) => message.text);
    assert.deepEqual(
      texts,
      footers.flatMap((_, n) => [`Plain answer ${n}.`, `HTML answer ${n}.`]),
    );
    await tab.close();
  });

  it("cuts an answer longer than a message, with a note", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const long = "All about starters. ".repeat(400).trim();
    await deliver(ctx.stack, { from: ownerAddress, to: notification.ReplyTo[0]!, text: long }, ownerMail);
    const [cut] = (await messagesOf(visitorId)).filter((message) => message.from === "owner") as [ChatMessage];
    assert.ok(cut.text.endsWith(cutNote) && Array.from(cut.text).length <= 4000, `${cut.text.length} characters`);
    await tab.close();
  });

  it("gives the owner's mailed photos to the visitor's open tab as attachments, leaving out the signature's logo", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const photo = Buffer.from(makePng(64, 64));
    const logo = Buffer.from(makePng(8, 8));
    // Apple Mail attaches a photo `inline`, without a cid: a file all the same.
    const attached = Buffer.from(makePng(32, 32));
    const answer = answerTo(notification, ownerAddress, "Here is the jar.");
    await deliver(
      ctx.stack,
      {
        ...answer,
        html: `<div dir="ltr">Here is the jar.<br><img src="cid:jar@owner.example"></div><div class="gmail_signature"><img src="cid:logo@owner.example"> Crumb</div>`,
        attachments: [
          { filename: "jar.png", content: photo, contentType: "image/png", cid: "jar@owner.example" },
          { filename: "logo.png", content: logo, contentType: "image/png", cid: "logo@owner.example" },
          { filename: "IMG_0001.png", content: attached, contentType: "image/png", contentDisposition: "inline" },
        ],
      },
      ownerMail,
    );
    const push = await tab.waitFor((frame) => frame.type === "message" && frame.message.from === "owner");
    assert.ok(push.type === "message");
    assert.equal(push.message.text, "Here is the jar.");
    assert.deepEqual(
      push.message.attachments?.map(({ name, contentType, size }) => ({ name, contentType, size })).sort((a, b) => a.size - b.size),
      [
        { name: "IMG_0001.png", contentType: "image/png", size: attached.length },
        { name: "jar.png", contentType: "image/png", size: photo.length },
      ],
    );
    const download = await fetch(push.message.attachments.find((attachment) => attachment.name === "jar.png")!.url!);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), photo);
    await jobsDone(ctx.stack);
    const [listed] = (await messagesOf(visitorId)).filter((message) => message.from === "owner");
    assert.equal(listed?.attachments?.length, 2, "the history has them too, after the check of their bytes");
    assert.ok(listed.attachments.every((attachment) => attachment.removed === undefined));
    await tab.close();
  });

  it("keeps a visitor's mailed text and leaves out a file of a type not taken, one too large and one that lies, with notes", async () => {
    const { visitorId, address, replyEmail } = await visitorWithReplyEmail();
    const inbox = await ownerClient(ctx.stack);
    await deliver(
      ctx.stack,
      {
        ...answerTo(replyEmail, address, "The files you asked for."),
        attachments: [
          { filename: "menu.html", content: "<p>menu</p>", contentType: "text/html" },
          { filename: "huge.png", content: Buffer.from(makePng(256, 256)), contentType: "image/png" },
          { filename: "photo.jpg", content: Buffer.from(makePng(16, 16)), contentType: "image/jpeg" },
        ],
      },
      visitorMail,
    );
    const push = await inbox.client.waitFor((frame) => frame.type === "message" && frame.message.visitorId === visitorId);
    assert.ok(push.type === "message");
    assert.equal(
      push.message.text,
      [
        "The files you asked for.",
        fileNote("menu.html", "this site does not take text/html files"),
        fileNote("huge.png", `the file is larger than ${maxMb} MB`),
        fileNote("photo.jpg", "it is not the image/jpeg it says it is"),
      ].join("\n\n"),
    );
    assert.equal(push.message.attachments, undefined);
    assert.deepEqual(
      (await storedObjects(ctx.stack)).filter((key) => key.includes(visitorId)),
      [],
      "no object stored",
    );
    await inbox.client.close();
  });

  it("takes 10 files an email, and a visitor's mailed files count against their 20 uploads an hour", async () => {
    const { visitorId, address, replyEmail } = await visitorWithReplyEmail();
    const files = (email: number, count: number) =>
      Array.from({ length: count }, (_, n) => ({ filename: `note-${email}-${n}.txt`, content: `note ${n}` }));
    for (const [email, count] of [
      [1, 12],
      [2, 12],
      [3, 1],
    ] as const) {
      await deliver(ctx.stack, { ...answerTo(replyEmail, address, `Batch ${email}.`), attachments: files(email, count) }, visitorMail);
    }
    const batches = (await messagesOf(visitorId)).filter((message) => message.text.startsWith("Batch"));
    assert.deepEqual(
      batches.map((message) => [message.text, message.attachments?.length ?? 0]),
      [
        [`Batch 1.\n\n${tooManyFilesNote(2)}`, 10],
        [`Batch 2.\n\n${tooManyFilesNote(2)}`, 10],
        [`Batch 3.\n\n${fileNote("note-3-0.txt", "you are sending files too fast: wait a while")}`, 0],
      ],
    );
    assert.equal((await storedObjects(ctx.stack)).filter((key) => key.includes(visitorId)).length, 20);
  });

  it("stores one message and one object for an email with a file delivered three times", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const answer = {
      ...answerTo(notification, ownerAddress, "The recipe."),
      messageId: `<${randomUUID()}@owner.example>`,
      attachments: [{ filename: "recipe.txt", content: "flour, water, salt" }],
    };
    await deliver(ctx.stack, answer, ownerMail);
    await Promise.all([deliver(ctx.stack, answer, ownerMail), deliver(ctx.stack, answer, ownerMail)]);
    const owners = (await messagesOf(visitorId)).filter((message) => message.from === "owner");
    assert.deepEqual(
      owners.map((message) => [message.text, message.attachments?.map((attachment) => attachment.name)]),
      [["The recipe.", ["recipe.txt"]]],
    );
    assert.equal((await storedObjects(ctx.stack)).filter((key) => key.includes(visitorId)).length, 1);
    await tab.close();
  });

  it("stores one message for an email delivered twice", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const answer = { ...answerTo(notification, ownerAddress, "Only once, please."), messageId: `<${randomUUID()}@owner.example>` };
    await deliver(ctx.stack, answer, ownerMail);
    await Promise.all([deliver(ctx.stack, answer, ownerMail), deliver(ctx.stack, answer, ownerMail)]);
    const owners = (await messagesOf(visitorId)).filter((message) => message.from === "owner");
    assert.deepEqual(
      owners.map((message) => message.text),
      ["Only once, please."],
    );
    await tab.close();
  });

  it("stores nothing from a forged sender: the owner's From without SPF or DKIM, or with another domain's", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    // From the owner's address, sent from a machine the owner's SPF does not name, unsigned.
    await deliver(ctx.stack, answerTo(notification, ownerAddress, "Forged: unsigned."));
    // The attacker's own domain passes SPF and DKIM, but neither is the From domain's.
    await deliver(
      ctx.stack,
      { ...answerTo(notification, ownerAddress, "Forged: signed elsewhere."), envelopeFrom: "x@attacker.example" },
      attackerMail,
    );
    // The attacker's own address is no owner.
    await deliver(ctx.stack, answerTo(notification, "eve@attacker.example", "Forged: not the owner."), attackerMail);
    // The owner's own answer to the same address lands: only the forgeries were refused.
    await deliver(ctx.stack, answerTo(notification, ownerAddress, "The real owner."), ownerMail);
    assert.deepEqual(
      (await messagesOf(visitorId)).map((message) => message.text),
      [notification.Body.text_part!.replace("A visitor wrote: ", ""), "The real owner."],
    );
    await tab.close();
  });

  it("stores nothing for an unknown, tampered, expired or foreign reply address", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const other = await visitorWithReplyEmail();
    const [local, domain] = notification.ReplyTo[0]!.split("@") as [string, string];
    const tampered = `${local.slice(0, -1)}${local.endsWith("a") ? "b" : "a"}@${domain}`;
    const expired = replyAddress({ visitorId, side: "owner", expiresAtMs: Date.now() - 3600_000 }, ctx.stack.linkSigningKey, domain);
    const forged = replyAddress({ visitorId, side: "owner", expiresAtMs: Date.now() + 3600_000 }, "not the key", domain);
    for (const to of [`reply+nothing@${domain}`, `hello@${domain}`, tampered, expired, forged]) {
      await deliver(ctx.stack, { ...answerTo(notification, ownerAddress, `To ${to}`), to }, ownerMail);
    }
    // Another visitor's confirmed address answering this conversation's notification, and the
    // owner's visitor-side address of another conversation.
    await deliver(ctx.stack, answerTo(notification, other.address, "Not my conversation."), visitorMail);
    await deliver(ctx.stack, answerTo(other.replyEmail, ownerAddress, "Not as the visitor."), ownerMail);
    await deliver(ctx.stack, answerTo(notification, ownerAddress, "Through the right address."), ownerMail);
    assert.deepEqual(
      (await messagesOf(visitorId)).map((message) => message.from),
      ["visitor", "owner"],
    );
    assert.deepEqual(
      (await messagesOf(other.visitorId)).map((message) => message.from),
      ["visitor", "owner"],
    );
    await tab.close();
  });

  it("stores nothing from auto-replies, bulk mail or bounces", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const answer = (text: string) => answerTo(notification, ownerAddress, text);
    await deliver(ctx.stack, { ...answer("I am on holiday."), headers: { "Auto-Submitted": "auto-replied" } }, ownerMail);
    await deliver(ctx.stack, { ...answer("Newsletter."), headers: { Precedence: "bulk" } }, ownerMail);
    await deliver(ctx.stack, { ...answer("Out of office."), headers: { "X-Autoreply": "yes" } }, ownerMail);
    await deliver(ctx.stack, { ...answer("Delivery failed."), envelopeFrom: "MAILER-DAEMON@owner.example" }, ownerMail);
    await deliver(ctx.stack, answer("A person wrote this."), ownerMail);
    assert.deepEqual(
      (await messagesOf(visitorId)).map((message) => message.text),
      [notification.Body.text_part!.replace("A visitor wrote: ", ""), "A person wrote this."],
    );
    await tab.close();
  });

  it("counts a flood of visitor answers against the visitor's message limit", async () => {
    await withinOneWindow(60_000, 40_000);
    const { visitorId, address, replyEmail } = await visitorWithReplyEmail();
    await Promise.all(Array.from({ length: 50 }, (_, n) => deliver(ctx.stack, answerTo(replyEmail, address, `Flood ${n}`), visitorMail)));
    const fromVisitor = (await messagesOf(visitorId)).filter((message) => message.from === "visitor");
    // 20 a minute (protocol/limits.ts), the visitor's first message among them.
    assert.equal(fromVisitor.length, 20);
  });

  it("stores each of 50 concurrent owner answers once, in the order of their Date, not of their arrival", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    // A Date has whole seconds: one a second, the last a second ago.
    const firstDateMs = Math.floor(Date.now() / 1000) * 1000 - 50_000;
    const answers = Array.from({ length: 50 }, (_, n) => ({
      ...answerTo(notification, ownerAddress, `Answer ${n}`),
      date: new Date(firstDateMs + n * 1000),
    }));
    const shuffled = answers.map((answer) => ({ answer, order: Math.random() })).sort((a, b) => a.order - b.order);
    await Promise.all(shuffled.map(({ answer }) => deliver(ctx.stack, answer, ownerMail)));
    const visitor = await visitorClient(ctx.stack, visitorId);
    const history = await visitor.expectReply({ action: "list", visitorId, limit: 100 });
    const owners = history.messages.filter((message) => message.from === "owner");
    assert.deepEqual(
      owners.map((message) => message.text),
      answers.map((_, n) => `Answer ${n}`),
    );
    // Each at the end of its Date's second (backend/inbound/receive.ts, `sentAtOf`).
    assert.deepEqual(
      owners.map((message) => message.sentAt),
      answers.map((answer) => answer.date.getTime() + 999),
    );
    await visitor.close();
    await tab.close();
  });

  it("places an answer whose Date is in the future, or older than a reply address lives, at its arrival", async () => {
    const { visitorId, tab, notification } = await visitorWrites();
    const before = Date.now();
    await deliver(ctx.stack, { ...answerTo(notification, ownerAddress, "From the future."), date: new Date(before + 3600_000) }, ownerMail);
    await deliver(
      ctx.stack,
      { ...answerTo(notification, ownerAddress, "From long ago."), date: new Date(before - 30 * 24 * 3600_000) },
      ownerMail,
    );
    const owners = (await messagesOf(visitorId)).filter((message) => message.from === "owner");
    assert.deepEqual(
      owners.map((message) => message.text),
      ["From the future.", "From long ago."],
    );
    for (const message of owners) assert.ok(message.sentAt >= before && message.sentAt <= Date.now(), `${message.sentAt} is its arrival`);
    await tab.close();
  });
});
