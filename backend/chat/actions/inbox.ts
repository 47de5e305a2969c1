import { decodeInboxCursor, encodeInboxCursor } from "../../store/inbox-cursor.ts";
import type { ActionHandler } from "../action-handler.ts";

export const inbox: ActionHandler<"inbox"> = async ({ cursor }, { store }) => {
  const page = await store.inbox(cursor === undefined ? undefined : decodeInboxCursor(cursor));
  return { type: "inbox", conversations: page.conversations, cursor: encodeInboxCursor(page.nextKey) };
};
