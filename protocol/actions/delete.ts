import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { deletedReply } from "../frames.ts";

export const deleteConversation = defineAction({
  action: "delete",
  caller: "owner",
  summary: "Erases the conversation: every message and the visitor's details (a block stays).",
  request: { visitorId: uuid("visitorId") },
  reply: deletedReply,
});
