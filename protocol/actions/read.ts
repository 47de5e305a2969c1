import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { readReply } from "../frames.ts";

export const read = defineAction({
  action: "read",
  caller: "owner",
  summary: "Sets the conversation's unread count to 0 (an owner `send` does too).",
  request: { visitorId: uuid("visitorId") },
  reply: readReply,
});
