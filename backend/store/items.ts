import type { ChatMessage, ConversationSummary, Sender, VisitorProfile } from "../protocol/frames.ts";
import { limits } from "../protocol/limits.ts";

/*
 * What Porch's items hold, and how they map to the protocol's shapes.
 * docs/data-model.md lists every item and its keys.
 */

/** A conversation's head item: who the visitor is and where the conversation stands. */
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
  /** When the owner was last notified of a visitor message while offline (see `applyMessage`). */
  notifiedAt?: number;
}

/** What one connection is bound to, recorded at `hello` so `$disconnect` can undo it. */
export type Binding = { role: "visitor"; visitorId: string } | { role: "owner" };

export function toMessage(item: Record<string, unknown>): ChatMessage {
  return {
    id: item.id as string,
    visitorId: item.visitorId as string,
    from: item.from as Sender,
    text: item.text as string,
    sentAt: item.sentAt as number,
  };
}

export function toHead(item: Record<string, unknown>): ConversationHead {
  const head: ConversationHead = {
    visitorId: item.visitorId as string,
    firstSeenAt: item.firstSeenAt as number,
    lastSeenAt: item.lastSeenAt as number,
    unread: (item.unread as number | undefined) ?? 0,
    messageCount: (item.messageCount as number | undefined) ?? 0,
    blocked: item.blocked === true,
  };
  if (typeof item.notifiedAt === "number") head.notifiedAt = item.notifiedAt;
  if (typeof item.nickname === "string") head.nickname = item.nickname;
  if (typeof item.email === "string") head.email = item.email;
  if (typeof item.lastMessageAt === "number") head.lastMessageAt = item.lastMessageAt;
  if (typeof item.lastMessage === "string") head.lastMessage = item.lastMessage;
  if (item.lastMessageFrom === "visitor" || item.lastMessageFrom === "owner")
    head.lastMessageFrom = item.lastMessageFrom;
  return head;
}

export function profileOf(head: ConversationHead): VisitorProfile {
  return {
    ...(head.nickname ? { nickname: head.nickname } : {}),
    ...(head.email ? { email: head.email } : {}),
  };
}

export function summaryOf(head: ConversationHead): ConversationSummary {
  return {
    visitorId: head.visitorId,
    nickname: head.nickname ?? null,
    email: head.email ?? null,
    lastMessage: head.lastMessage ?? "",
    lastMessageFrom: head.lastMessageFrom ?? "visitor",
    lastMessageAt: head.lastMessageAt ?? head.firstSeenAt,
    unread: head.unread,
    firstSeenAt: head.firstSeenAt,
    lastSeenAt: head.lastSeenAt,
    blocked: head.blocked,
  };
}

export function preview(text: string): string {
  return text.length <= limits.previewMaxChars ? text : `${text.slice(0, limits.previewMaxChars - 1)}…`;
}

export function isLive(item: Record<string, unknown>, nowS: number): boolean {
  return typeof item.expiresAtS !== "number" || item.expiresAtS > nowS;
}

export function sameBinding(a: Binding, b: Binding): boolean {
  return a.role === b.role && (a.role === "owner" || (b.role === "visitor" && a.visitorId === b.visitorId));
}
