import { defineAction } from "../action.ts";
import { historyCursor, historyLimit, uuid } from "../fields.ts";
import { historyReply } from "../frames.ts";

export const visitorList = defineAction({
  action: "list",
  caller: "visitor",
  summary: "A page of the visitor's history, oldest first, before `before` (the newest page without it).",
  request: { before: historyCursor, limit: historyLimit },
  reply: historyReply,
});

export const ownerList = defineAction({
  action: "list",
  caller: "owner",
  summary: "The same, for one visitor's conversation.",
  request: { visitorId: uuid("visitorId"), before: historyCursor, limit: historyLimit },
  reply: historyReply,
});
