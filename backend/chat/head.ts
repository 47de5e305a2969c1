import type { ConversationStatus, ConversationSummary, Sender, VisitorProfile } from "#protocol";
import type { ConversationRefs } from "../auth/conversation-ref.ts";
import { sameAddress } from "../email/address.ts";

/** A conversation's head: who the visitor is and where the conversation stands. */
export interface ConversationHead {
  visitorId: string;
  nickname?: string;
  email?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  lastMessageAt?: number;
  lastMessage?: string;
  lastMessageFrom?: Sender;
  unread: number;
  messageCount: number;
  blocked: boolean;
  /** Where it stands in the inbox; absent until its first message puts it there. */
  status?: ConversationStatus;
  /** When the owner was last notified of a visitor message while offline (`NotificationLog.claimConversation`). */
  notifiedAt?: number;
  /** The visitor's newest message: what the owner's `read` marks as read. */
  lastVisitorMessageId?: string;
  lastVisitorMessageAt?: number;
  /** The newest message the visitor has been shown (`seen`), and when it was sent. */
  visitorSeenUpTo?: string;
  visitorSeenAt?: number;
  /** The newest visitor message the owner has read (`read`), and when it was sent. */
  ownerSeenUpTo?: string;
  ownerSeenAt?: number;
  /** The page the visitor last wrote on (`send`'s `page`): where a reply email's link goes back to. */
  lastPageUrl?: string;
  /** Its title (`send`'s `pageTitle`), when it had one. */
  lastPageTitle?: string;
  /** When the visitor's address was unsubscribed from reply emails, until they give one again. */
  emailUnsubscribedAt?: number;
  /**
   * The address its recipient confirmed for this conversation (the confirmation email's link), and
   * when: the head's `email` is confirmed while it is this address (`isEmailConfirmed`).
   */
  confirmedEmail?: string;
  emailConfirmedAt?: number;
  /** Where the visitor is, from their latest message that said it (`send`'s `referrer` and `locale`). */
  referrer?: string;
  language?: string;
  timeZone?: string;
}

/** What a visitor's `send` says about where they are, kept on the head for the owner's details. */
export interface VisitorContext {
  referrer?: string;
  language?: string;
  timeZone?: string;
}

export function profileOf(head: ConversationHead): VisitorProfile {
  return {
    ...(head.nickname ? { nickname: head.nickname } : {}),
    ...(head.email ? { email: head.email } : {}),
  };
}

/**
 * Whether the conversation's address was confirmed by its recipient: only then is it emailed
 * replies, and do its continue links work (docs/security.md, "Email addresses").
 */
export function isEmailConfirmed(head: ConversationHead): head is ConversationHead & { email: string; emailConfirmedAt: number } {
  return !!head.email && !!head.confirmedEmail && head.emailConfirmedAt !== undefined && sameAddress(head.email, head.confirmedEmail);
}

/** An inbox row as the store reads it: all but the reference, which the chat seals (`withRef`). */
export type HeadSummary = Omit<ConversationSummary, "ref">;

export function summaryOf(head: ConversationHead): HeadSummary {
  return {
    visitorId: head.visitorId,
    status: head.status ?? "open",
    nickname: head.nickname ?? null,
    email: head.email ?? null,
    lastMessage: head.lastMessage ?? "",
    lastMessageFrom: head.lastMessageFrom ?? "visitor",
    lastMessageAt: head.lastMessageAt ?? head.firstSeenAt,
    unread: head.unread,
    firstSeenAt: head.firstSeenAt,
    lastSeenAt: head.lastSeenAt,
    blocked: head.blocked,
    visitorSeenUpTo: head.visitorSeenUpTo ?? null,
    lastPage: head.lastPageUrl ? { url: head.lastPageUrl, ...(head.lastPageTitle ? { title: head.lastPageTitle } : {}) } : null,
    referrer: head.referrer ?? null,
    language: head.language ?? null,
    timeZone: head.timeZone ?? null,
    messageCount: head.messageCount,
  };
}

/** The row the owner is sent: the store's, with the conversation's reference for links. */
export function withRef(row: HeadSummary, refs: ConversationRefs): ConversationSummary {
  return { ...row, ref: refs.make(row.visitorId) };
}
