import { ProtocolError } from "#protocol";
import { summaryOf, withRef } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";

export const read: ActionHandler<"read"> = async ({ visitorId }, context) => {
  const head = await context.store.heads.markRead(visitorId);
  if (!head) throw new ProtocolError("not_found", "no such conversation");
  const upTo = head.ownerSeenUpTo;
  await Promise.all([
    context.pushToOwners({ type: "conversation", conversation: withRef(summaryOf(head), context.deps.refs()) }),
    // The visitor's open tabs show that their messages were read.
    upTo &&
      context.store.connections
        .visitorConnections(visitorId, context.now)
        .then((connections) => context.pushAndForget(connections, { type: "seen", visitorId, upTo, by: "owner" }, visitorId)),
  ]);
  return { type: "read", visitorId };
};
