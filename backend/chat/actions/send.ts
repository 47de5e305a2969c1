import type { ActionHandler } from "../action-handler.ts";
import { sendMessage } from "../send-message.ts";

export const visitorSend: ActionHandler<"visitorSend"> = ({ visitorId, id, text, page }, context) =>
  sendMessage(context, { visitorId, id, text, from: "visitor", ...(page ? { pageUrl: page } : {}) });

export const ownerSend: ActionHandler<"ownerSend"> = ({ visitorId, id, text }, context) =>
  sendMessage(context, { visitorId, id, text, from: "owner" });
