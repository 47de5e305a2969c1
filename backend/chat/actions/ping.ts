import type { ActionHandler } from "../action-handler.ts";

export const visitorPing: ActionHandler<"visitorPing"> = async ({ visitorId }, { store, origin, now }) => {
  await store.connections.bind(origin.connectionId, { role: "visitor", visitorId }, now);
  return { type: "pong", serverTime: now };
};

export const ownerPing: ActionHandler<"ownerPing"> = async (_frame, context) => {
  await context.bindOwner();
  return { type: "pong", serverTime: context.now };
};
