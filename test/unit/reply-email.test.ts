import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { type ChatMessage, limits } from "#protocol";
import { countChars } from "#protocol/text.ts";
import { addressHash, fromAddress } from "#backend/email/address.ts";
import {
  newLinkKey,
  openConfirmToken,
  openResumeToken,
  openUnsubscribeToken,
  sealConfirmToken,
  sealResumeToken,
  sealUnsubscribeToken,
} from "#backend/email/link-tokens.ts";
import { composeConfirmationEmail, quotedMessageMaxChars } from "#backend/email/confirmation-email.ts";
import { escapeHtml } from "#backend/email/html.ts";
import { composeReplyEmail } from "#backend/email/reply-email.ts";
import { EmailSettingsError, deployEmailSettings, visitorEmailSettings } from "#backend/email/settings.ts";
import { confirmUrlFor, continueUrlFor, unsubscribeUrlFor } from "#backend/jobs/reply-email.ts";

const reply = (text: string): ChatMessage => ({ id: randomUUID(), visitorId: randomUUID(), from: "owner", text, sentAt: Date.now() });

const content = {
  from: `"Blog" <porch@blog.example>`,
  to: "ada@example.com",
  siteName: "Blog",
  replies: [reply("Yes!")],
  earlierReplies: 0,
  continueUrl: "https://blog.example/post#porch-resume=abc",
  unsubscribeUrl: "https://u.example/?t=def",
};

describe("composeReplyEmail", () => {
  it("has the RFC 8058 one-click unsubscribe headers, and says it is automatic", () => {
    const email = composeReplyEmail(content);
    assert.deepEqual(email.headers, [
      { name: "List-Unsubscribe", value: "<https://u.example/?t=def>" },
      { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
      { name: "Auto-Submitted", value: "auto-generated" },
    ]);
    for (const header of email.headers)
      assert.match(`${header.name}: ${header.value}`, /^[\x20-\x7e]{1,995}$/, "printable ASCII, as SES requires");
  });

  it("escapes every character of the replies and the site's name in the HTML, never in the text", () => {
    const hostile = `</blockquote><script>x()</script>"'&`;
    const email = composeReplyEmail({ ...content, siteName: `<b>Site</b>`, replies: [reply(hostile)] });
    assert.ok(email.html.includes(escapeHtml(hostile)));
    assert.ok(email.html.includes("&lt;b&gt;Site&lt;/b&gt;"));
    assert.ok(!email.html.includes("<script>") && !email.html.includes("<b>"));
    assert.ok(email.text.includes(hostile));
    assert.equal(escapeHtml(`<>&"'`), "&lt;&gt;&amp;&quot;&#39;");
  });

  it("escapes the links' URLs in attributes", () => {
    const email = composeReplyEmail({ ...content, continueUrl: `https://blog.example/?a=1&b="2"` });
    assert.ok(email.html.includes(`href="https://blog.example/?a=1&amp;b=&quot;2&quot;"`));
  });

  it("counts the replies in the subject, and those left out of the email", () => {
    assert.equal(composeReplyEmail(content).subject, "New reply from Blog");
    const many = composeReplyEmail({ ...content, replies: [reply("a"), reply("b")], earlierReplies: 3 });
    assert.equal(many.subject, "5 new replies from Blog");
    assert.ok(many.text.includes("(3 earlier replies are in the conversation.)"));
  });

  it("keeps the subject on one line whatever the site's name holds", () => {
    const email = composeReplyEmail({ ...content, siteName: "Evil\r\nBcc: victim@example.com\u2028x" });
    assert.ok(!/[\r\n\u2028]/.test(email.subject), email.subject);
  });
});

describe("composeConfirmationEmail", () => {
  const asked = {
    from: `"Blog" <porch@blog.example>`,
    to: "ada@example.com",
    siteName: "Blog",
    firstMessage: "Is the course still open?",
    confirmUrl: "https://u.example/confirm?t=abc",
    unsubscribeUrl: "https://u.example/?t=def",
  };

  it("quotes the first message, so a stranger can tell it is not theirs, with the site's name and both links", () => {
    const email = composeConfirmationEmail(asked);
    assert.equal(email.subject, "Confirm your email address for Blog");
    assert.ok(email.text.includes("> Is the course still open?"));
    assert.ok(email.text.includes("Confirm: https://u.example/confirm?t=abc"));
    assert.ok(email.text.includes("Never email this address from Blog: https://u.example/?t=def"));
    assert.ok(email.html.includes(`href="https://u.example/confirm?t=abc"`) && email.html.includes(`href="https://u.example/?t=def"`));
    assert.deepEqual(
      email.headers,
      composeReplyEmail(content).headers.map((header) =>
        header.name === "List-Unsubscribe" ? { ...header, value: "<https://u.example/?t=def>" } : header,
      ),
    );
  });

  it("escapes the message in the HTML, quotes every line of it in the text, and cuts a long one", () => {
    const hostile = `</blockquote><script>x()</script>\nsecond line`;
    const email = composeConfirmationEmail({ ...asked, firstMessage: hostile });
    assert.ok(email.html.includes(escapeHtml(hostile)) && !email.html.includes("<script>"));
    assert.ok(email.text.includes("> </blockquote><script>x()</script>\n> second line"));
    const long = composeConfirmationEmail({ ...asked, firstMessage: "🍞".repeat(limits.textMaxChars) });
    assert.equal(countChars(long.text.split("\n").find((line) => line.startsWith("> "))!), 2 + quotedMessageMaxChars);
    assert.ok(!/[\r\n]/.test(composeConfirmationEmail({ ...asked, siteName: "Evil\r\nBcc: x@example.com" }).subject));
  });
});

describe("fromAddress", () => {
  it("quotes a printable ASCII name and encodes any other as an RFC 2047 word", () => {
    assert.equal(fromAddress(`Ada's "Blog"`, "p@b.example"), `"Ada's \\"Blog\\"" <p@b.example>`);
    assert.equal(fromAddress("Café", "p@b.example"), `=?utf-8?B?${Buffer.from("Café").toString("base64")}?= <p@b.example>`);
    assert.equal(fromAddress(" \r\n", "p@b.example"), "p@b.example");
  });
});

describe("link tokens", () => {
  const key = newLinkKey();
  const visitorId = randomUUID();

  const link = (expiresAtMs: number) => ({ visitorId, addressHash: addressHash("a@example.com"), confirmedAtMs: 1_000, expiresAtMs });

  it("stand for the visitor id and the confirmed address until they expire, without showing either", () => {
    const token = sealResumeToken(link(2_000), key);
    assert.ok(!token.includes(visitorId.replaceAll("-", "")) && /^[\w-]+$/.test(token));
    assert.ok(token.length <= limits.linkTokenMaxChars, `${token.length} characters`);
    assert.deepEqual(openResumeToken(token, key, 1_999), { ok: true, value: link(2_000) });
    assert.deepEqual(openResumeToken(token, key, 2_000), { ok: false, reason: "expired" });
    assert.notEqual(sealResumeToken(link(2_000), key), token, "every token is its own");
    const confirm = sealConfirmToken(visitorId, addressHash("a@example.com"), 2_000, key);
    assert.deepEqual(openConfirmToken(confirm, key, 1_999), {
      ok: true,
      value: { visitorId, addressHash: addressHash("a@example.com"), expiresAtMs: 2_000 },
    });
    assert.deepEqual(openConfirmToken(confirm, key, 2_000), { ok: false, reason: "expired" });
  });

  it("are refused when altered anywhere, sealed with another key, or made for another purpose", () => {
    const token = sealResumeToken(link(Date.now() + 60_000), key);
    for (let at = 0; at < token.length; at++) {
      const altered = token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
      assert.deepEqual(openResumeToken(altered, key, Date.now()), { ok: false, reason: "invalid" }, `character ${at}`);
    }
    assert.equal(openResumeToken(token, newLinkKey(), Date.now()).ok, false);
    assert.equal(openResumeToken(token, "", Date.now()).ok, false);
    const unsubscribe = sealUnsubscribeToken(visitorId, addressHash("a@example.com"), key);
    const confirm = sealConfirmToken(visitorId, addressHash("a@example.com"), Date.now() + 60_000, key);
    assert.equal(openResumeToken(unsubscribe, key, Date.now()).ok, false);
    assert.equal(openResumeToken(confirm, key, Date.now()).ok, false);
    assert.equal(openUnsubscribeToken(token, key).ok, false);
    assert.equal(openUnsubscribeToken(confirm, key).ok, false);
    assert.equal(openConfirmToken(token, key, Date.now()).ok, false);
    assert.equal(openConfirmToken(unsubscribe, key, Date.now()).ok, false);
    assert.deepEqual(openUnsubscribeToken(unsubscribe, key), { ok: true, value: { visitorId, addressHash: addressHash("a@example.com") } });
  });

  it("have one spelling", () => {
    const token = sealUnsubscribeToken(visitorId, addressHash("a@example.com"), key);
    for (const spelling of [`${token}=`, ` ${token}`, token.replaceAll("-", "+").replaceAll("_", "/")]) {
      if (spelling === token) continue;
      assert.equal(openUnsubscribeToken(spelling, key).ok, false, spelling);
    }
  });

  it("hash an address the same however it is cased or padded", () => {
    assert.equal(addressHash(" Ada@Example.COM "), addressHash("ada@example.com"));
    assert.notEqual(addressHash("ada@example.com"), addressHash("ada@example.org"));
  });
});

describe("where the email's links go", () => {
  it("back to the page the visitor wrote on when it is on the site, else to the site", () => {
    const site = "https://blog.example/";
    assert.equal(continueUrlFor("https://blog.example/posts/a", site, "t1"), "https://blog.example/posts/a#porch-resume=t1");
    assert.equal(continueUrlFor("https://evil.example/phish", site, "t1"), "https://blog.example/#porch-resume=t1");
    assert.equal(continueUrlFor("http://blog.example/posts/a", site, "t1"), "https://blog.example/#porch-resume=t1");
    assert.equal(continueUrlFor("not a url", site, "t1"), "https://blog.example/#porch-resume=t1");
    assert.equal(continueUrlFor(undefined, "https://blog.example/start#old", "t1"), "https://blog.example/start#porch-resume=t1");
    assert.equal(unsubscribeUrlFor("https://x.lambda-url.us-east-1.on.aws/", "a-b_c"), "https://x.lambda-url.us-east-1.on.aws/?t=a-b_c");
    assert.equal(confirmUrlFor("https://x.lambda-url.us-east-1.on.aws/", "a-b_c"), "https://x.lambda-url.us-east-1.on.aws/confirm?t=a-b_c");
    assert.equal(confirmUrlFor("http://127.0.0.1:8787/unsubscribe", "a"), "http://127.0.0.1:8787/unsubscribe/confirm?t=a");
  });
});

describe("email settings", () => {
  it("turn visitor emails on only with a sender and a site URL, and refuse what cannot work", () => {
    assert.deepEqual(deployEmailSettings({}, "production"), {
      sender: null,
      identity: null,
      visitorEmails: false,
      inboundDomain: "",
      environment: { PORCH_VISITOR_EMAILS: "off", PORCH_VISITOR_EMAIL_DELAY_S: "180" },
    });
    const on = deployEmailSettings(
      {
        PORCH_EMAIL_SENDER: "blog.example",
        PORCH_VISITOR_EMAILS: "on",
        PORCH_SITE_URL: "https://blog.example/",
      },
      "production",
    );
    assert.equal(on.visitorEmails, true);
    assert.equal(on.environment.PORCH_EMAIL_FROM, "porch@blog.example");
    assert.equal(
      deployEmailSettings({ PORCH_EMAIL_SENDER: "me@blog.example" }, "production").environment.PORCH_EMAIL_FROM,
      "me@blog.example",
    );
    for (const env of [
      { PORCH_VISITOR_EMAILS: "on", PORCH_SITE_URL: "https://blog.example/" },
      { PORCH_VISITOR_EMAILS: "on", PORCH_EMAIL_SENDER: "blog.example" },
      { PORCH_VISITOR_EMAILS: "yes" },
      { PORCH_VISITOR_EMAIL_DELAY_S: "0" },
      { PORCH_VISITOR_EMAIL_DELAY_S: "901" },
      { PORCH_VISITOR_EMAIL_DELAY_S: "1.5" },
      { PORCH_SITE_URL: "javascript:alert(1)" },
    ]) {
      assert.throws(() => deployEmailSettings(env, "production"), EmailSettingsError, JSON.stringify(env));
    }
  });

  it("set the identity up in Route 53 by the production stage, leaving a domain's DMARC record alone unless given one", () => {
    assert.deepEqual(deployEmailSettings({ PORCH_EMAIL_SENDER: "blog.example" }, "production").identity, {
      dns: "route53",
      dmarc: null,
      ownerStage: "production",
    });
    const elsewhere = deployEmailSettings(
      {
        PORCH_EMAIL_SENDER: "blog.example",
        PORCH_EMAIL_DNS: "manual",
        PORCH_EMAIL_DMARC: "v=DMARC1; p=reject; rua=mailto:d@blog.example",
        PORCH_EMAIL_IDENTITY_STAGE: "none",
      },
      "production",
    );
    assert.deepEqual(elsewhere.identity, { dns: "manual", dmarc: "v=DMARC1; p=reject; rua=mailto:d@blog.example", ownerStage: "none" });
    for (const env of [
      { PORCH_EMAIL_SENDER: "blog.example", PORCH_EMAIL_DNS: "cloudflare" },
      { PORCH_EMAIL_SENDER: "blog.example", PORCH_EMAIL_DMARC: "p=none" },
      { PORCH_EMAIL_SENDER: "blog.example", PORCH_EMAIL_DMARC: "v=DMARC1; p=maybe" },
      { PORCH_EMAIL_SENDER: "me@blog.example", PORCH_EMAIL_DMARC: "v=DMARC1; p=none" },
    ]) {
      assert.throws(() => deployEmailSettings(env, "production"), EmailSettingsError, JSON.stringify(env));
    }
  });

  it("are read by a function as off unless everything is there", () => {
    const env = {
      PORCH_VISITOR_EMAILS: "on",
      PORCH_EMAIL_FROM: "porch@blog.example",
      PORCH_SITE_URL: "https://blog.example/",
      PORCH_VISITOR_EMAIL_DELAY_S: "240",
    };
    assert.deepEqual(visitorEmailSettings(env), {
      enabled: true,
      delayS: 240,
      from: "porch@blog.example",
      siteUrl: "https://blog.example/",
      siteName: "blog.example",
      unsubscribeUrl: "",
      inboundDomain: "",
    });
    for (const missing of ["PORCH_VISITOR_EMAILS", "PORCH_EMAIL_FROM", "PORCH_SITE_URL"]) {
      assert.equal(visitorEmailSettings({ ...env, [missing]: undefined }).enabled, false, missing);
    }
    assert.equal(visitorEmailSettings({ ...env, PORCH_VISITOR_EMAIL_DELAY_S: "9999" }).enabled, false);
  });
});
