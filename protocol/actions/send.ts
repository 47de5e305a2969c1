import { defineAction } from "../action.ts";
import { attachmentIds, locale, messageTextOrEmpty, pageTitle, pageUrl, referrer, uuid } from "../fields.ts";
import { sentReply } from "../frames.ts";

export const visitorSend = defineAction({
  action: "send",
  caller: "visitor",
  summary:
    "Stores a message once per `id` (the client's UUID for it, kept across retries) and pushes it to the owner, with the `page` it was written on (and its `pageTitle`), the `referrer` that led there and the browser's `locale`; `attachments` are ids from `uploadReady` (`text` may then be empty).",
  request: { id: uuid("id"), text: messageTextOrEmpty, attachments: attachmentIds, page: pageUrl, pageTitle, referrer, locale },
  reply: sentReply,
});

export const ownerSend = defineAction({
  action: "send",
  caller: "owner",
  summary: "The owner's reply, stored and pushed the same way; `sent` carries the conversation's inbox row (absent for a resend).",
  request: { visitorId: uuid("visitorId"), id: uuid("id"), text: messageTextOrEmpty, attachments: attachmentIds },
  reply: sentReply,
});
