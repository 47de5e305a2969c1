import { ProtocolError } from "#protocol";
import { openResumeToken } from "#backend/email/link-tokens.ts";
import type { ActionHandler } from "../action-handler.ts";

/**
 * A reply email's "Continue the conversation" link: its token stands for a visitor id until it
 * expires. Nothing is written: the widget keeps the id and says `hello` with it.
 */
export const resume: ActionHandler<"resume"> = async ({ token }, context) => {
  const opened = openResumeToken(token, context.deps.linkKey, context.now);
  if (!opened.ok) {
    throw opened.reason === "expired"
      ? new ProtocolError("expired", "this link has expired: links in reply emails work for 14 days")
      : new ProtocolError("unauthorized", "this link is not valid: open it again from the email");
  }
  const { visitorId } = opened.value;
  if (!(await context.store.heads.get(visitorId))) throw new ProtocolError("not_found", "this conversation no longer exists");
  return { type: "resumed", visitorId };
};
