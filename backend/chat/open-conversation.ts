import { ProtocolError } from "#protocol";
import { connectionLifetimeMs } from "./abuse-limits.ts";
import type { ActionContext } from "./context.ts";

/**
 * The one door to a new conversation: whatever action creates a conversation's head (a visitor's
 * first message, or a `register` before it), it is counted here first, against the limits of the
 * frame's source address and of its connection, each one atomic write, at once. Each counts the
 * conversations (visitor ids) it holds, not frames: a visitor's `register` and first message, or
 * first messages racing each other (typed fast, or sent as a delete passes), open one conversation
 * and count once. `open` is false when either is full; `giveBack` uncounts what was counted, for an
 * action that opens nothing after all (refused by the other limit), so the counts stay exact.
 */
export async function openConversation(
  context: ActionContext,
  visitorId: string,
): Promise<{ open: boolean; giveBack: () => Promise<void> }> {
  const { limits } = context.deps;
  const { connectionId } = context.origin;
  const address = context.addressCounter("conversations-address", limits.conversationsPerAddress);
  const connection = { key: `conversations-connection#${connectionId}`, expiresAtMs: context.now + connectionLifetimeMs };
  const { counters } = context.store;
  const [byAddress, byConnection] = await Promise.all([
    counters.takeMember(address.key, visitorId, limits.conversationsPerAddress.max, address.expiresAtMs),
    counters.takeMember(connection.key, visitorId, limits.conversationsPerConnection, connection.expiresAtMs),
  ]);
  const counted = [...(byAddress ? [address.key] : []), ...(byConnection ? [connection.key] : [])];
  return {
    open: byAddress && byConnection,
    giveBack: async () => {
      await Promise.all(counted.map((key) => counters.giveBackMember(key, visitorId)));
    },
  };
}

/** What an action that would open one conversation too many answers. */
export const tooManyConversations = () =>
  new ProtocolError("rate_limited", "too many new conversations from your network: try again later");
