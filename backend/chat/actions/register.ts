import { profileOf } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";

export const register: ActionHandler<"register"> = async ({ visitorId, nickname, email }, { store, now }) => {
  const head = await store.register(
    visitorId,
    { ...(nickname === undefined ? {} : { nickname }), ...(email === undefined ? {} : { email }) },
    now,
  );
  return { type: "registered", visitor: profileOf(head) };
};
