import { defineAction } from "../action.ts";
import { inboxStatus, inboxUnreadOnly } from "../fields.ts";
import { ownerHelloReply, visitorHelloReply } from "../frames.ts";

export const visitorHello = defineAction({
  action: "hello",
  caller: "visitor",
  summary:
    "Binds the connection to the visitor, whose tabs then get the conversation's pushes. `visitor` is null until they register or write.",
  request: {},
  reply: visitorHelloReply,
});

export const ownerHello = defineAction({
  action: "hello",
  caller: "owner",
  summary:
    "Binds the connection to the owner, who then gets every conversation's pushes; answers the first page of a view (as `inbox`) and the views' counts.",
  request: { status: inboxStatus, unread: inboxUnreadOnly },
  reply: ownerHelloReply,
});
