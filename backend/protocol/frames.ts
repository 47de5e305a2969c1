/**
 * Protocol v1: every frame the clients send and every frame the backend sends.
 * docs/protocol.md is the prose version of this file; keep them together.
 */

export const errorCodes = [
  "bad_request",
  "unauthorized",
  "not_found",
  "too_large",
  "rate_limited",
  "blocked",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type Sender = "visitor" | "owner";

/** A stored chat message. `sentAt` is the server's clock in epoch milliseconds. */
export interface ChatMessage {
  id: string;
  visitorId: string;
  from: Sender;
  text: string;
  sentAt: number;
}

export interface VisitorProfile {
  nickname?: string;
  email?: string;
}

export interface OwnerPresence {
  online: boolean;
  /** Epoch ms of the owner's last activity, or null if never seen. */
  lastSeenAt: number | null;
}

/** One row of the owner's inbox. */
export interface ConversationSummary {
  visitorId: string;
  nickname: string | null;
  email: string | null;
  lastMessage: string;
  lastMessageFrom: Sender;
  lastMessageAt: number;
  unread: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** The owner has blocked this visitor: their messages are refused. */
  blocked: boolean;
}

// ---- client → server ----

interface Base {
  /** Request id, echoed in the reply (at most 64 characters). */
  rid?: string;
}
interface AsVisitor extends Base {
  visitorId: string;
}
interface AsOwner extends Base {
  token: string;
}

export type VisitorHello = AsVisitor & { action: "hello" };
export type OwnerHello = AsOwner & { action: "hello" };
export type Register = AsVisitor & { action: "register"; nickname?: string; email?: string };
export type VisitorPing = AsVisitor & { action: "ping" };
export type OwnerPing = AsOwner & { action: "ping" };
export type VisitorList = AsVisitor & { action: "list"; before?: string; limit?: number };
export type OwnerList = AsOwner & { action: "list"; visitorId: string; before?: string; limit?: number };
export type VisitorSend = AsVisitor & { action: "send"; id: string; text: string };
export type OwnerSend = AsOwner & { action: "send"; visitorId: string; id: string; text: string };
export type Login = Base & { action: "login"; password: string };
export type Inbox = AsOwner & { action: "inbox"; cursor?: string };
export type Read = AsOwner & { action: "read"; visitorId: string };
export type Block = AsOwner & { action: "block" | "unblock"; visitorId: string };
export type Delete = AsOwner & { action: "delete"; visitorId: string };

export type VisitorRequest = VisitorHello | Register | VisitorPing | VisitorList | VisitorSend;
export type OwnerRequest = OwnerHello | OwnerPing | OwnerList | OwnerSend | Inbox | Read | Block | Delete;
export type ClientFrame = VisitorRequest | OwnerRequest | Login;
export type Action = ClientFrame["action"];

// ---- server → client ----

interface Reply {
  rid?: string;
}
export type VisitorHelloReply = Reply & {
  type: "hello";
  serverTime: number;
  owner: OwnerPresence;
  visitor: VisitorProfile | null;
};
export type OwnerHelloReply = Reply & {
  type: "hello";
  serverTime: number;
  conversations: ConversationSummary[];
  /** Cursor for the next inbox page, or null. */
  cursor: string | null;
  unreadTotal: number;
};
export type RegisteredReply = Reply & { type: "registered"; visitor: VisitorProfile };
export type PongReply = Reply & { type: "pong"; serverTime: number };
export type HistoryReply = Reply & {
  type: "history";
  visitorId: string;
  /** Oldest first. */
  messages: ChatMessage[];
  /** True when older messages exist; pass `cursor` as `before` to get them. */
  more: boolean;
  cursor: string | null;
};
export type SentReply = Reply & { type: "sent"; message: ChatMessage };
export type SessionReply = Reply & { type: "session"; token: string; expiresAt: number };
export type InboxReply = Reply & {
  type: "inbox";
  conversations: ConversationSummary[];
  cursor: string | null;
};
export type ReadReply = Reply & { type: "read"; visitorId: string };
export type BlockReply = Reply & { type: "blocked"; visitorId: string; blocked: boolean };
export type DeletedReply = Reply & { type: "deleted"; visitorId: string };
export type ErrorReply = Reply & { type: "error"; code: ErrorCode; message: string };

/**
 * Pushed to every connection bound to the conversation except the sender's. Owner connections
 * also get the conversation's inbox row as it stands after this message.
 */
export type MessagePush = { type: "message"; message: ChatMessage; conversation?: ConversationSummary };
/** Pushed to the visitor's and the owner's other connections when the owner deletes a conversation. */
export type DeletedPush = { type: "deleted"; visitorId: string };
/** Pushed to the owner's other connections when a conversation is blocked, unblocked or read. */
export type ConversationPush = { type: "conversation"; conversation: ConversationSummary };

export type ServerFrame =
  | VisitorHelloReply
  | OwnerHelloReply
  | RegisteredReply
  | PongReply
  | HistoryReply
  | SentReply
  | SessionReply
  | InboxReply
  | ReadReply
  | BlockReply
  | DeletedReply
  | ErrorReply
  | MessagePush
  | DeletedPush
  | ConversationPush;
