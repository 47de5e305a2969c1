import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { typingReply } from "../frames.ts";

export const visitorTyping = defineAction({
  action: "typing",
  caller: "visitor",
  summary: "The visitor is writing: the owner's tabs are pushed `typing` (at most one every 3 s; nothing is stored).",
  request: {},
  reply: typingReply,
});

export const ownerTyping = defineAction({
  action: "typing",
  caller: "owner",
  summary: "The owner is writing to the visitor: the visitor's tabs are pushed `typing` (the same limit).",
  request: { visitorId: uuid("visitorId") },
  reply: typingReply,
});
