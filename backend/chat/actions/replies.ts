import { limits, ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

export const replies: ActionHandler<"replies"> = async (_frame, { store }) => ({
  type: "replies",
  replies: await store.savedReplies.list(),
});

/** Saves a reply and shows every tab of the owner's the new list (docs/protocol.md, `saveReply`). */
export const saveReply: ActionHandler<"saveReply"> = async ({ id, title, text }, context) => {
  const saved = await context.store.savedReplies.save({ id, title, text }, limits.savedRepliesMax);
  if (!saved) throw new ProtocolError("too_large", `at most ${limits.savedRepliesMax} saved replies: delete one first`);
  await context.pushToOwners({ type: "replies", replies: saved });
  return { type: "replies", replies: saved };
};

export const deleteReply: ActionHandler<"deleteReply"> = async ({ id }, context) => {
  const left = await context.store.savedReplies.remove(id);
  await context.pushToOwners({ type: "replies", replies: left });
  return { type: "replies", replies: left };
};
