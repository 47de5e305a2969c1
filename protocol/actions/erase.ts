import { defineAction } from "../action.ts";
import { erasedReply } from "../frames.ts";

export const erase = defineAction({
  action: "erase",
  caller: "visitor",
  summary:
    "Erases the visitor's own conversation (every message, their name and address) and retires their id: from then on it is answered as a stranger's, and a message sent with it is refused (`not_found`).",
  request: {},
  reply: erasedReply,
});
