import { type InboxCounts, type ViewedState, viewsOf } from "#protocol";

/**
 * What the owner's totals change by: unread messages (`unreadTotal`), the views' counts, and the
 * messages in each view's conversations (`messages`: the version an inbox tab compares, so a push
 * lost in any view shows at its next ping; docs/protocol.md, "Catching up").
 */
export interface TotalsChange extends Partial<InboxCounts> {
  unreadTotal?: number;
  messages?: Partial<InboxCounts>;
}

/** Where a conversation stands for the totals: its views, and how many messages it holds. */
export interface CountedState extends ViewedState {
  messageCount: number;
}

/**
 * What one change of a conversation (a message, a read, a done, a delete: null once it is gone)
 * changes the owner's totals by, from where it stood before and after. One rule for every writer
 * (the protocol's `viewsOf`), so the counts mean the same thing whoever moved them.
 */
export function totalsChange(before: CountedState | null, after: CountedState | null): TotalsChange {
  const [was, is] = [viewsOf(before), viewsOf(after)];
  const [wasMessages, isMessages] = [before?.messageCount ?? 0, after?.messageCount ?? 0];
  return {
    unreadTotal: (after?.unread ?? 0) - (before?.unread ?? 0),
    open: is.open - was.open,
    done: is.done - was.done,
    unread: is.unread - was.unread,
    messages: {
      open: is.open * isMessages - was.open * wasMessages,
      done: is.done * isMessages - was.done * wasMessages,
      unread: is.unread * isMessages - was.unread * wasMessages,
    },
  };
}
