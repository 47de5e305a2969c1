import type { ActionHandler } from "../action-handler.ts";

/** A ping renews the binding and, in the same round trip, says where the conversation stands (the watermark). */
export const visitorPing: ActionHandler<"visitorPing"> = async ({ visitorId }, { store, origin, now }) => {
  const [, latest, count] = await Promise.all([
    store.connections.bind(origin.connectionId, { role: "visitor", visitorId }, now),
    store.messages.newest(visitorId),
    store.messages.count(visitorId),
  ]);
  return { type: "pong", serverTime: now, latest, count };
};

export const ownerPing: ActionHandler<"ownerPing"> = async (_frame, context) => {
  const [, latest, totals] = await Promise.all([
    context.bindOwner(),
    context.store.inbox.newestActivity(),
    context.store.unreadTotal.read(),
  ]);
  return { type: "pong", serverTime: context.now, latest, ...totals };
};
