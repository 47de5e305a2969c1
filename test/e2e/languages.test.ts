/**
 * Languages end to end (issue 26), in system Chromium against the built dist/ and the local stack:
 * a visitor whose messages said German gets the reply email in German (read back from the local
 * SES), saying in German that answering it reaches the conversation, and its links' pages speak the browser's language; an owner whose browser is Japanese gets
 * a Japanese inbox; the inbox and the pages in Hebrew are laid out right to left and pass the audit,
 * light and dark, desktop and phone.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { CapturedEmail } from "#backend/local/ses.ts";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { sleep } from "../support/client.ts";
import { confirmAddress, emailsTo, isConfirmationEmail, jobsDone } from "../support/emails.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const chromium = useBrowser();
const password = "correct horse battery";
const delayS = 1;

describe("Porch in the visitor's and the owner's language", () => {
  const ctx = useStack({ ownerPassword: password, email: { siteUrl: "https://blog.example/", siteName: "Krume & Kruste", delayS } });
  const contexts: BrowserContext[] = [];
  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  async function pageIn(options: Parameters<Browser["newContext"]>[0], url: string): Promise<Page> {
    const context = await chromium.browser.newContext(options);
    contexts.push(context);
    const page = collectProblems(await context.newPage(), chromium.problems);
    await page.goto(url);
    return page;
  }

  /** A visitor whose messages say `language`, who gave an address its recipient confirmed, and left. */
  async function visitorWhoLeft(language: string, text: string) {
    const visitorId = randomUUID();
    const address = `v-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address, nickname: "Lena" });
    const sent = await visitor.request({
      action: "send",
      visitorId,
      id: randomUUID(),
      text,
      page: "https://blog.example/roggen",
      locale: { language, timeZone: "Europe/Berlin" },
    });
    assert.equal(sent.type, "sent", JSON.stringify(sent));
    await visitor.close();
    await confirmAddress(ctx.stack, address);
    return { visitorId, address };
  }

  async function ownerReplies(visitorId: string, texts: readonly string[]) {
    const owner = await ownerClient(ctx.stack);
    for (const text of texts) await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id: randomUUID(), text });
    await owner.client.close();
    await sleep(delayS * 1000 + 300);
    await jobsDone(ctx.stack);
  }

  const replyEmailsTo = async (address: string): Promise<CapturedEmail[]> =>
    (await emailsTo(ctx.stack, address)).filter((email) => !isConfirmationEmail(email));

  it("emails a visitor whose messages said de-DE in German, and the links' pages speak the browser's language", async () => {
    const { visitorId, address } = await visitorWhoLeft("de-DE", "Ist der Kurs noch offen?");
    const [confirmation] = (await emailsTo(ctx.stack, address)).filter(isConfirmationEmail);
    assert.equal(confirmation?.Subject, "Bestätigen Sie Ihre E-Mail-Adresse für Krume & Kruste");

    await ownerReplies(visitorId, ["Ja, noch zwei Plätze.", "Bis Montag!"]);
    const [email, ...more] = await replyEmailsTo(address);
    assert.ok(email && more.length === 0, "one email for the burst");
    assert.equal(email.Subject, "2 neue Antworten von Krume & Kruste");
    assert.match(email.Body.text_part!, /^Sie haben 2 Antworten auf Krume & Kruste:/);
    assert.match(email.Body.text_part!, /\[\d+\. Dez\., \d+:\d\d MEZ\]\nJa, noch zwei Plätze\./, "dated in the visitor's time zone");
    assert.ok(email.Body.html_part!.includes('<html lang="de" dir="ltr">'));
    assert.match(email.ReplyTo[0] ?? "", /^reply\+/, "an answer by email lands in the conversation");
    assert.match(email.Body.text_part!, /\nOder antworten Sie auf diese E-Mail: /, "and the email says so in German");
    const unsubscribeUrl = /Abmelden: (\S+)/.exec(email.Body.text_part!)![1]!;

    const german = await pageIn({ locale: "de-DE" }, unsubscribeUrl);
    await german.getByRole("heading", { name: "Antwort-E-Mails abbestellen?" }).waitFor();
    assert.equal(await german.locator("html").getAttribute("lang"), "de");
    const hebrew = await pageIn({ locale: "he-IL" }, unsubscribeUrl);
    await hebrew.getByRole("heading", { name: "להפסיק את הודעות התשובה?" }).waitFor();
    assert.equal(await hebrew.evaluate(() => getComputedStyle(document.body).direction), "rtl");
    const problems: string[] = [];
    for (const look of looks) {
      const page = await pageIn({ ...look.options, locale: "he-IL" }, unsubscribeUrl);
      await page.getByRole("button", { name: "ביטול הרשמה" }).waitFor();
      problems.push(...(await findings(page, `the unsubscribe page in Hebrew, ${look.name}`)));
    }
    assert.deepEqual(problems, []);
  });

  it("shows the inbox in Japanese to an owner whose browser is Japanese, with the visitor's language by name", async () => {
    await visitorWhoLeft("de-CH", "Grüezi!");
    const owner = await pageIn({ locale: "ja-JP" }, `${ctx.stack.url}inbox.html`);
    await owner.getByRole("heading", { name: "受信箱にサインイン" }).waitFor();
    await owner.getByLabel("オーナーのパスワード").fill(password);
    await owner.getByRole("button", { name: "サインイン" }).click();
    const row = owner.locator("porch-conversation-list li", { hasText: "Grüezi!" });
    await row.locator("a").click();
    await owner.getByRole("button", { name: "完了にする" }).waitFor();
    // The name Chromium's own data gives Swiss German in Japanese ("標準ドイツ語 (スイス)" today).
    const swissGerman = await owner.evaluate(() => new Intl.DisplayNames("ja", { type: "language" }).of("de-CH"));
    assert.match(swissGerman!, /ドイツ語/);
    await owner.locator("porch-visitor-details", { hasText: `${swissGerman} (de-CH)` }).waitFor();
    assert.equal(await owner.locator("porch-inbox").getAttribute("lang"), "ja");
  });

  it("lays the inbox out right to left in Hebrew and passes the audit: sign-in, list, conversation, light and dark, desktop and phone", async () => {
    await visitorWhoLeft("he-IL", "שלום, האם הקורס עדיין פתוח?");
    const problems: string[] = [];
    for (const look of looks) {
      const owner = await pageIn({ ...look.options, locale: "he-IL" }, `${ctx.stack.url}inbox.html`);
      await owner.getByRole("heading", { name: "כניסה לתיבת הדואר" }).waitFor();
      assert.equal(await owner.locator("porch-inbox").evaluate((inbox) => getComputedStyle(inbox).direction), "rtl");
      problems.push(...(await findings(owner, `sign-in in Hebrew, ${look.name}`)));
      await owner.getByLabel("סיסמת הבעלים").fill(password);
      await owner.getByRole("button", { name: "כניסה", exact: true }).click();
      await owner.locator("porch-conversation-list li").first().waitFor();
      problems.push(...(await findings(owner, `the list in Hebrew, ${look.name}`)));
      await owner.locator("porch-conversation-list li a").first().click();
      await owner.locator("porch-conversation-view [part~='message']").first().waitFor();
      problems.push(...(await findings(owner, `a conversation in Hebrew, ${look.name}`)));
    }
    assert.deepEqual(problems, []);
  });
});
