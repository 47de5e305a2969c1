import { defineAction } from "../action.ts";
import { email, nickname } from "../fields.ts";
import { registeredReply } from "../frames.ts";

export const register = defineAction({
  action: "register",
  caller: "visitor",
  summary:
    "Sets or changes the visitor's optional nickname and email (a new address is emailed only once its recipient confirms it); an empty string clears one, an absent one stays.",
  request: { nickname, email },
  reply: registeredReply,
});
