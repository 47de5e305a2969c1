import { randomUUID } from "node:crypto";
import { type ChatMessage, type PageRef, ProtocolError, type Sender, type SentReply, limits } from "../../protocol/index.ts";
import { notifyQuietMs } from "../notify/notification.ts";
import { type ConversationHead, type VisitorContext, summaryOf } from "./head.ts";
import type { ActionContext } from "./context.ts";
import { log } from "./log.ts";

/**
 * Stores a message exactly once and pushes it once, however many copies of the frame arrive:
 * 1. one read of the conversation's timeline (rate limit, connections, head) and one of the owner's;
 * 2. a conditional put keyed by the message id (a copy finds the stored message instead);
 * 3. a conditional update of the head, which applies it once however many copies try;
 * 4. a conditional claim of the message, which exactly one copy wins: that copy pushes, and
 *    later resends find the message applied and are answered without side effects.
 * docs/data-model.md#exactly-once explains why each step is needed.
 */
export async function sendMessage(
  context: ActionContext,
  request: { visitorId: string; id: string; text: string; from: Sender; page?: PageRef; visitor?: VisitorContext },
): Promise<SentReply> {
  const { store, now } = context;
  const [conversation, owner] = await Promise.all([
    store.sendContext(request.visitorId, now - limits.visitorRateWindowMs, now),
    store.connections.ownerState(now),
  ]);
  if (request.from === "owner" && !conversation.conversationExists) {
    throw new ProtocolError("not_found", "no such conversation");
  }
  if (request.from === "visitor" && conversation.blocked) {
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
  const recentFromVisitor = conversation.recentMessages.filter((recent) => recent.from === "visitor" && recent.id !== request.id);
  const overRate = request.from === "visitor" && recentFromVisitor.length >= limits.visitorRateMax;

  const put = await store.putMessage(message);
  if (!put.created) {
    const stored = put.existing;
    if (stored.text !== request.text || stored.from !== request.from) {
      throw new ProtocolError("bad_request", "this message id was already used for another message");
    }
    if (put.applied) return { type: "sent", message: stored };
    message = stored;
  }
  if (overRate) {
    await store.deleteUnappliedMessage(message);
    throw new ProtocolError("rate_limited", "you are sending messages too fast: wait a minute");
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
  const notify = message.from === "visitor" && owner.connections.length === 0 && (await claimNotification(context, message, head));
  const { replyEmails } = context.deps;
  const emailLater = message.from === "owner" && replyEmails.enabled && !!head.email && !head.emailUnsubscribedAt;

  const row = summaryOf(head);
  await Promise.all([
    context.pushAndForget(context.others(conversation.visitorConnections), { type: "message", message }, message.visitorId),
    context.pushAndForget(context.others(owner.connections), { type: "message", message, conversation: row }, null),
    notify ? notifyOwner(context, message, head) : undefined,
    emailLater ? queueReplyEmail(context, message) : undefined,
  ]);
  return request.from === "owner" ? { type: "sent", message, conversation: row } : { type: "sent", message };
}

/**
 * The owner, away, hears of the first visitor message of a burst: one per `notifyQuietMs`,
 * however many messages race (the store's claim is conditional). The head says when the last
 * notification went out, so the rest of a burst costs no claim.
 */
async function claimNotification(context: ActionContext, message: ChatMessage, head: ConversationHead): Promise<boolean> {
  const quietSinceMs = message.sentAt - notifyQuietMs;
  if (head.notifiedAt !== undefined && head.notifiedAt >= quietSinceMs) return false;
  return context.store.claimNotification(message.visitorId, message.id, message.sentAt, quietSinceMs);
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

async function notifyOwner(context: ActionContext, message: ChatMessage, head: ConversationHead): Promise<void> {
  try {
    await context.deps.notifier.notify({ conversation: summaryOf(head), message });
  } catch (error) {
    log.warn("owner notification not queued", { messageId: message.id, error });
  }
}
