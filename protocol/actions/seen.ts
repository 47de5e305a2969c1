import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { seenReply } from "../frames.ts";

export const seen = defineAction({
  action: "seen",
  caller: "visitor",
  summary: "The visitor has been shown the conversation up to message `upTo` in an open, visible panel; the owner's tabs are told.",
  request: { upTo: uuid("upTo") },
  reply: seenReply,
});
