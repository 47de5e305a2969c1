import { defineAction } from "../action.ts";
import { inboxCursor, inboxStatus, inboxUnreadOnly } from "../fields.ts";
import { inboxReply } from "../frames.ts";

export const inbox = defineAction({
  action: "inbox",
  caller: "owner",
  summary:
    "A page of one view's conversations (`status` open or done, `unread` only those with unread messages), newest activity first; pass the reply's `cursor` for the next (null at the end).",
  request: { cursor: inboxCursor, status: inboxStatus, unread: inboxUnreadOnly },
  reply: inboxReply,
});
