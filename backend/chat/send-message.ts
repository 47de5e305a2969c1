import { randomUUID } from "node:crypto";
import { type ChatMessage, type PageRef, ProtocolError, type Sender, type SentReply } from "#protocol";
import { attachToMessage, withUrls } from "./attachments.ts";
import { type VisitorContext, isEmailConfirmed, summaryOf, withRef } from "./head.ts";
import type { ActionContext } from "./context.ts";
import type { ApplyOutcome } from "./ports.ts";
import { log } from "./log.ts";
import { notifyOwnerOf } from "./notify-owner.ts";
import { holdsLease } from "./owner-lease.ts";
import { openConversation, tooManyConversations } from "./open-conversation.ts";
import { queueConfirmation } from "./email-confirmation.ts";

/** A `send`, the visitor's or the owner's, as the chat has it. */
interface SendRequest {
  visitorId: string;
  id: string;
  text: string;
  from: Sender;
  attachments?: readonly string[] | undefined;
  /** Where the message goes in the conversation; default now (an answer by email's says when it was written). */
  sentAt?: number;
  page?: PageRef;
  visitor?: VisitorContext;
}

/**
 * Stores a message exactly once and pushes it once, however many copies of the frame arrive, in
 * three round trips for a message to a conversation that exists (four for a conversation's first):
 * 1. one read of the conversation's timeline (connections, head, block) and one of the owner's,
 *    and at the same time a conditional put keyed by the message id (a copy finds the stored
 *    message instead, and whether it was applied) and, for a visitor, the message counted against
 *    their limit (one atomic write); a message refused then (blocked, over the limit, no such
 *    conversation) is removed again;
 * 2. a conversation's first message is counted against the new-conversation limits of its address
 *    and connection (an extra round trip), then a conditional update of the head, which applies it
 *    once however many copies try;
 * 3. a conditional claim of the message, which exactly one copy wins, and the change in the
 *    owner's unread total, made by the copy whose head update applied it: the winner pushes (and
 *    tells the away owner, or queues the email of a reply the visitor may miss), and later resends
 *    find the message applied in step 1 and are answered without another write.
 * docs/data-model.md#exactly-once explains why each step is needed.
 */
export async function sendMessage(context: ActionContext, request: SendRequest): Promise<SentReply> {
  const { store, now } = context;
  const fromVisitor = request.from === "visitor";
  const attachmentIds = request.attachments ?? [];
  let message = await newMessage(context, request);
  const [conversation, owner, withinRate, put] = await Promise.all([
    store.messages.sendContext(request.visitorId, now),
    store.connections.ownerState(now),
    fromVisitor ? context.takeLimit("messages", request.visitorId, context.deps.limits.messagesPerVisitor) : true,
    store.messages.put(message),
  ]);
  // A message refused after the put is removed again (only if this copy stored it: a stored one
  // is someone else's to finish).
  const refuse = async (error: ProtocolError): Promise<never> => {
    if (put.created) await store.messages.deleteUnapplied(message);
    if (put.created && attachmentIds.length) await store.attachments.release(request.visitorId, attachmentIds, request.id);
    throw error;
  };
  if (!fromVisitor && !conversation.conversationExists) {
    await refuse(new ProtocolError("not_found", "no such conversation"));
  }
  if (fromVisitor && conversation.blocked) {
    await refuse(new ProtocolError("blocked", "the site owner is not accepting messages from you"));
  }
  if (!put.created) {
    // A copy of a message already stored (a resend, a redelivery): counted against the limit
    // again, but nothing else is written for it once it is applied.
    if (put.existing.text !== request.text || put.existing.from !== request.from) {
      throw new ProtocolError("bad_request", "this message id was already used for another message");
    }
    if (put.applied) return { type: "sent", message: await withUrls(context.deps, put.existing) };
    message = put.existing;
  } else if (!withinRate) {
    await refuse(new ProtocolError("rate_limited", "you are sending messages too fast: wait a minute"));
  } else if (fromVisitor && !conversation.conversationExists) {
    const opening = await openConversation(context, request.visitorId);
    if (!opening.open) {
      // Neither count stands: the one that admitted it is given back with the message's removal.
      await opening.giveBack();
      await refuse(tooManyConversations());
    }
  }
  const applied = await store.messages.apply(message, request.visitor);
  if (applied.outcome === "cleared") {
    // The owner deleted the conversation while this message was on its way: it goes too.
    await store.messages.deleteUnapplied(message);
    throw new ProtocolError(
      "not_found",
      request.from === "owner"
        ? "no such conversation: it was deleted"
        : "this conversation was deleted as you wrote: send your message again to start a new one",
    );
  }
  const [claimed] = await Promise.all([store.messages.claim(message, randomUUID()), countUnread(context, applied)]);
  // What goes out carries download urls; the stored message does not (they expire).
  message = await withUrls(context.deps, message);
  if (!claimed) return { type: "sent", message };
  // This copy pushes. If another copy (or this one's lost first attempt) updated the head, read it.
  const head = applied.outcome === "applied" ? applied.head : await store.heads.get(message.visitorId);
  if (!head) return { type: "sent", message }; // deleted by the owner meanwhile
  const { deps } = context;
  // Replies are emailed only to an address its recipient confirmed; a visitor's first message to
  // a conversation that holds an address asks its recipient to confirm it (quoting the message).
  const emailLater = !fromVisitor && deps.replyEmails.enabled && isEmailConfirmed(head) && !head.emailUnsubscribedAt;
  const askToConfirm = fromVisitor && head.messageCount === 1 && !!head.email && !isEmailConfirmed(head);

  const row = withRef(summaryOf(head), deps.refs());
  await Promise.all([
    context.pushAndForget(context.others(conversation.visitorConnections), { type: "message", message }, message.visitorId),
    context.pushAndForget(context.others(owner.connections), { type: "message", message, conversation: row }, null),
    // Away: no owner connection holds its lease (one that ended without `$disconnect` still has a binding).
    fromVisitor && !holdsLease(owner, now, deps.presenceTimes.leaseS)
      ? notifyOwnerOf(
          // The notifier, jobs, references, password generation and reply addresses are the chat's.
          { ...deps, notifications: store.notifications, hours: store.hours },
          message,
          head,
        )
      : undefined,
    emailLater ? queueReplyEmail(context, message) : undefined,
    askToConfirm ? queueConfirmation(context, message.visitorId) : undefined,
  ]);
  return request.from === "owner" ? { type: "sent", message, conversation: row } : { type: "sent", message };
}

/**
 * The message a `send` stores: its text, the page it was written on, and its attachments, given to
 * it before it is stored (a copy of the frame gets them again), so it stores what they are.
 */
async function newMessage(context: ActionContext, request: SendRequest): Promise<ChatMessage> {
  const attachmentIds = request.attachments ?? [];
  if (request.text === "" && !attachmentIds.length) throw new ProtocolError("bad_request", "text is empty");
  const attachments = await attachToMessage(context, request, attachmentIds);
  return {
    id: request.id,
    visitorId: request.visitorId,
    from: request.from,
    text: request.text,
    sentAt: request.sentAt ?? context.now,
    ...(request.page ? { page: request.page } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/**
 * The owner's totals follow the head: the copy whose head update applied the message (one per
 * message; docs/data-model.md, "The unread total and the counts") adds what it changed them by.
 */
async function countUnread(context: ActionContext, applied: ApplyOutcome): Promise<void> {
  if (applied.outcome === "applied") await context.store.unreadTotal.add(applied.head.visitorId, applied.totalsChange);
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
