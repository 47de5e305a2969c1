import type { ActionHandler } from "../action-handler.ts";

/*
 * Typing is the most frequent frame and nothing of it is stored: a frame within the interval of
 * the side's last relayed one is answered `relayed: false` without a single request; otherwise one
 * read finds the other side's connections, and they are pushed `typing`.
 */

export const visitorTyping: ActionHandler<"visitorTyping"> = async ({ visitorId }, context) => {
  const relayed = context.deps.typing.admit(`visitor:${visitorId}`, context.now);
  if (relayed) await context.pushToOwners({ type: "typing", visitorId, from: "visitor" });
  return { type: "typing", visitorId, relayed };
};

export const ownerTyping: ActionHandler<"ownerTyping"> = async ({ visitorId }, context) => {
  const relayed = context.deps.typing.admit(`owner:${visitorId}`, context.now);
  if (relayed) {
    const connections = await context.store.visitorConnections(visitorId, context.now);
    await context.pushAndForget(connections, { type: "typing", visitorId, from: "owner" }, visitorId);
  }
  return { type: "typing", visitorId, relayed };
};
