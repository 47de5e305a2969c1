import type { ActionHandler } from "../action-handler.ts";
import { sendMessage } from "../send-message.ts";

export const visitorSend: ActionHandler<"visitorSend"> = (
  { visitorId, id, text, attachments, page, pageTitle, referrer, locale },
  context,
) =>
  sendMessage(context, {
    visitorId,
    id,
    text,
    attachments,
    from: "visitor",
    // The message keeps the page it was written on; the head, where the visitor is now.
    ...(page ? { page: pageTitle ? { url: page, title: pageTitle } : { url: page } } : {}),
    visitor: { ...locale, ...(referrer ? { referrer } : {}) },
  });

export const ownerSend: ActionHandler<"ownerSend"> = ({ visitorId, id, text, attachments }, context) =>
  sendMessage(context, { visitorId, id, text, attachments, from: "owner" });
