import { type HistoryReply, limits } from "#protocol";
import { withAttachments } from "./attachments.ts";
import type { ActionContext } from "./context.ts";
import { fittedNewest, jsonBytes, longestCursor, roomFor } from "./reply-size.ts";

/**
 * A page of one conversation's history, for the visitor's and the owner's `list`: the newest
 * messages before the cursor that fit in one reply; the rest come with the next page. The owner's
 * (`withPages`) says which page each visitor message was written on.
 *
 * The page reads no more than one reply can carry (about 32 read units; the store reads in
 * batches until it is full): a conversation of the longest messages costs each `list` what it
 * answers, not the whole conversation (docs/benchmarks.md, "Reads bounded by the reply").
 */
export async function history(
  context: ActionContext,
  request: { visitorId: string; before?: string | undefined; limit?: number | undefined },
  withPages = false,
): Promise<HistoryReply> {
  const { visitorId } = request;
  // Read before the page: a message is stored before its head counts it, so every message counted
  // is in the page or older, and a client never takes a count for more than it was given.
  const count = request.before === undefined ? await context.store.messages.count(visitorId) : undefined;
  const rest = jsonBytes({ type: "history", visitorId, messages: [], more: true, cursor: longestCursor });
  const page = await context.store.messages.history(visitorId, request.before, {
    limit: request.limit ?? limits.historyDefaultLimit,
    readBytes: roomFor(rest),
    withPages,
  });
  // With their download urls before they are fitted: a page of many attachments is a shorter page.
  const messages = await withAttachments(
    context.deps,
    visitorId,
    page.entries.map((entry) => entry.item),
  );
  page.entries.forEach((entry, index) => (entry.item = messages[index]!));
  // What was read fits the reply's room as stored; as JSON (escapes, pages) it may take more.
  const { items, more, cursor } = fittedNewest(page, rest);
  return { type: "history", visitorId, messages: items, more, cursor, ...(count === undefined ? {} : { count }) };
}
