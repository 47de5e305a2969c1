import { defineAction } from "../action.ts";
import { uuid } from "../fields.ts";
import { doneReply, reopenedReply } from "../frames.ts";

export const done = defineAction({
  action: "done",
  caller: "owner",
  summary: "Marks the conversation done: it leaves the Open view for the Done view until the visitor writes again.",
  request: { visitorId: uuid("visitorId") },
  reply: doneReply,
});

export const reopen = defineAction({
  action: "reopen",
  caller: "owner",
  summary: "Opens a done conversation again, by hand (a visitor's message does it by itself).",
  request: { visitorId: uuid("visitorId") },
  reply: reopenedReply,
});
