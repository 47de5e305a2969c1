import { defineAction } from "../action.ts";
import { unreadReply } from "../frames.ts";

export const unread = defineAction({
  action: "unread",
  caller: "owner",
  summary: "The number of visitor messages the owner has not read, over every conversation, and the views' counts.",
  request: {},
  reply: unreadReply,
});
