import { defineAction } from "../action.ts";
import { linkToken } from "../fields.ts";
import { resumedReply } from "../frames.ts";

export const resume = defineAction({
  action: "resume",
  // Sent by the widget before it says hello: the browser may have no visitor id yet, or another one.
  caller: "anyone",
  summary:
    "Exchanges the signed token of a reply email's “Continue the conversation” link for the visitor id it stands for; the widget then says `hello` with it.",
  request: { token: linkToken },
  reply: resumedReply,
});
