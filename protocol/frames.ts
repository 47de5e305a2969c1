/**
 * What the backend sends: the shapes shared by every frame, each reply, and each push, declared once
 * as schemas. The TypeScript types are inferred from them; tests check every frame the backend sends
 * against them, and docs/protocol.md's tables are generated from them.
 */
import * as v from "valibot";
import { errorCodes } from "./errors.ts";

const sender = v.picklist(["visitor", "owner"]);
export type Sender = v.InferOutput<typeof sender>;

/** A page of the site: its URL and, when it has one, its title. */
export const pageRef = v.strictObject({ url: v.string(), title: v.optional(v.string()) });
export type PageRef = v.InferOutput<typeof pageRef>;

/**
 * A file sent with a message. `url` downloads it (a presigned GET on the bucket's host, never the
 * site's, that works for `attachmentLimits.downloadUrlTtlS`): each reply and push carries fresh ones. An
 * image's `width` and `height` are what the sender measured, so a preview keeps its place before it
 * loads. `removed`: the bytes were not what the sender said they were, and were deleted (no `url`).
 */
export const attachment = v.strictObject({
  id: v.string(),
  name: v.string(),
  contentType: v.string(),
  size: v.number(),
  width: v.optional(v.number()),
  height: v.optional(v.number()),
  url: v.optional(v.string()),
  removed: v.optional(v.literal(true)),
});
export type Attachment = v.InferOutput<typeof attachment>;

/**
 * What this site takes as attachments (`PORCH_ATTACHMENT_MAX_MB`, `PORCH_ATTACHMENT_TYPES`), so a
 * UI refuses a file before uploading it; absent where attachments are off.
 */
export const attachmentPolicy = v.strictObject({ maxBytes: v.number(), contentTypes: v.array(v.string()) });
export type AttachmentPolicy = v.InferOutput<typeof attachmentPolicy>;

/**
 * A stored chat message. `sentAt` is the server's clock in epoch milliseconds. A visitor's message
 * carries the `page` it was written on, when the widget said (in `sent`, pushes, and the owner's `list`).
 */
export const chatMessage = v.strictObject({
  id: v.string(),
  visitorId: v.string(),
  from: sender,
  text: v.string(),
  sentAt: v.number(),
  page: v.optional(pageRef),
  /** The files sent with it, in the order sent; absent without any. */
  attachments: v.optional(v.array(attachment)),
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

/**
 * Who answers, as the site owner configured it (PORCH_OWNER_NAME, PORCH_OWNER_AVATAR,
 * PORCH_OWNER_REPLY_TIME): shown in the widget's header and beside replies.
 */
export const ownerProfile = v.strictObject({
  name: v.nullable(v.string()),
  /** An http(s) image URL. */
  avatar: v.nullable(v.string()),
  /** A line such as "Usually replies within a few hours". */
  replyTime: v.nullable(v.string()),
});
export type OwnerProfile = v.InferOutput<typeof ownerProfile>;

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
  /** The page of the visitor's latest message that said one, or null. */
  lastPage: v.nullable(pageRef),
  /** The last page of another site that led the visitor here, or null. */
  referrer: v.nullable(v.string()),
  /** The visitor's browser language (BCP 47) and time zone (IANA), or null. */
  language: v.nullable(v.string()),
  timeZone: v.nullable(v.string()),
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

/**
 * Whether this site emails the visitor the owner's replies they have not seen (`enabled`: the
 * deploy turned visitor emails on), and whether this visitor's address was unsubscribed from them
 * through an email's link (until they give it again with `register`).
 */
export const emailReplies = v.strictObject({ enabled: v.boolean(), unsubscribed: v.boolean() });
export type EmailReplies = v.InferOutput<typeof emailReplies>;

export const visitorHelloReply = reply("hello", {
  serverTime: v.number(),
  owner: ownerPresence,
  visitor: v.nullable(visitorProfile),
  /** The newest of the visitor's messages the owner has read, or null. */
  ownerSeenUpTo: v.nullable(v.string()),
  ownerProfile,
  emailReplies,
  attachments: v.optional(attachmentPolicy),
});
export type VisitorHelloReply = v.InferOutput<typeof visitorHelloReply>;

export const ownerHelloReply = reply("hello", {
  serverTime: v.number(),
  conversations: v.array(conversationSummary),
  /** Cursor for the next inbox page, or null. */
  cursor: v.nullable(v.string()),
  unreadTotal: v.number(),
  attachments: v.optional(attachmentPolicy),
});
export type OwnerHelloReply = v.InferOutput<typeof ownerHelloReply>;

export const registeredReply = reply("registered", { visitor: visitorProfile });
export type RegisteredReply = v.InferOutput<typeof registeredReply>;

/**
 * A visitor's `pong`: `latest` is the newest message of their conversation that `list` would
 * return (null when there is none, or everything was deleted). A widget that does not hold it
 * missed a push, and catches up.
 */
export const visitorPongReply = reply("pong", {
  serverTime: v.number(),
  latest: v.nullable(v.strictObject({ id: v.string(), sentAt: v.number() })),
});
export type VisitorPongReply = v.InferOutput<typeof visitorPongReply>;

/**
 * The owner's `pong`: `latest` is the conversation with the newest activity (the inbox's first
 * row, by `lastMessageAt`; null without any), and `unreadTotal` the unread total. An inbox whose
 * row is older, or whose total differs, missed a push, and catches up.
 */
export const ownerPongReply = reply("pong", {
  serverTime: v.number(),
  latest: v.nullable(v.strictObject({ visitorId: v.string(), lastMessageAt: v.number() })),
  unreadTotal: v.number(),
});
export type OwnerPongReply = v.InferOutput<typeof ownerPongReply>;

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

/** The visitor id a reply email's "Continue the conversation" link stands for. */
export const resumedReply = reply("resumed", { visitorId: v.string() });
export type ResumedReply = v.InferOutput<typeof resumedReply>;

export const readReply = reply("read", { visitorId: v.string() });
export type ReadReply = v.InferOutput<typeof readReply>;

export const blockReply = reply("blocked", { visitorId: v.string(), blocked: v.boolean() });
export type BlockReply = v.InferOutput<typeof blockReply>;

export const deletedReply = reply("deleted", { visitorId: v.string() });
export type DeletedReply = v.InferOutput<typeof deletedReply>;

/** `relayed`: false when the frame came sooner than `limits.typingIntervalMs` after the last one relayed. */
export const typingReply = reply("typing", { visitorId: v.string(), relayed: v.boolean() });
export type TypingReply = v.InferOutput<typeof typingReply>;

/** The conversation a notification's reference stands for. */
export const resolvedReply = reply("resolved", { ref: v.string(), visitorId: v.string() });
export type ResolvedReply = v.InferOutput<typeof resolvedReply>;

/** The public key of the deployment's VAPID key pair: the inbox subscribes with it (`applicationServerKey`). */
export const pushKeyReply = reply("pushKey", { publicKey: v.string() });
export type PushKeyReply = v.InferOutput<typeof pushKeyReply>;

export const subscribedReply = reply("subscribed", {});
export type SubscribedReply = v.InferOutput<typeof subscribedReply>;

/** `removed`: false when no device had subscribed with that endpoint. */
export const unsubscribedReply = reply("unsubscribed", { removed: v.boolean() });
export type UnsubscribedReply = v.InferOutput<typeof unsubscribedReply>;

/**
 * Where to upload the file `upload` described: a presigned POST of `fields` and then the file (as
 * the form's last field) to `url`, before `expiresAt` (epoch ms). Its policy holds the file to the
 * declared size and type. Then `send` it with `attachments: [attachmentId]`.
 */
export const uploadReadyReply = reply("uploadReady", {
  attachmentId: v.string(),
  url: v.string(),
  fields: v.record(v.string(), v.string()),
  expiresAt: v.number(),
});
export type UploadReadyReply = v.InferOutput<typeof uploadReadyReply>;

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

/** Pushed to the other side of a conversation while someone writes in it: at most one per `limits.typingIntervalMs` per side. */
export const typingPush = push("typing", { visitorId: v.string(), from: sender });
export type TypingPush = v.InferOutput<typeof typingPush>;

/**
 * Pushed to every open visitor connection when the owner comes online (their first connection) or
 * goes away (their last one closed, and none opened in a short grace period).
 */
export const presencePush = push("presence", { owner: ownerPresence });
export type PresencePush = v.InferOutput<typeof presencePush>;

/** Every push, for checking a frame that answers no request. */
export const serverPushes = [messagePush, deletedPush, conversationPush, seenPush, typingPush, presencePush] as const;
export type ServerPush = v.InferOutput<(typeof serverPushes)[number]>;
