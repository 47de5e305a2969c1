import { ProtocolError } from "#protocol";
import { profileOf } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";

export const register: ActionHandler<"register"> = async ({ visitorId, nickname, email }, { store, now }) => {
  const head = await store.heads.register(
    visitorId,
    { ...(nickname === undefined ? {} : { nickname }), ...(email === undefined ? {} : { email }) },
    now,
  );
  // A blocked visitor's details stay as they were: a block is also against a new name in the inbox.
  if (head === "blocked") throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  if (head === "erased") throw new ProtocolError("not_found", "this conversation was erased: start a new one");
  return { type: "registered", visitor: profileOf(head) };
};
