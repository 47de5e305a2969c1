import type { ActionHandler } from "../action-handler.ts";
import { fittedInbox } from "../reply-size.ts";

export const inbox: ActionHandler<"inbox"> = async ({ cursor }, { store, deps }) =>
  fittedInbox({ type: "inbox" } as const, await store.inbox.page(cursor), deps.refs());
