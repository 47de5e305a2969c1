import { ProtocolError } from "../../../protocol/index.ts";
import { summaryOf } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";

export const read: ActionHandler<"read"> = async ({ visitorId }, context) => {
  const head = await context.store.markRead(visitorId);
  if (!head) throw new ProtocolError("not_found", "no such conversation");
  await context.pushToOwners({ type: "conversation", conversation: summaryOf(head) });
  return { type: "read", visitorId };
};
