import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ChatMessage, ConversationSummary } from "../../protocol/index.ts";
import { webhookPayload } from "../../backend/notify/webhook.ts";

const visitorId = "0b7e6c2a-54f1-4c57-9d0e-3a1f2b4c5d6e";
const message: ChatMessage = {
  id: "5f0c9a7e-2b1d-4e3f-8a6b-7c9d0e1f2a3b",
  visitorId,
  from: "visitor",
  text: "Is the shop open on Sunday?",
  sentAt: 1_700_000_000_000,
};
const conversation = (fields: Partial<ConversationSummary> = {}): ConversationSummary => ({
  visitorId,
  nickname: null,
  email: null,
  lastMessage: message.text,
  lastMessageFrom: "visitor",
  lastMessageAt: message.sentAt,
  unread: 2,
  firstSeenAt: message.sentAt - 60_000,
  lastSeenAt: message.sentAt,
  blocked: false,
  visitorSeenUpTo: null,
  lastPage: null,
  referrer: null,
  language: null,
  timeZone: null,
  ...fields,
});

describe("webhookPayload", () => {
  it("names the visitor by nickname, else email, else 'A visitor'", () => {
    const who = (fields: Partial<ConversationSummary>) => webhookPayload({ conversation: conversation(fields), message }, undefined).text;
    assert.match(who({ nickname: "Ada", email: "ada@example.com" }), /^Ada wrote on your site/);
    assert.match(who({ email: "ada@example.com" }), /^ada@example\.com wrote on your site/);
    assert.match(who({}), /^A visitor wrote on your site/);
  });

  it("links to the conversation in the inbox when the inbox's address is known", () => {
    const payload = webhookPayload({ conversation: conversation(), message }, "https://chat.example.com/inbox.html");
    const link = `https://chat.example.com/inbox.html#/c/${visitorId}`;
    assert.equal(payload.text, `A visitor wrote on your site: “Is the shop open on Sunday?”\nAnswer: ${link}`);
    assert.equal(payload.porch.conversationUrl, link);
  });

  it("has no link and no 'Answer' line without the inbox's address", () => {
    const payload = webhookPayload({ conversation: conversation(), message }, undefined);
    assert.equal(payload.text, "A visitor wrote on your site: “Is the shop open on Sunday?”");
    assert.equal(payload.porch.conversationUrl, null);
  });

  it("quotes at most 300 characters of a long message, ending in an ellipsis", () => {
    const long = { ...message, text: "x".repeat(301) };
    const quoted = /“(.*)”/.exec(webhookPayload({ conversation: conversation(), message: long }, undefined).text)![1]!;
    assert.equal(quoted, `${"x".repeat(299)}…`);
    const exact = { ...message, text: "y".repeat(300) };
    assert.ok(webhookPayload({ conversation: conversation(), message: exact }, undefined).text.includes(`“${"y".repeat(300)}”`));
  });

  it("gives Slack `text` and Discord `content` the same summary, within Discord's 2,000 characters", () => {
    const payload = webhookPayload(
      { conversation: conversation({ email: `${"e".repeat(2100)}@example.com` }), message },
      "https://x.test/",
    );
    assert.equal(payload.content, payload.text.slice(0, 2000));
    assert.equal(payload.content.length, 2000);
    const short = webhookPayload({ conversation: conversation(), message }, undefined);
    assert.equal(short.content, short.text);
  });

  it("carries the details for other receivers: the event, the visitor, the whole message and the unread count", () => {
    const payload = webhookPayload({ conversation: conversation({ nickname: "Ada", unread: 3 }), message }, undefined);
    assert.deepEqual(payload.porch, {
      event: "visitor_message",
      visitor: { visitorId, nickname: "Ada", email: null },
      message,
      unread: 3,
      conversationUrl: null,
    });
  });
});
