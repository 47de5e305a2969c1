import { defineAction } from "../action.ts";
import { pongReply } from "../frames.ts";

const summary = "Keeps the connection's binding fresh (and the owner's presence): send one at least every 5 minutes.";

export const visitorPing = defineAction({ action: "ping", caller: "visitor", summary, request: {}, reply: pongReply });

export const ownerPing = defineAction({ action: "ping", caller: "owner", summary, request: {}, reply: pongReply });
