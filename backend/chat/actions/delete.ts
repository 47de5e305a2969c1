import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";
import { eraseConversation } from "../erase-conversation.ts";

export const deleteConversation: ActionHandler<"deleteConversation"> = async ({ visitorId }, context) => {
  // Hidden from every reader at once; its messages are erased by a job, in bounded runs.
  const clearedAt = await eraseConversation(
    visitorId,
    { ...context.deps, now: context.now },
    { exceptConnection: context.origin.connectionId },
  );
  if (clearedAt === null) throw new ProtocolError("not_found", "no such conversation");
  return { type: "deleted", visitorId, clearedAt };
};
