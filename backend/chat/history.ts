import { type HistoryReply, historyCursor, limits } from "../../protocol/index.ts";
import type { ActionContext } from "./context.ts";

/** A page of one conversation's history, for the visitor's and the owner's `list`. */
export async function history(
  context: ActionContext,
  request: { visitorId: string; before?: string | undefined; limit?: number | undefined },
): Promise<HistoryReply> {
  const { visitorId, before } = request;
  const page = await context.store.history(
    visitorId,
    before === undefined ? undefined : parseHistoryCursor(before),
    request.limit ?? limits.historyDefaultLimit,
  );
  const oldest = page.messages[0];
  return {
    type: "history",
    visitorId,
    messages: page.messages,
    more: page.more,
    cursor: page.more && oldest ? historyCursor(oldest) : null,
  };
}

/** A history cursor's parts; the protocol has checked its form. */
function parseHistoryCursor(cursor: string): { sentAt: number; id: string } {
  const colon = cursor.indexOf(":");
  return { sentAt: Number(cursor.slice(0, colon)), id: cursor.slice(colon + 1) };
}
