import { ProtocolError } from "#protocol";
import { addressHash } from "#backend/email/address.ts";
import { openResumeToken } from "#backend/email/link-tokens.ts";
import type { ActionHandler } from "../action-handler.ts";
import { isEmailConfirmed } from "../head.ts";

/**
 * A reply email's "Continue the conversation" link: its token stands for a visitor id until it
 * expires, and only while the conversation's confirmed address is the one the email went to, as
 * confirmed then: once the address is changed, removed, unsubscribed or confirmed again, the link
 * is `expired`. Nothing is written: the widget keeps the id and says `hello` with it (asking the
 * visitor first when the browser holds a conversation of its own).
 */
export const resume: ActionHandler<"resume"> = async ({ token }, context) => {
  const opened = openResumeToken(token, context.deps.linkKey, context.now);
  if (!opened.ok) {
    throw opened.reason === "expired"
      ? new ProtocolError("expired", "this link has expired: links in reply emails work for 14 days")
      : new ProtocolError("unauthorized", "this link is not valid: open it again from the email");
  }
  const link = opened.value;
  const head = await context.store.heads.get(link.visitorId);
  if (!head) throw new ProtocolError("not_found", "this conversation no longer exists");
  if (!isEmailConfirmed(head) || addressHash(head.email) !== link.addressHash || head.emailConfirmedAt !== link.confirmedAtMs) {
    throw new ProtocolError("expired", "this link no longer works: the conversation's email address changed since it was sent");
  }
  return { type: "resumed", visitorId: link.visitorId };
};
