import { ProtocolError, limits } from "../../../protocol/index.ts";
import { issueSession, passwordMatches } from "../../auth/session.ts";
import type { ActionHandler } from "../action-handler.ts";

export const login: ActionHandler<"login"> = async ({ password }, { store, origin, now, deps }) => {
  if ((await store.loginThrottle.failures(origin.sourceIp, now)) >= limits.loginFailuresMax) {
    throw new ProtocolError("rate_limited", "too many wrong passwords: try again in 15 minutes");
  }
  if (!passwordMatches(password, deps.ownerPassword)) {
    await store.loginThrottle.recordFailure(origin.sourceIp, now);
    throw new ProtocolError("unauthorized", "wrong password");
  }
  const session = issueSession(deps.ownerPassword, now);
  return { type: "session", token: session.token, expiresAt: session.expiresAt };
};
