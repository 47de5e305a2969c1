import type { ConversationStatus, InboxCounts } from "./frames.ts";

/** The views of the owner's inbox: Open, Unread (open with unread visitor messages) and Done. */
export type InboxViewName = keyof InboxCounts;

/** Where a conversation stands, for the views: its status (none before its first message) and unread messages. */
export interface ViewedState {
  status?: ConversationStatus | undefined;
  unread: number;
}

/**
 * Which views list a conversation, as 1 or 0 per view: the one rule behind `counts` (the backend's
 * counters) and an inbox's own count of what it is pushed.
 */
export function viewsOf(state: ViewedState | null | undefined): InboxCounts {
  const status = state?.status;
  return {
    open: status === "open" ? 1 : 0,
    done: status === "done" ? 1 : 0,
    unread: status === "open" && state!.unread > 0 ? 1 : 0,
  };
}

/** What `inbox` and `hello` ask for to list a view. */
export function viewRequest(view: InboxViewName): { status: ConversationStatus; unread?: true } {
  return view === "done" ? { status: "done" } : view === "unread" ? { status: "open", unread: true } : { status: "open" };
}
