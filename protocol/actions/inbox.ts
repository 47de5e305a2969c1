import { defineAction } from "../action.ts";
import { inboxCursor } from "../fields.ts";
import { inboxReply } from "../frames.ts";

export const inbox = defineAction({
  action: "inbox",
  caller: "owner",
  summary: "A page of conversations, newest activity first; pass the reply's `cursor` for the next (null at the end).",
  request: { cursor: inboxCursor },
  reply: inboxReply,
});
