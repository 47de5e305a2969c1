import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

/*
 * Typing is the most frequent frame and nothing of it is stored: a frame within the interval of
 * the side's last relayed one is answered `relayed: false` without a single request; otherwise one
 * read finds the other side's connections, and they are pushed `typing`. A visitor's is relayed
 * only if the owner has not blocked them, read at the same time as the owner's connections: nothing
 * from a blocked visitor reaches the owner's tabs.
 */

export const visitorTyping: ActionHandler<"visitorTyping"> = async ({ visitorId }, context) => {
  const relayed = context.deps.typing.admit(`visitor:${visitorId}`, context.now);
  if (relayed) {
    const [blocked, owner] = await Promise.all([
      context.store.blocks.isBlocked(visitorId),
      context.store.connections.ownerState(context.now),
    ]);
    if (blocked) throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
    await context.pushAndForget(context.others(owner.connections), { type: "typing", visitorId, from: "visitor" }, null);
  }
  return { type: "typing", visitorId, relayed };
};

export const ownerTyping: ActionHandler<"ownerTyping"> = async ({ visitorId }, context) => {
  const relayed = context.deps.typing.admit(`owner:${visitorId}`, context.now);
  if (relayed) {
    const connections = await context.store.connections.visitorConnections(visitorId, context.now);
    await context.pushAndForget(connections, { type: "typing", visitorId, from: "owner" }, visitorId);
  }
  return { type: "typing", visitorId, relayed };
};
