import { ProtocolError } from "#protocol";
import { issueSession, passwordMatches } from "#backend/auth/session.ts";
import { knownAddressTtlMs } from "../abuse-limits.ts";
import type { ActionHandler } from "../action-handler.ts";

/**
 * A guess is counted before the password is checked, each limit with one atomic write, so however
 * many race only the limit's worth are ever checked: per address, then in total, except from an
 * address the owner signed in from before (so a flood of guesses from elsewhere does not lock the
 * owner out there). The right password gives its counts back, and starts a session the store
 * keeps until it expires or `logout` ends it.
 */
export const login: ActionHandler<"login"> = async ({ password }, context) => {
  const { store, origin, now, deps } = context;
  const perAddress = context.addressCounter("login-address", deps.limits.loginFailuresPerAddress);
  // Addresses the owner signed in from are kept by their pseudonym of a 90-day period: this
  // period's and the last one's hold every sign-in of the last 90 days.
  const signIn = (periodsAgo: number) => deps.addresses.of(origin.sourceIp, now - periodsAgo * knownAddressTtlMs, knownAddressTtlMs);
  const [counted, known] = await Promise.all([
    store.counters.take(perAddress.key, deps.limits.loginFailuresPerAddress.max, perAddress.expiresAtMs),
    store.signIns.isKnown([signIn(0), signIn(1)], now),
  ]);
  if (!counted) throw new ProtocolError("rate_limited", "too many wrong passwords: try again in 15 minutes");
  const total = context.limitCounter("login-total", "all", deps.limits.loginFailuresTotal);
  if (!known && !(await store.counters.take(total.key, deps.limits.loginFailuresTotal.max, total.expiresAtMs))) {
    throw new ProtocolError(
      "rate_limited",
      "too many wrong passwords from everywhere: try again in 15 minutes, or from a place you signed in from before",
    );
  }
  if (!passwordMatches(password, deps.ownerPassword)) throw new ProtocolError("unauthorized", "wrong password");
  const session = issueSession(deps.ownerPassword, deps.scope, now);
  await Promise.all([
    store.sessions.start(session.id, session.expiresAt),
    store.counters.giveBack(perAddress.key),
    known ? undefined : store.counters.giveBack(total.key),
    store.signIns.remember(signIn(0), now, knownAddressTtlMs),
  ]);
  return { type: "session", token: session.token, expiresAt: session.expiresAt };
};
