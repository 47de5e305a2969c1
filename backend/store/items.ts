import type { Binding, ConversationHead } from "../chat/ports.ts";
import type { ChatMessage, PageRef, Sender } from "#protocol";
import { limits } from "#protocol";

/*
 * How Porch's items map to the chat's and the protocol's shapes.
 * docs/data-model.md lists every item and its keys.
 */

export function toMessage(item: Record<string, unknown>): ChatMessage {
  const message: ChatMessage = {
    id: item.id as string,
    visitorId: item.visitorId as string,
    from: item.from as Sender,
    text: item.text as string,
    sentAt: item.sentAt as number,
  };
  const page = toPage(item.page);
  if (page) message.page = page;
  return message;
}

/** A stored page (a message's `page`, a head's `lastPage`), or undefined for anything else. */
export function toPage(value: unknown): PageRef | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { url, title } = value as Record<string, unknown>;
  if (typeof url !== "string") return undefined;
  return typeof title === "string" && title !== "" ? { url, title } : { url };
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
  if (item.lastMessageFrom === "visitor" || item.lastMessageFrom === "owner") head.lastMessageFrom = item.lastMessageFrom;
  for (const field of [
    "lastVisitorMessageId",
    "visitorSeenUpTo",
    "ownerSeenUpTo",
    "lastPageTitle",
    "referrer",
    "language",
    "timeZone",
  ] as const) {
    const value = item[field];
    if (typeof value === "string" && value !== "") head[field] = value;
  }
  if (typeof item.lastPageUrl === "string") head.lastPageUrl = item.lastPageUrl;
  if (typeof item.emailUnsubscribedAt === "number") head.emailUnsubscribedAt = item.emailUnsubscribedAt;
  for (const field of ["lastVisitorMessageAt", "visitorSeenAt", "ownerSeenAt"] as const) {
    const value = item[field];
    if (typeof value === "number" && value > 0) head[field] = value;
  }
  return head;
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
