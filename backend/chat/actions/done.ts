import { type ConversationStatus, ProtocolError } from "#protocol";
import type { ActionContext } from "../context.ts";
import type { ActionHandler } from "../action-handler.ts";
import { summaryOf, withRef } from "../head.ts";

/** Sets a conversation's status; the owner's other tabs are pushed its row (a change they count). */
async function setStatus(context: ActionContext, visitorId: string, status: ConversationStatus) {
  const head = await context.store.heads.setStatus(visitorId, status);
  if (!head) throw new ProtocolError("not_found", "no such conversation");
  const conversation = withRef(summaryOf(head), context.deps.refs());
  await context.pushToOwners({ type: "conversation", conversation });
  return conversation;
}

export const done: ActionHandler<"done"> = async ({ visitorId }, context) => ({
  type: "done",
  conversation: await setStatus(context, visitorId, "done"),
});

export const reopen: ActionHandler<"reopen"> = async ({ visitorId }, context) => ({
  type: "reopened",
  conversation: await setStatus(context, visitorId, "open"),
});
