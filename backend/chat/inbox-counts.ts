import { type InboxCounts, type ViewedState, viewsOf } from "#protocol";

/** What the owner's totals change by: unread messages (`unreadTotal`) and the views' counts. */
export interface TotalsChange extends Partial<InboxCounts> {
  unreadTotal?: number;
}

/**
 * What one change of a conversation (a message, a read, a done, a delete: null once it is gone)
 * changes the owner's totals by, from where it stood before and after. One rule for every writer
 * (the protocol's `viewsOf`), so the counts mean the same thing whoever moved them.
 */
export function totalsChange(before: ViewedState | null, after: ViewedState | null): TotalsChange {
  const [was, is] = [viewsOf(before), viewsOf(after)];
  return {
    unreadTotal: (after?.unread ?? 0) - (before?.unread ?? 0),
    open: is.open - was.open,
    done: is.done - was.done,
    unread: is.unread - was.unread,
  };
}
