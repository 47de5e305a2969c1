import { type HistoryReply, limits } from "#protocol";
import type { ActionContext } from "./context.ts";
import { fittedNewest, jsonBytes, longestCursor } from "./reply-size.ts";

/**
 * A page of one conversation's history, for the visitor's and the owner's `list`: the newest
 * messages before the cursor that fit in one reply; the rest come with the next page. The owner's
 * (`withPages`) says which page each visitor message was written on.
 */
export async function history(
  context: ActionContext,
  request: { visitorId: string; before?: string | undefined; limit?: number | undefined },
  withPages = false,
): Promise<HistoryReply> {
  const { visitorId } = request;
  const page = await context.store.messages.history(visitorId, request.before, request.limit ?? limits.historyDefaultLimit, withPages);
  const rest = jsonBytes({ type: "history", visitorId, messages: [], more: true, cursor: longestCursor });
  const { items, more, cursor } = fittedNewest(page, rest);
  return { type: "history", visitorId, messages: items, more, cursor };
}
