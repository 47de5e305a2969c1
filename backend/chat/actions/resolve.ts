import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";

/** A notification's reference (backend/auth/conversation-ref.ts) opened by the signed-in owner: no read needed. */
export const resolve: ActionHandler<"resolve"> = ({ ref }, context) => {
  const visitorId = context.deps.refs().resolve(ref);
  // Not made here, or made before the password changed: either way, nothing to open.
  if (!visitorId) {
    return Promise.reject(
      new ProtocolError("not_found", "this link does not open a conversation here (it may be from before a password change)"),
    );
  }
  return Promise.resolve({ type: "resolved", ref, visitorId });
};
