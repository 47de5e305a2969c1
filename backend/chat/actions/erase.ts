import type { ActionHandler } from "../action-handler.ts";
import { eraseConversation } from "../erase-conversation.ts";

/**
 * The visitor erases their own conversation (docs/privacy.md): the owner's delete path, with the
 * mark at the end of time, so the id is retired for good (any later message with it is refused).
 * Answered `erased` whether or not there was anything to erase: erasing is idempotent.
 */
export const erase: ActionHandler<"erase"> = async ({ visitorId }, context) => {
  await eraseConversation(
    visitorId,
    { ...context.deps, now: context.now },
    { forever: true, exceptConnection: context.origin.connectionId },
  );
  return { type: "erased" };
};
