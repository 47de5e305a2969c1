import { defineAction } from "../action.ts";
import { ownerPongReply, visitorPongReply } from "../frames.ts";

const summary = "Keeps the connection's binding fresh (and the owner's presence): send one at least every 5 minutes.";

export const visitorPing = defineAction({
  action: "ping",
  caller: "visitor",
  summary: `${summary} \`latest\` is the conversation's newest message: a client that lacks it catches up.`,
  request: {},
  reply: visitorPongReply,
});

export const ownerPing = defineAction({
  action: "ping",
  caller: "owner",
  summary: `${summary} \`latest\` and \`unreadTotal\` say where the inbox stands: a client behind them catches up.`,
  request: {},
  reply: ownerPongReply,
});
