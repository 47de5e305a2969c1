import { defineAction } from "../action.ts";
import { conversationRef } from "../fields.ts";
import { resolvedReply } from "../frames.ts";

export const resolve = defineAction({
  action: "resolve",
  caller: "owner",
  summary: "Turns the reference in a notification's link into the conversation's visitor id, for the signed-in inbox only.",
  request: { ref: conversationRef },
  reply: resolvedReply,
});
