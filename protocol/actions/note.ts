import { defineAction } from "../action.ts";
import { historyCursor, messageText, uuid } from "../fields.ts";
import { notedReply, notesReply } from "../frames.ts";

export const note = defineAction({
  action: "note",
  caller: "owner",
  summary:
    "Stores the owner's private note on a conversation once per `id` (the client's UUID for it) and pushes it to the owner's other tabs; never to the visitor.",
  request: { visitorId: uuid("visitorId"), id: uuid("id"), text: messageText },
  reply: notedReply,
});

export const notes = defineAction({
  action: "notes",
  caller: "owner",
  summary: "A page of a conversation's notes, newest page first, oldest first within it; pass `cursor` as `before` for older ones.",
  request: { visitorId: uuid("visitorId"), before: historyCursor },
  reply: notesReply,
});
