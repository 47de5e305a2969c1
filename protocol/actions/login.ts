import { defineAction } from "../action.ts";
import { password } from "../fields.ts";
import { sessionReply } from "../frames.ts";

export const login = defineAction({
  action: "login",
  caller: "anyone",
  summary: "Checks the owner password and answers a signed session token valid until `expiresAt`.",
  request: { password },
  reply: sessionReply,
});
