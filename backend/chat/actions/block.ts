import { summaryOf, withRef } from "../head.ts";
import type { ActionContext } from "../context.ts";
import type { ActionHandler } from "../action-handler.ts";

async function setBlocked(context: ActionContext, visitorId: string, blocked: boolean) {
  const head = await context.store.blocks.setBlocked(visitorId, blocked, context.now);
  if (head) await context.pushToOwners({ type: "conversation", conversation: withRef(summaryOf(head), context.deps.refs()) });
  return { type: "blocked", visitorId, blocked } as const;
}

export const block: ActionHandler<"block"> = ({ visitorId }, context) => setBlocked(context, visitorId, true);

export const unblock: ActionHandler<"unblock"> = ({ visitorId }, context) => setBlocked(context, visitorId, false);
