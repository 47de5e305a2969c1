import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { blockReply } from "../frames.ts";

export const block = defineAction({
  action: "block",
  caller: "owner",
  summary: "Refuses the visitor's further messages (`blocked` error) until `unblock`; outlives `delete`.",
  request: { visitorId: uuid("visitorId") },
  reply: blockReply,
});

export const unblock = defineAction({
  action: "unblock",
  caller: "owner",
  summary: "Accepts the visitor's messages again.",
  request: { visitorId: uuid("visitorId") },
  reply: blockReply,
});
