import { ProtocolError } from "../../../protocol/index.ts";
import type { ActionHandler } from "../action-handler.ts";

export const deleteConversation: ActionHandler<"deleteConversation"> = async ({ visitorId }, context) => {
  const erased = await context.store.deleteConversation(visitorId, context.now);
  if (!erased) throw new ProtocolError("not_found", "no such conversation");
  const deleted = { type: "deleted", visitorId } as const;
  await Promise.all([
    context.pushAndForget(erased.visitorConnections, deleted, visitorId),
    context.pushToOwners(deleted),
  ]);
  return deleted;
};
