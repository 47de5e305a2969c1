import type { ActionHandler } from "../action-handler.ts";
import { fittedInbox } from "../reply-size.ts";

export const inbox: ActionHandler<"inbox"> = async ({ cursor, status, unread }, { store, deps }) =>
  fittedInbox(
    { type: "inbox" } as const,
    await store.inbox.page({ status: status ?? "open", unreadOnly: unread === true }, cursor),
    deps.refs(),
  );
