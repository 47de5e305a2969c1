import type { ActionHandler } from "../action-handler.ts";

export const unread: ActionHandler<"unread"> = async (_frame, { store }) => ({ type: "unread", ...(await store.unreadTotal.read()) });
