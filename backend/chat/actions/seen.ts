import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

export const seen: ActionHandler<"seen"> = async ({ visitorId, upTo }, context) => {
  const marked = await context.store.heads.markVisitorSeen(visitorId, upTo);
  if (marked.outcome === "unknown") throw new ProtocolError("not_found", "no such message in this conversation");
  // Nothing from a blocked visitor reaches the owner's tabs.
  if (marked.outcome === "blocked") throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  // Only a watermark that moved is news for the owner's tabs; a repeat costs no push.
  if (marked.outcome === "advanced") await context.pushToOwners({ type: "seen", visitorId, upTo, by: "visitor" });
  return { type: "seen", visitorId, upTo };
};
