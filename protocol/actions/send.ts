import { defineAction } from "../action.ts";
import { locale, messageText, pageTitle, pageUrl, referrer, uuid } from "../fields.ts";
import { sentReply } from "../frames.ts";

export const visitorSend = defineAction({
  action: "send",
  caller: "visitor",
  summary:
    "Stores a message once per `id` (the client's UUID for it, kept across retries) and pushes it to the owner, with the `page` it was written on (and its `pageTitle`), the `referrer` that led there and the browser's `locale`.",
  request: { id: uuid("id"), text: messageText, page: pageUrl, pageTitle, referrer, locale },
  reply: sentReply,
});

export const ownerSend = defineAction({
  action: "send",
  caller: "owner",
  summary: "The owner's reply, stored and pushed the same way; `sent` carries the conversation's inbox row (absent for a resend).",
  request: { visitorId: uuid("visitorId"), id: uuid("id"), text: messageText },
  reply: sentReply,
});
