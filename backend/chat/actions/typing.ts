import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

/*
 * Typing is the most frequent frame and nothing of it is stored: a frame within the interval of
 * the side's last relayed one is answered `relayed: false` without a single request. Otherwise one
 * query of the conversation says whether it exists, whether the owner blocked the visitor, and
 * where the visitor is connected; typing is relayed only in a conversation that exists and is not
 * blocked, so a new visitor id per frame pushes nothing to the owner (issue 21, finding 7). A
 * visitor's typing reads the owner's connections only then.
 */

export const visitorTyping: ActionHandler<"visitorTyping"> = async ({ visitorId }, context) => {
  if (!context.deps.typing.admit(`visitor:${visitorId}`, context.now)) return { type: "typing", visitorId, relayed: false };
  const conversation = await context.store.messages.sendContext(visitorId, context.now);
  if (conversation.blocked) throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  if (!conversation.conversationExists) return { type: "typing", visitorId, relayed: false };
  const owner = await context.store.connections.ownerState(context.now);
  await context.pushAndForget(context.others(owner.connections), { type: "typing", visitorId, from: "visitor" }, null);
  return { type: "typing", visitorId, relayed: true };
};

export const ownerTyping: ActionHandler<"ownerTyping"> = async ({ visitorId }, context) => {
  if (!context.deps.typing.admit(`owner:${visitorId}`, context.now)) return { type: "typing", visitorId, relayed: false };
  const conversation = await context.store.messages.sendContext(visitorId, context.now);
  if (!conversation.conversationExists || conversation.blocked) return { type: "typing", visitorId, relayed: false };
  await context.pushAndForget(conversation.visitorConnections, { type: "typing", visitorId, from: "owner" }, visitorId);
  return { type: "typing", visitorId, relayed: true };
};
