import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NotifiedConversation, OwnerNotification } from "#backend/notify/notification.ts";
import { discordEscape, slackEscape, webhookPayload } from "#backend/notify/webhook.ts";

const ref = "R".repeat(59);
const sentAt = Date.UTC(2026, 0, 5, 10, 2, 30);
const conversation = (fields: Partial<NotifiedConversation> = {}): NotifiedConversation => ({
  ref,
  nickname: null,
  email: null,
  unread: 2,
  firstSeenAt: sentAt - 60_000,
  ...fields,
});
const about = (text: string, fields: Partial<NotifiedConversation> = {}): OwnerNotification => ({
  kind: "message",
  items: [{ conversation: conversation(fields), message: { text, sentAt } }],
  totals: { conversations: 1, newConversations: 0, unreadMessages: 2 },
  sinceMs: sentAt,
  ownerEpoch: "epoch",
});
const question = "Is the shop open on Sunday?";
const inbox = "https://chat.example.com/inbox.html";

describe("webhookPayload", () => {
  it("names the visitor by nickname, else email, else 'A visitor'", () => {
    const who = (fields: Partial<NotifiedConversation>) => webhookPayload(about(question, fields), undefined).text;
    assert.match(who({ nickname: "Ada", email: "ada@example.com" }), /^Ada wrote on your site/);
    assert.match(who({ email: "ada@example.com" }), /^ada@example\.com wrote on your site/);
    assert.match(who({}), /^A visitor wrote on your site/);
  });

  it("links to the conversation by its reference, which only the signed-in inbox resolves", () => {
    const payload = webhookPayload(about(question), inbox);
    const link = `${inbox}#/r/${ref}`;
    assert.equal(payload.text, `A visitor wrote on your site: “${question}”\nAnswer: ${link}`);
    assert.equal(payload.porch.items[0]!.url, link);
  });

  it("has no link and no 'Answer' line without the inbox's address", () => {
    const payload = webhookPayload(about(question), undefined);
    assert.equal(payload.text, `A visitor wrote on your site: “${question}”`);
    assert.equal(payload.porch.items[0]!.url, null);
  });

  it("quotes at most 300 characters of a long message, ending in an ellipsis, never half a character", () => {
    const quoted = (text: string) => /“(.*)”/s.exec(webhookPayload(about(text), undefined).text)![1]!;
    assert.equal(quoted("x".repeat(301)), `${"x".repeat(299)}…`);
    assert.equal(quoted("y".repeat(300)), "y".repeat(300));
    assert.equal(quoted("😀".repeat(301)), `${"😀".repeat(299)}…`);
  });

  it("keeps Discord's `content` within its 2,000 characters", () => {
    const payload = webhookPayload(about(question, { email: `${"e".repeat(2100)}@example.com` }), inbox);
    assert.equal(payload.content.length, 2000);
    assert.equal(webhookPayload(about(question), undefined).content, `A visitor wrote on your site: “${question}”`);
  });

  it("escapes what a visitor wrote for Slack: no channel pings, no links that show other text", () => {
    const payload = webhookPayload(
      about("see <https://evil.example|https://console.aws.amazon.com/billing> & pay", { nickname: "<!channel> @everyone" }),
      undefined,
    );
    assert.equal(
      payload.text,
      "&lt;!channel&gt; @everyone wrote on your site: “see &lt;https://evil.example|https://console.aws.amazon.com/billing&gt; &amp; pay”",
    );
    assert.doesNotMatch(payload.text, /<!|<http/);
  });

  it("sends Discord no mentions and its markdown as plain characters", () => {
    const payload = webhookPayload(about("[https://bank.example](https://evil.example) **now**", { nickname: "@everyone" }), undefined);
    assert.deepEqual(payload.allowed_mentions, { parse: [] });
    assert.equal(payload.content, "@everyone wrote on your site: “\\[https://bank.example\\]\\(https://evil.example\\) \\*\\*now\\*\\*”");
  });

  it("never carries the visitor id, only the reference", () => {
    const visitorId = "0b7e6c2a-54f1-4c57-9d0e-3a1f2b4c5d6e";
    const payload = webhookPayload(about(question), inbox);
    assert.ok(!JSON.stringify(payload).includes(visitorId));
    assert.deepEqual(payload.porch.items[0]!.conversation, conversation());
  });

  it("sums up a digest: the counts, the latest conversations with their links, the inbox", () => {
    const digest: OwnerNotification = {
      kind: "digest",
      items: [
        { conversation: conversation({ nickname: "Ada", ref: "A".repeat(59) }), message: { text: "Hello?", sentAt } },
        { conversation: conversation({ ref: "B".repeat(59) }), message: { text: "<b>hi</b>", sentAt } },
      ],
      totals: { conversations: 40, newConversations: 38, unreadMessages: 52 },
      sinceMs: Date.UTC(2026, 0, 5, 10, 0),
      ownerEpoch: "epoch",
    };
    const payload = webhookPayload(digest, inbox);
    assert.equal(
      payload.text,
      [
        "38 new conversations on your site since 10:00 UTC, 52 unread messages in all.",
        "Latest:",
        `• Ada: “Hello?” ${inbox}#/r/${"A".repeat(59)}`,
        `• A visitor: “&lt;b&gt;hi&lt;/b&gt;” ${inbox}#/r/${"B".repeat(59)}`,
        `Inbox: ${inbox}`,
      ].join("\n"),
    );
    assert.equal(payload.porch.event, "digest");
    assert.deepEqual(payload.porch.totals, digest.totals);
    assert.equal(payload.porch.items.length, 2);
    const quiet = webhookPayload({ ...digest, totals: { conversations: 2, newConversations: 0, unreadMessages: 3 } }, undefined);
    assert.match(quiet.text, /^3 unread messages in 2 conversations on your site since 10:00 UTC\./);
  });
});

describe("escaping for chat services", () => {
  it("leaves ordinary text alone", () => {
    assert.equal(slackEscape("Hi, is it open?"), "Hi, is it open?");
    assert.equal(discordEscape("Hi, is it open?"), "Hi, is it open?");
  });
});
