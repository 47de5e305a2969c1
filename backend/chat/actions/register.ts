import { ProtocolError } from "#protocol";
import { isEmailConfirmed, profileOf } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";
import { queueConfirmation } from "../email-confirmation.ts";
import { openConversation, tooManyConversations } from "../open-conversation.ts";

/**
 * Sets the visitor's nickname and email. On a conversation that does not exist yet it opens one,
 * so it goes through the same door as a first message (open-conversation.ts): counted against the
 * new-conversation limits first. An address given to a conversation with a message is sent a
 * confirmation (the first message asks for one given before it).
 */
export const register: ActionHandler<"register"> = async ({ visitorId, nickname, email }, context) => {
  const { store, now } = context;
  const profile = { ...(nickname === undefined ? {} : { nickname }), ...(email === undefined ? {} : { email }) };
  let registered = await store.heads.register(visitorId, profile, now, false);
  if (registered.outcome === "absent") {
    const opening = await openConversation(context, visitorId);
    if (opening.open) registered = await store.heads.register(visitorId, profile, now, true);
    if (!opening.open || registered.outcome !== "registered") await opening.giveBack();
    if (!opening.open) throw tooManyConversations();
  }
  // A blocked visitor's details stay as they were: a block is also against a new name in the inbox.
  if (registered.outcome === "erased") throw new ProtocolError("not_found", "this conversation was erased: start a new one");
  if (registered.outcome !== "registered") throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  const { head } = registered;
  if (email && !isEmailConfirmed(head) && head.messageCount > 0) await queueConfirmation(context, visitorId);
  return { type: "registered", visitor: profileOf(head), emailConfirmed: isEmailConfirmed(head) };
};
