import { randomUUID } from "node:crypto";
import { type ChatMessage, type PageRef, ProtocolError, type Sender, type SentReply } from "../../protocol/index.ts";
import { connectionLifetimeMs } from "./abuse-limits.ts";
import { type VisitorContext, summaryOf } from "./head.ts";
import type { ActionContext } from "./context.ts";
import { log } from "./log.ts";
import { notifyOwnerOf } from "./notify-owner.ts";

/**
 * Stores a message exactly once and pushes it once, however many copies of the frame arrive:
 * 1. one read of the conversation's timeline (connections, head, block) and one of the owner's,
 *    and, for a visitor, the message counted against their limit (one atomic write);
 * 2. a conditional put keyed by the message id (a copy finds the stored message instead); the
 *    first message of a conversation is also counted against the new-conversation limits of its
 *    address and connection, in parallel;
 * 3. a conditional update of the head, which applies it once however many copies try;
 * 4. a conditional claim of the message, which exactly one copy wins: that copy pushes (and tells
 *    the away owner, or queues the email of a reply the visitor may miss), and later resends find
 *    the message applied and are answered without side effects.
 * docs/data-model.md#exactly-once explains why each step is needed.
 */
export async function sendMessage(
  context: ActionContext,
  request: { visitorId: string; id: string; text: string; from: Sender; page?: PageRef; visitor?: VisitorContext },
): Promise<SentReply> {
  const { store, now } = context;
  const fromVisitor = request.from === "visitor";
  const [conversation, owner, withinRate] = await Promise.all([
    store.sendContext(request.visitorId, now),
    store.connections.ownerState(now),
    fromVisitor ? context.takeLimit("messages", request.visitorId, context.deps.limits.messagesPerVisitor) : true,
  ]);
  if (!fromVisitor && !conversation.conversationExists) {
    throw new ProtocolError("not_found", "no such conversation");
  }
  if (fromVisitor && conversation.blocked) {
    throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  }

  let message: ChatMessage = {
    id: request.id,
    visitorId: request.visitorId,
    from: request.from,
    text: request.text,
    sentAt: now,
    ...(request.page ? { page: request.page } : {}),
  };
  const sameMessage = (stored: ChatMessage) => {
    if (stored.text !== request.text || stored.from !== request.from) {
      throw new ProtocolError("bad_request", "this message id was already used for another message");
    }
  };
  if (!withinRate) {
    // Over the limit, only a copy of a message already stored goes on: a resend is no new message.
    // One read, and nothing is written for the rest.
    const stored = await store.storedMessage(request.visitorId, request.id);
    if (!stored) throw new ProtocolError("rate_limited", "you are sending messages too fast: wait a minute");
    sameMessage(stored.message);
    if (stored.applied) return { type: "sent", message: stored.message };
    message = stored.message;
  } else {
    const [put, opening] = await Promise.all([
      store.putMessage(message),
      fromVisitor && !conversation.conversationExists ? openConversation(context) : undefined,
    ]);
    if (!put.created) {
      // A copy of a message another copy stored (and counted): this one's counts are given back.
      await opening?.giveBack();
      sameMessage(put.existing);
      if (put.applied) return { type: "sent", message: put.existing };
      message = put.existing;
    } else if (opening && !opening.open) {
      // Neither count stands: the one that admitted it is given back with the message's removal.
      await Promise.all([store.deleteUnappliedMessage(message), opening.giveBack()]);
      throw new ProtocolError("rate_limited", "too many new conversations from your network: try again later");
    }
  }

  const applied = await store.applyMessage(message, request.visitor);
  if (applied.outcome === "cleared") {
    // The owner deleted the conversation while this message was on its way: it goes too.
    await store.deleteUnappliedMessage(message);
    throw new ProtocolError(
      "not_found",
      request.from === "owner"
        ? "no such conversation: it was deleted"
        : "this conversation was deleted as you wrote: send your message again to start a new one",
    );
  }
  if (!(await store.claimMessage(message, randomUUID()))) return { type: "sent", message };
  // This copy pushes. If another copy (or this one's lost first attempt) updated the head, read it.
  const head = applied.outcome === "applied" ? applied.head : await store.head(message.visitorId);
  if (!head) return { type: "sent", message }; // deleted by the owner meanwhile
  const { deps } = context;
  const emailLater = !fromVisitor && deps.replyEmails.enabled && !!head.email && !head.emailUnsubscribedAt;

  const row = summaryOf(head);
  await Promise.all([
    context.pushAndForget(context.others(conversation.visitorConnections), { type: "message", message }, message.visitorId),
    context.pushAndForget(context.others(owner.connections), { type: "message", message, conversation: row }, null),
    fromVisitor && owner.connections.length === 0
      ? notifyOwnerOf({ store, notifier: deps.notifier, jobs: deps.jobs, refs: deps.refs }, message, head)
      : undefined,
    emailLater ? queueReplyEmail(context, message) : undefined,
  ]);
  return request.from === "owner" ? { type: "sent", message, conversation: row } : { type: "sent", message };
}

/**
 * A visitor's first message opens a conversation: counted against the limits of the frame's
 * source address and of its connection, each one atomic write, at once. `open` is false when
 * either is full; `giveBack` uncounts what was counted, for a first message that opens nothing
 * (refused by the other limit, or a copy of one already stored), so the counts stay exact.
 */
async function openConversation(context: ActionContext): Promise<{ open: boolean; giveBack: () => Promise<void> }> {
  const { limits } = context.deps;
  const { connectionId, sourceIp } = context.origin;
  const address = context.limitCounter("conversations-address", sourceIp, limits.conversationsPerAddress);
  const connection = { key: `conversations-connection#${connectionId}`, expiresAtMs: context.now + connectionLifetimeMs };
  const [byAddress, byConnection] = await Promise.all([
    context.store.counters.take(address.key, limits.conversationsPerAddress.max, address.expiresAtMs),
    context.store.counters.take(connection.key, limits.conversationsPerConnection, connection.expiresAtMs),
  ]);
  const counted = [...(byAddress ? [address.key] : []), ...(byConnection ? [connection.key] : [])];
  return {
    open: byAddress && byConnection,
    giveBack: async () => {
      await Promise.all(counted.map((key) => context.store.counters.giveBack(key)));
    },
  };
}

/**
 * An owner reply the visitor has not seen after the delay is emailed to them: a delayed job
 * (backend/jobs/reply-email.ts) that checks then whether it was seen. Enqueueing is one quick call
 * beside the pushes; if it fails, the send still succeeds and the reply is emailed with the next
 * reply's job, or not at all (the visitor still finds it on the page).
 */
async function queueReplyEmail(context: ActionContext, message: ChatMessage): Promise<void> {
  try {
    await context.deps.jobs.enqueue(
      { type: "reply-email", visitorId: message.visitorId, replyId: message.id },
      { delaySeconds: context.deps.replyEmails.delayS },
    );
  } catch (error) {
    log.warn("reply email not queued", { visitorId: message.visitorId, messageId: message.id, error });
  }
}
