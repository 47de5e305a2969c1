import type { ActionHandler } from "../action-handler.ts";

/**
 * Ends the frame's session (backend/store/sessions.ts): its token is refused from then on, here
 * and in every container. The devices it subscribed are removed, and its other owner connections
 * (other tabs, or whoever holds a copy of the token) are unbound and closed, so none of them gets
 * a visitor's words any more; this one is unbound, and the inbox closes it.
 */
export const logout: ActionHandler<"logout"> = async (_frame, context) => {
  const { store, origin, now, deps } = context;
  const session = context.ownerSession();
  // The session ends first: a `subscribe` racing this finds it ended after its write and takes its
  // device back, or wrote before the sweep below, which removes it.
  await store.sessions.end(session.id);
  const [, connections] = await Promise.all([
    store.pushDevices.removeSession(session.id),
    store.connections.sessionConnections(session.id, now),
  ]);
  deps.endedSessions.add(session.id);
  const binding = { role: "owner", sessionId: session.id } as const;
  await Promise.all([
    store.connections.deleteBinding(origin.connectionId, binding),
    ...context
      .others(connections)
      .map((connectionId) => Promise.all([store.connections.deleteBinding(connectionId, binding), deps.pusher.disconnect(connectionId)])),
  ]);
  return { type: "loggedOut" };
};
