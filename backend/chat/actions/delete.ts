import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

export const deleteConversation: ActionHandler<"deleteConversation"> = async ({ visitorId }, context) => {
  // Hidden from every reader at once; its messages are erased by a job, in bounded runs.
  const cleared = await context.store.deletes.clearConversation(visitorId, context.now);
  if (!cleared) throw new ProtocolError("not_found", "no such conversation");
  // Also for a conversation already cleared: a delete whose job was lost is finished this way.
  await context.deps.jobs.enqueue({ type: "sweep-conversation", visitorId, clearedAt: cleared.clearedAt });
  if (!cleared.cleared) throw new ProtocolError("not_found", "no such conversation");
  const deleted = { type: "deleted", visitorId, clearedAt: cleared.clearedAt } as const;
  await Promise.all([context.pushAndForget(cleared.visitorConnections, deleted, visitorId), context.pushToOwners(deleted)]);
  return deleted;
};
