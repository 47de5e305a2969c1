import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";
import { fittedNewest, jsonBytes, longestCursor } from "../reply-size.ts";

/** Notes per `notes` page, before fitting them in one reply. */
const notesPageSize = 50;

/**
 * A private note goes to the owner's other tabs and nowhere else: no visitor connection, no
 * notification, no email (docs/protocol.md, `note`).
 */
export const note: ActionHandler<"note"> = async ({ visitorId, id, text }, context) => {
  if (!(await context.store.heads.get(visitorId))) throw new ProtocolError("not_found", "no such conversation");
  const stored = await context.store.notes.add({ id, visitorId, text, writtenAt: context.now });
  await context.pushToOwners({ type: "note", note: stored });
  return { type: "noted", note: stored };
};

export const notes: ActionHandler<"notes"> = async ({ visitorId, before }, { store }) => {
  const page = await store.notes.page(visitorId, before, notesPageSize);
  const rest = jsonBytes({ type: "notes", visitorId, notes: [], cursor: longestCursor });
  const { items, cursor } = fittedNewest(page, rest);
  return { type: "notes", visitorId, notes: items, cursor };
};
