/**
 * The emails and link pages in every language (issue 26): complete catalogues, every email and
 * page rendered in each language with nothing left unfilled, in the visitor's language and time zone.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { ChatMessage } from "#protocol";
import { isRtl, locales } from "#protocol/locales.ts";
import { addressHash } from "#backend/email/address.ts";
import { acceptedLanguages, emailCatalogues, emailText, pageText } from "#backend/email/catalogues.ts";
import { composeConfirmationEmail } from "#backend/email/confirmation-email.ts";
import { confirmPage } from "#backend/email/confirm.ts";
import { newLinkKey, sealConfirmToken, sealUnsubscribeToken } from "#backend/email/link-tokens.ts";
import { composeReplyEmail } from "#backend/email/reply-email.ts";
import { emailStrings } from "#backend/email/strings.ts";
import { unsubscribePage } from "#backend/email/unsubscribe.ts";
import { itCountsRight, itIsComplete } from "#test/support/catalogues.ts";

/**
 * A `{placeholder}` left unfilled, or a key of the catalogue shown as it is (in English only the
 * keys no sentence could say: `replySubject`, not `unsubscribe`).
 */
function assertAllFilled(text: string, where: string, locale: string): void {
  assert.doesNotMatch(text, /\{\w+\}/, `${where}: a placeholder is left`);
  for (const key of Object.keys(emailStrings).filter((key) => locale !== "en" || /[A-Z]/.test(key)))
    assert.ok(!new RegExp(`\\b${key}\\b`).test(text), `${where}: the raw key ${key}`);
  assert.doesNotMatch(text, /\b(zero|one|two|few|many|other):|\|/, `${where}: a plural form's label is left`);
}

const reply = (text: string, sentAt: number): ChatMessage => ({ id: randomUUID(), visitorId: randomUUID(), from: "owner", text, sentAt });
const sentAt = Date.UTC(2026, 11, 6, 13, 5);

describe("the emails' languages", () => {
  itIsComplete("emails", emailStrings, emailCatalogues);
  itCountsRight("emails", emailCatalogues);

  for (const locale of locales) {
    it(`${locale}: every email says everything in ${locale}, for every count, with lang and dir`, () => {
      for (const [replies, earlierReplies] of [
        [1, 0],
        [2, 0],
        [3, 0],
        [5, 0],
        [10, 1],
        [10, 2],
        [10, 12],
        [10, 101],
      ] as const) {
        const email = composeReplyEmail({
          from: "porch@blog.example",
          to: "ada@example.com",
          siteName: "Blog",
          replies: Array.from({ length: replies }, (_, index) => reply(`reply ${index}`, sentAt)),
          earlierReplies,
          continueUrl: "https://blog.example/#porch-resume=abc",
          unsubscribeUrl: "https://u.example/?t=def",
          locale,
          timeZone: "Europe/Berlin",
          replyTo: "reply+abc@in.blog.example",
        });
        for (const [part, text] of Object.entries({ subject: email.subject, text: email.text, html: email.html }))
          assertAllFilled(text, `${locale} reply email (${replies}+${earlierReplies}) ${part}`, locale);
        assert.ok(email.text.includes(emailText(locale).text("answerLine")), `${locale}: says how to answer the email`);
        assert.ok(email.html.includes(`<html lang="${locale}" dir="${isRtl(locale) ? "rtl" : "ltr"}">`), email.html.slice(0, 120));
        if (locale !== "en")
          for (const english of ["Continue the conversation", "Or answer this email"])
            assert.ok(!email.text.includes(english), `${locale}: still English`);
      }
      const confirmation = composeConfirmationEmail({
        from: "porch@blog.example",
        to: "ada@example.com",
        siteName: "Blog",
        firstMessage: "Hello",
        confirmUrl: "https://u.example/c?t=abc",
        unsubscribeUrl: "https://u.example/?t=def",
        locale,
      });
      for (const text of [confirmation.subject, confirmation.text, confirmation.html])
        assertAllFilled(text, `${locale} confirmation`, locale);
      assert.ok(confirmation.html.includes(`lang="${locale}"`));
      assert.equal(confirmation.subject, emailText(locale).text("confirmSubject", { site: "Blog" }));
    });

    it(`${locale}: every link page says everything in ${locale}, with lang and dir`, async () => {
      const linkKey = newLinkKey();
      const visitorId = randomUUID();
      const hash = addressHash("a&b@example.com");
      const store = {
        addressOf: async () => "a&b@example.com",
        confirm: async () => true,
        unsubscribe: async () => {},
      };
      const deps = { store, linkKey, siteName: "Crumb & Crust", now: Date.now };
      const acceptLanguage = `${locale};q=0.9, xx;q=1`;
      const pages = [
        await unsubscribePage({ method: "GET", token: sealUnsubscribeToken(visitorId, hash, linkKey), acceptLanguage }, deps),
        await unsubscribePage({ method: "POST", token: sealUnsubscribeToken(visitorId, hash, linkKey), acceptLanguage }, deps),
        await unsubscribePage({ method: "GET", token: "damaged", acceptLanguage }, deps),
        await unsubscribePage({ method: "PUT", token: "", acceptLanguage }, deps),
        await confirmPage({ method: "GET", token: sealConfirmToken(visitorId, hash, Date.now() + 60_000, linkKey), acceptLanguage }, deps),
        await confirmPage({ method: "POST", token: sealConfirmToken(visitorId, hash, Date.now() + 60_000, linkKey), acceptLanguage }, deps),
        await confirmPage({ method: "GET", token: sealConfirmToken(visitorId, hash, Date.now() - 1, linkKey), acceptLanguage }, deps),
        await confirmPage({ method: "GET", token: "damaged", acceptLanguage }, deps),
        await confirmPage(
          { method: "POST", token: sealConfirmToken(visitorId, hash, Date.now() + 60_000, linkKey), acceptLanguage },
          { ...deps, store: { ...store, confirm: async () => false } },
        ),
      ];
      for (const page of pages) {
        assertAllFilled(page.body, `${locale} page ${page.status}`, locale);
        assert.ok(page.body.includes(`<html lang="${locale}" dir="${isRtl(locale) ? "rtl" : "ltr"}">`));
        assert.ok(!page.body.includes("Crumb & Crust"), "the site's name is escaped");
      }
      assert.ok(pages[0]!.body.includes(`<strong dir="ltr">a&amp;b@example.com</strong>`), "the address, escaped and strong");
    });
  }

  it("counts with the language's plural rules and numbers", () => {
    const pl = emailText("pl");
    assert.equal(pl.text("replySubject", { site: "Blog", count: 1 }), "Nowa odpowiedź od Blog");
    assert.equal(pl.text("replySubject", { site: "Blog", count: 2 }), "2 nowe odpowiedzi od Blog");
    assert.equal(pl.text("replySubject", { site: "Blog", count: 5 }), "5 nowych odpowiedzi od Blog");
    assert.equal(pl.text("replySubject", { site: "Blog", count: 22 }), "22 nowe odpowiedzi od Blog");
    assert.equal(emailText("ar").text("replySubject", { site: "Blog", count: 2 }), "ردّان جديدان من Blog");
    assert.equal(emailText("ar").text("replySubject", { site: "Blog", count: 3 }), "3 ردود جديدة من Blog");
    assert.equal(emailText("en").text("replySubject", { site: "Blog", count: 1200 }), "1,200 new replies from Blog");
    assert.equal(emailText("de").text("replySubject", { site: "Blog", count: 1200 }), "1.200 neue Antworten von Blog");
  });

  it("dates a reply in the visitor's language and time zone", () => {
    const email = (locale: "de" | "ja" | "en", timeZone?: string) =>
      composeReplyEmail({
        from: "porch@blog.example",
        to: "ada@example.com",
        siteName: "Blog",
        replies: [reply("Ja!", sentAt)],
        earlierReplies: 0,
        continueUrl: "https://blog.example/",
        unsubscribeUrl: "https://u.example/?t=def",
        locale,
        ...(timeZone ? { timeZone } : {}),
      });
    assert.match(email("de", "Europe/Berlin").text, /\[6\. Dez\., 14:05 MEZ\]/);
    assert.match(email("ja", "Asia/Tokyo").text, /\[12月6日 22:05 JST\]/);
    assert.match(email("en").text, /\[Dec 6, 1:05 PM UTC\]/, "no zone: UTC, said");
    assert.match(email("en", "Not/AZone").text, /\[Dec 6, 1:05 PM UTC\]/, "a zone this runtime does not know: UTC, said");
  });

  it("opens a link's page in the first language the browser asks for that Porch speaks", () => {
    assert.deepEqual(acceptedLanguages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), ["fr-CH", "fr", "en", "de"]);
    assert.deepEqual(acceptedLanguages("de;q=0.5, ja"), ["ja", "de"]);
    assert.deepEqual(acceptedLanguages("de;q=0, ja;q=x"), []);
    assert.equal(pageText("ko, he;q=0.8").locale, "he");
    assert.equal(pageText(undefined).locale, "en");
  });
});
