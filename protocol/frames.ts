/**
 * What the backend sends: the shapes shared by every frame, each reply, and each push, declared once
 * as schemas. The TypeScript types are inferred from them; tests check every frame the backend sends
 * against them, and docs/protocol.md's tables are generated from them.
 */
import * as v from "valibot";
import { errorCodes } from "./errors.ts";

const sender = v.picklist(["visitor", "owner"]);
export type Sender = v.InferOutput<typeof sender>;

/** A stored chat message. `sentAt` is the server's clock in epoch milliseconds. */
export const chatMessage = v.strictObject({
  id: v.string(),
  visitorId: v.string(),
  from: sender,
  text: v.string(),
  sentAt: v.number(),
});
export type ChatMessage = v.InferOutput<typeof chatMessage>;

export const visitorProfile = v.strictObject({
  nickname: v.optional(v.string()),
  email: v.optional(v.string()),
});
export type VisitorProfile = v.InferOutput<typeof visitorProfile>;

export const ownerPresence = v.strictObject({
  online: v.boolean(),
  /** Epoch ms of the owner's last activity, or null if never seen. */
  lastSeenAt: v.nullable(v.number()),
});
export type OwnerPresence = v.InferOutput<typeof ownerPresence>;

/** One row of the owner's inbox. */
export const conversationSummary = v.strictObject({
  visitorId: v.string(),
  nickname: v.nullable(v.string()),
  email: v.nullable(v.string()),
  lastMessage: v.string(),
  lastMessageFrom: sender,
  lastMessageAt: v.number(),
  unread: v.number(),
  firstSeenAt: v.number(),
  lastSeenAt: v.number(),
  /** The owner has blocked this visitor: their messages are refused. */
  blocked: v.boolean(),
  /** The newest message the visitor has been shown (`seen`), or null. */
  visitorSeenUpTo: v.nullable(v.string()),
});
export type ConversationSummary = v.InferOutput<typeof conversationSummary>;

/** A reply to a request: its `type`, and `rid` echoed from the request when it had one. */
/* @__NO_SIDE_EFFECTS__ */
function reply<T extends string, E extends v.ObjectEntries>(type: T, entries: E) {
  return v.strictObject({ type: v.literal(type), rid: v.optional(v.string()), ...entries });
}

/** A frame that answers no request: pushed through the management API. */
/* @__NO_SIDE_EFFECTS__ */
function push<T extends string, E extends v.ObjectEntries>(type: T, entries: E) {
  return v.strictObject({ type: v.literal(type), ...entries });
}

// ---- replies ----

export const visitorHelloReply = reply("hello", {
  serverTime: v.number(),
  owner: ownerPresence,
  visitor: v.nullable(visitorProfile),
  /** The newest of the visitor's messages the owner has read, or null. */
  ownerSeenUpTo: v.nullable(v.string()),
});
export type VisitorHelloReply = v.InferOutput<typeof visitorHelloReply>;

export const ownerHelloReply = reply("hello", {
  serverTime: v.number(),
  conversations: v.array(conversationSummary),
  /** Cursor for the next inbox page, or null. */
  cursor: v.nullable(v.string()),
  unreadTotal: v.number(),
});
export type OwnerHelloReply = v.InferOutput<typeof ownerHelloReply>;

export const registeredReply = reply("registered", { visitor: visitorProfile });
export type RegisteredReply = v.InferOutput<typeof registeredReply>;

export const pongReply = reply("pong", { serverTime: v.number() });
export type PongReply = v.InferOutput<typeof pongReply>;

export const historyReply = reply("history", {
  visitorId: v.string(),
  /** Oldest first. */
  messages: v.array(chatMessage),
  /** True when older messages exist; pass `cursor` as `before` to get them. */
  more: v.boolean(),
  cursor: v.nullable(v.string()),
});
export type HistoryReply = v.InferOutput<typeof historyReply>;

/**
 * `conversation` comes with an owner's reply that this frame applied: the inbox row as it now
 * stands (a resent copy has none).
 */
export const sentReply = reply("sent", { message: chatMessage, conversation: v.optional(conversationSummary) });
export type SentReply = v.InferOutput<typeof sentReply>;

export const sessionReply = reply("session", { token: v.string(), expiresAt: v.number() });
export type SessionReply = v.InferOutput<typeof sessionReply>;

export const inboxReply = reply("inbox", {
  conversations: v.array(conversationSummary),
  cursor: v.nullable(v.string()),
});
export type InboxReply = v.InferOutput<typeof inboxReply>;

export const unreadReply = reply("unread", { unreadTotal: v.number() });
export type UnreadReply = v.InferOutput<typeof unreadReply>;

export const seenReply = reply("seen", { visitorId: v.string(), upTo: v.string() });
export type SeenReply = v.InferOutput<typeof seenReply>;

export const readReply = reply("read", { visitorId: v.string() });
export type ReadReply = v.InferOutput<typeof readReply>;

export const blockReply = reply("blocked", { visitorId: v.string(), blocked: v.boolean() });
export type BlockReply = v.InferOutput<typeof blockReply>;

export const deletedReply = reply("deleted", { visitorId: v.string() });
export type DeletedReply = v.InferOutput<typeof deletedReply>;

/** The conversation a notification's reference stands for. */
export const resolvedReply = reply("resolved", { ref: v.string(), visitorId: v.string() });
export type ResolvedReply = v.InferOutput<typeof resolvedReply>;

export const errorReply = reply("error", { code: v.picklist(errorCodes), message: v.string() });
export type ErrorReply = v.InferOutput<typeof errorReply>;

// ---- pushes ----

/**
 * Pushed to every connection bound to the conversation except the sender's. Owner connections
 * also get the conversation's inbox row as it stands after this message.
 */
export const messagePush = push("message", { message: chatMessage, conversation: v.optional(conversationSummary) });
export type MessagePush = v.InferOutput<typeof messagePush>;

/** Pushed to the visitor's and the owner's other connections when the owner deletes a conversation. */
export const deletedPush = push("deleted", { visitorId: v.string() });
export type DeletedPush = v.InferOutput<typeof deletedPush>;

/** Pushed to the owner's other connections when a conversation is blocked, unblocked or read. */
export const conversationPush = push("conversation", { conversation: conversationSummary });
export type ConversationPush = v.InferOutput<typeof conversationPush>;

/**
 * Pushed when one side has read the other's messages up to `upTo` (a message id): `by: "owner"` to
 * the visitor's connections after the owner's `read`, `by: "visitor"` to the owner's after the
 * visitor's `seen`.
 */
export const seenPush = push("seen", { visitorId: v.string(), upTo: v.string(), by: sender });
export type SeenPush = v.InferOutput<typeof seenPush>;

/** Every push, for checking a frame that answers no request. */
export const serverPushes = [messagePush, deletedPush, conversationPush, seenPush] as const;
export type ServerPush = v.InferOutput<(typeof serverPushes)[number]>;
