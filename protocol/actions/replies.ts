import { defineAction } from "../action.ts";
import { savedReplyText, savedReplyTitle, uuid } from "../fields.ts";
import { repliesReply } from "../frames.ts";

export const replies = defineAction({
  action: "replies",
  caller: "owner",
  summary: "The owner's saved replies, in the order they were first saved.",
  request: {},
  reply: repliesReply,
});

export const saveReply = defineAction({
  action: "saveReply",
  caller: "owner",
  summary:
    "Saves a reply by `id` (the client's UUID for it: a new one adds it, a known one changes it in place) and pushes the list to the owner's other tabs.",
  request: { id: uuid("id"), title: savedReplyTitle, text: savedReplyText },
  reply: repliesReply,
});

export const deleteReply = defineAction({
  action: "deleteReply",
  caller: "owner",
  summary: "Deletes a saved reply (one already gone is no error) and pushes the list to the owner's other tabs.",
  request: { id: uuid("id") },
  reply: repliesReply,
});
