import { randomUUID } from "node:crypto";
import type { ApplyOutcome, ConversationHead, VisitorContext } from "../chat/ports.ts";
import type { ChatMessage } from "#protocol";
import { totalsChange } from "../chat/inbox-counts.ts";
import { type HeadItem, isLiveHead, preview, statusOf, toHead } from "./items.ts";
import { keys } from "./keys.ts";
import { attributeName, type Table } from "./table-client.ts";

/** The update that applies a message to its head, and what it says about the visitor. */
interface HeadUpdate {
  UpdateExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
  ExpressionAttributeNames?: Record<string, string>;
  /** The token of this request (`appliedBy`). */
  token: string;
  whereabouts: Partial<ConversationHead>;
}

/**
 * Applies a stored message to its conversation head: last message, inbox position, unread count.
 * A visitor's message opens a done conversation again; an owner's leaves it where it is.
 * The condition on `lastAppliedId` makes concurrent and retried copies apply it once. A message
 * sent at or before the conversation was cleared (a delete raced it) is not applied, nor is an
 * owner's message to a conversation that does not exist: the head never comes back with old
 * messages. A visitor's message after a delete starts the conversation afresh. A visitor's
 * message also records where the visitor is (the page it was written on, and their referrer,
 * language and time zone), in the same update: no request or write unit more.
 */
export async function applyMessage(table: Table, message: ChatMessage, visitor: VisitorContext): Promise<ApplyOutcome> {
  const fromVisitor = message.from === "visitor";
  const { token, whereabouts, ...update } = headUpdate(message, visitor);
  const written = await table.updateIf<HeadItem>(
    {
      Key: { pk: keys.conversationPk(message.visitorId), sk: keys.headSk },
      ...update,
      ConditionExpression: [
        "(attribute_not_exists(lastAppliedId) OR lastAppliedId <> :id)",
        "(attribute_not_exists(clearedAt) OR clearedAt < :t)",
        ...(fromVisitor ? [] : ["attribute_exists(firstSeenAt)"]),
      ].join(" AND "),
      // The new head is derived from the old one below: ALL_NEW would cost the same, but the
      // old item is what a caller needs to tell what changed.
      ReturnValues: "ALL_OLD",
    },
    { existing: true },
  );
  if (!written.ok) return refused(message, written.existing, token);
  const old = written.output.Attributes;
  const before = old && isLiveHead(old) ? toHead(old) : null;
  const head: ConversationHead = {
    ...(before ?? { visitorId: message.visitorId, firstSeenAt: message.sentAt, blocked: old?.blocked === true }),
    lastSeenAt: fromVisitor ? message.sentAt : (before?.lastSeenAt ?? message.sentAt),
    lastMessageAt: message.sentAt,
    lastMessage: preview(message.text),
    lastMessageFrom: message.from,
    unread: fromVisitor ? (before?.unread ?? 0) + 1 : 0,
    messageCount: (before?.messageCount ?? 0) + 1,
    status: fromVisitor ? "open" : (before?.status ?? "open"),
    ...(fromVisitor ? { lastVisitorMessageId: message.id, lastVisitorMessageAt: message.sentAt, ...whereabouts } : {}),
  };
  const was = before ? { status: before.status, unread: before.unread, messageCount: before.messageCount } : null;
  return { outcome: "applied", head, totalsChange: totalsChange(was, head) };
}

/** The head's update for a message, by whom it is from. */
function headUpdate(message: ChatMessage, visitor: VisitorContext): HeadUpdate {
  const set = [
    "visitorId = :v",
    "firstSeenAt = if_not_exists(firstSeenAt, :t)",
    "lastMessageAt = :t",
    "lastMessage = :preview",
    "lastMessageFrom = :from",
    "lastAppliedId = :id",
    // Which request applied it, and the count before: a retry of this very request after a lost
    // answer fails the condition, finds its own token, and still knows what the count changed by.
    "appliedBy = :token",
    "unreadBefore = if_not_exists(unread, :zero)",
    "lsk = :lsk",
    "inboxPkBefore = if_not_exists(inboxPk, :none)",
    // A visitor's message opens the conversation; an owner's keeps its status.
    message.from === "visitor" ? "inboxPk = :inboxPk" : "inboxPk = if_not_exists(inboxPk, :inboxPk)",
    "inboxSk = :inboxSk",
  ];
  const token = randomUUID();
  const values: Record<string, unknown> = {
    ":v": message.visitorId,
    ":t": message.sentAt,
    ":preview": preview(message.text),
    ":from": message.from,
    ":id": message.id,
    ":lsk": keys.headLsk,
    ":inboxPk": keys.inboxPk,
    ":inboxSk": keys.inboxSk(message.sentAt, message.visitorId),
    ":one": 1,
    ":zero": 0,
    ":none": "",
    ":token": token,
  };
  // Where the visitor is: only what this message says (an absent or empty field keeps the last one).
  const whereabouts: Partial<ConversationHead> = {
    // The page's title goes with it (empty without one: a stored title never outlives its page).
    ...(message.page ? { lastPageUrl: message.page.url, lastPageTitle: message.page.title ?? "" } : {}),
    ...(visitor.referrer ? { referrer: visitor.referrer } : {}),
    ...(visitor.language ? { language: visitor.language } : {}),
    ...(visitor.timeZone ? { timeZone: visitor.timeZone } : {}),
  };
  if (message.from !== "visitor") {
    set.push("lastSeenAt = if_not_exists(lastSeenAt, :t)", "unread = :zero");
    // unreadPk/unreadSk: the keys of the unread index of an older Porch, gone with its count.
    return {
      UpdateExpression: `SET ${set.join(", ")} ADD messageCount :one REMOVE unreadPk, unreadSk`,
      ExpressionAttributeValues: values,
      token,
      whereabouts,
    };
  }
  set.push("lastSeenAt = :t", "lastVisitorMessageId = :id", "lastVisitorMessageAt = :t");
  const names: Record<string, string> = {};
  for (const [field, value] of Object.entries(whereabouts)) {
    set.push(`${attributeName(field)} = :${field}`);
    names[attributeName(field)] = field;
    values[`:${field}`] = value;
  }
  return {
    UpdateExpression: `SET ${set.join(", ")} ADD messageCount :one, unread :one`,
    ExpressionAttributeValues: values,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    token,
    whereabouts,
  };
}

/**
 * Which condition refused the update, from the head it found: a delete at or after the message,
 * no conversation for an owner's message, or else the message was already applied (by a copy, or
 * by this very request, whose answer was lost).
 */
function refused(message: ChatMessage, stored: HeadItem | null, token: string): ApplyOutcome {
  const fromVisitor = message.from === "visitor";
  const clearedSince = typeof stored?.clearedAt === "number" && stored.clearedAt >= message.sentAt;
  if (!stored || clearedSince || (!fromVisitor && !isLiveHead(stored))) return { outcome: "cleared" };
  if (stored.lastAppliedId !== message.id || stored.appliedBy !== token || !isLiveHead(stored)) return { outcome: "already" };
  // This request applied it; only its answer was lost.
  const head = toHead(stored);
  // The message added one to the count.
  const before = { status: statusOf(stored.inboxPkBefore), unread: stored.unreadBefore ?? 0, messageCount: head.messageCount - 1 };
  return { outcome: "applied", head, totalsChange: totalsChange(before, head) };
}
