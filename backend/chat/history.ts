import { type HistoryReply, limits } from "#protocol";
import { withAttachments } from "./attachments.ts";
import type { ActionContext } from "./context.ts";
import { countThatFit, jsonBytes, longestCursor } from "./reply-size.ts";

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
  // With their download urls before they are fitted: a page of many attachments is a shorter page.
  const messages = await withAttachments(
    context.deps,
    visitorId,
    page.entries.map((entry) => entry.item),
  );
  page.entries.forEach((entry, index) => (entry.item = messages[index]!));
  const rest = jsonBytes({ type: "history", visitorId, messages: [], more: true, cursor: longestCursor });
  const kept = countThatFit(
    page.entries.map((entry) => entry.item),
    rest,
    "end",
  );
  const entries = page.entries.slice(page.entries.length - kept);
  const more = page.more || kept < page.entries.length;
  return {
    type: "history",
    visitorId,
    messages: entries.map((entry) => entry.item),
    more,
    cursor: more && entries[0] ? entries[0].cursor : null,
  };
}
