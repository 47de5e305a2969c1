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

/**
 * The owner's private note on a conversation: shown in the owner's timeline by `writtenAt` (the
 * server's clock, epoch ms), never sent to the visitor.
 */
export const privateNote = v.strictObject({ id: v.string(), visitorId: v.string(), text: v.string(), writtenAt: v.number() });
export type PrivateNote = v.InferOutput<typeof privateNote>;

/** One of the owner's saved replies: `{name}` in its text stands for the visitor's name. */
export const savedReply = v.strictObject({ id: v.string(), title: v.string(), text: v.string() });
export type SavedReply = v.InferOutput<typeof savedReply>;

export const visitorProfile = v.strictObject({
  nickname: v.optional(v.string()),
  email: v.optional(v.string()),
});
export type VisitorProfile = v.InferOutput<typeof visitorProfile>;

export const ownerPresence = v.strictObject({
  online: v.boolean(),
  /** Epoch ms of the owner's last activity, or null if never seen. */
  lastSeenAt: v.nullable(v.number()),
  /** Outside the owner's business hours: when they next open (epoch ms). */
  backAt: v.optional(v.number()),
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

/**
 * Where a conversation stands for the owner: `open` until the owner marks it `done`; a visitor's
 * message opens it again.
 */
export const conversationStatus = v.picklist(["open", "done"]);
export type ConversationStatus = v.InferOutput<typeof conversationStatus>;

/**
 * How many conversations each of the inbox's views holds: `open`, `done`, and `unread` (the open
 * ones with unread visitor messages). Kept as counters, so reading them is one small read.
 */
export const inboxCounts = v.strictObject({ open: v.number(), done: v.number(), unread: v.number() });
export type InboxCounts = v.InferOutput<typeof inboxCounts>;

/**
 * The messages in each view's conversations (the sum of their rows' `messageCount`): every message,
 * move between views or delete changes it, so it is each view's version, which an inbox tab
 * compares with what it holds (docs/protocol.md, "Catching up").
 */
export const viewMessages = inboxCounts;

/** One row of the owner's inbox. */
export const conversationSummary = v.strictObject({
  visitorId: v.string(),
  status: conversationStatus,
  /**
   * The conversation's reference, for links and the inbox's routes (`#/r/<ref>`): the visitor id
   * sealed with the deployment's key, so a URL, a bookmark or a screenshot never carries the
   * visitor's only credential. Opaque; each row sent may carry another, and `resolve` takes any.
   */
  ref: v.string(),
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
  /**
   * How many messages the conversation has (since its last delete): an inbox holding fewer of
   * the open conversation, with those older pages it has not loaded, missed a push.
   */
  messageCount: v.number(),
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
 * through an email's link (until they give it again with `register`, which asks its recipient to
 * confirm it again: only that lifts the unsubscribe).
 */
export const emailReplies = v.strictObject({ enabled: v.boolean(), unsubscribed: v.boolean() });
export type EmailReplies = v.InferOutput<typeof emailReplies>;

export const visitorHelloReply = reply("hello", {
  serverTime: v.number(),
  owner: ownerPresence,
  visitor: v.nullable(visitorProfile),
  /**
   * The visitor's email was confirmed by its recipient (the link of the confirmation email): only
   * a confirmed address is emailed replies. False without an email.
   */
  emailConfirmed: v.boolean(),
  /** The newest of the visitor's messages the owner has read, or null. */
  ownerSeenUpTo: v.nullable(v.string()),
  ownerProfile,
  emailReplies,
  /** Days a conversation is kept after its last message (the deploy's `PORCH_RETENTION_DAYS`); 0: kept until deleted. */
  retentionDays: v.number(),
  attachments: v.optional(attachmentPolicy),
});
export type VisitorHelloReply = v.InferOutput<typeof visitorHelloReply>;

export const ownerHelloReply = reply("hello", {
  serverTime: v.number(),
  conversations: v.array(conversationSummary),
  /** Cursor for the next inbox page, or null. */
  cursor: v.nullable(v.string()),
  unreadTotal: v.number(),
  counts: inboxCounts,
  messages: viewMessages,
  /** Days a conversation is kept after its last message (the deploy's `PORCH_RETENTION_DAYS`); 0: kept until deleted. */
  retentionDays: v.number(),
  attachments: v.optional(attachmentPolicy),
});
export type OwnerHelloReply = v.InferOutput<typeof ownerHelloReply>;

/** `emailConfirmed` as in the visitor's `hello`: a new address is unconfirmed until its recipient confirms it. */
export const registeredReply = reply("registered", { visitor: visitorProfile, emailConfirmed: v.boolean() });
export type RegisteredReply = v.InferOutput<typeof registeredReply>;

/**
 * A visitor's `pong`: `latest` is the newest message of their conversation that `list` would
 * return (null when there is none, or everything was deleted), and `count` how many messages it
 * has. A widget that does not hold `latest`, or holds fewer than `count` (with those older pages
 * it has not loaded), missed a push, and catches up.
 */
export const visitorPongReply = reply("pong", {
  serverTime: v.number(),
  latest: v.nullable(v.strictObject({ id: v.string(), sentAt: v.number() })),
  count: v.number(),
});
export type VisitorPongReply = v.InferOutput<typeof visitorPongReply>;

/**
 * The owner's `pong`: `latest` is the conversation with the newest activity (the inbox's first
 * row of the open view, by `lastMessageAt`; null without any), `unreadTotal` the unread total,
 * `counts` the views' counts and `messages` each view's messages. An inbox whose row is older, or
 * whose totals differ, missed a push, and catches up the view it shows.
 */
export const ownerPongReply = reply("pong", {
  serverTime: v.number(),
  latest: v.nullable(v.strictObject({ visitorId: v.string(), lastMessageAt: v.number() })),
  unreadTotal: v.number(),
  counts: inboxCounts,
  messages: viewMessages,
});
export type OwnerPongReply = v.InferOutput<typeof ownerPongReply>;

export const historyReply = reply("history", {
  visitorId: v.string(),
  /** Oldest first. */
  messages: v.array(chatMessage),
  /** True when older messages exist; pass `cursor` as `before` to get them. */
  more: v.boolean(),
  cursor: v.nullable(v.string()),
  /**
   * On the newest page (no `before`): how many messages the conversation had when it was read,
   * at most the number `list` could return then, so a client knows how many it does not hold
   * (older pages) and can tell a later `pong`'s `count` from a lost push.
   */
  count: v.optional(v.number()),
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

export const unreadReply = reply("unread", { unreadTotal: v.number(), counts: inboxCounts, messages: viewMessages });
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

/**
 * When the delete took effect, on the server's clock: every message sent at or before it belonged
 * to the deleted conversation, and a client shows none of them, nor a row that new, whatever
 * arrives after (a page read before the delete, a push of a message applied just before it).
 */
const clearedAt = v.optional(v.number());

export const deletedReply = reply("deleted", { visitorId: v.string(), clearedAt });
export type DeletedReply = v.InferOutput<typeof deletedReply>;

/** The conversation as it stands after the owner's `done` or `reopen` (unchanged if it already was). */
export const doneReply = reply("done", { conversation: conversationSummary });
export type DoneReply = v.InferOutput<typeof doneReply>;
export const reopenedReply = reply("reopened", { conversation: conversationSummary });
export type ReopenedReply = v.InferOutput<typeof reopenedReply>;

export const erasedReply = reply("erased", {});
export type ErasedReply = v.InferOutput<typeof erasedReply>;

/** `relayed`: false when the frame came sooner than `limits.typingIntervalMs` after the last one relayed. */
export const typingReply = reply("typing", { visitorId: v.string(), relayed: v.boolean() });
export type TypingReply = v.InferOutput<typeof typingReply>;

/** The note as stored (the one stored first, for an `id` sent again). */
export const notedReply = reply("noted", { note: privateNote });
export type NotedReply = v.InferOutput<typeof notedReply>;

/** A page of a conversation's notes, oldest first; `cursor` (as `before`) for older ones, null at the start. */
export const notesReply = reply("notes", { visitorId: v.string(), notes: v.array(privateNote), cursor: v.nullable(v.string()) });
export type NotesReply = v.InferOutput<typeof notesReply>;

/** The owner's business hours: `weekly` spans in `timeZone`; an empty week is no hours (always available). */
const weeklySpans = v.array(v.strictObject({ day: v.number(), from: v.string(), to: v.string() }));
export const businessHours = v.strictObject({ timeZone: v.string(), weekly: weeklySpans });
export type BusinessHours = v.InferOutput<typeof businessHours>;
/** The hours as `hours` answers them: with whether the owner is notified outside them too. */
const hoursSetting = { timeZone: v.string(), weekly: weeklySpans, notifyOutsideHours: v.boolean() };
export const hoursSettingFrame = v.strictObject(hoursSetting);
export type HoursSetting = v.InferOutput<typeof hoursSettingFrame>;
export const hoursReply = reply("hours", hoursSetting);
export type HoursReply = v.InferOutput<typeof hoursReply>;

/** Every saved reply, in the order they were first saved. */
export const repliesReply = reply("replies", { replies: v.array(savedReply) });
export type RepliesReply = v.InferOutput<typeof repliesReply>;

/**
 * One conversation in an export page: its row, and the messages and notes of it the page carries,
 * each list newest first. `continued`: the conversation began on an earlier page (a conversation
 * larger than one reply spans pages): these go with what that page carried.
 */
export const exportedConversation = v.strictObject({
  conversation: conversationSummary,
  messages: v.array(chatMessage),
  notes: v.array(privateNote),
  continued: v.optional(v.literal(true)),
});
export type ExportedConversation = v.InferOutput<typeof exportedConversation>;

/**
 * A page of the owner's export: conversations (open ones first, then done ones, newest activity
 * first in each), and on the first page the saved replies and business hours. `cursor` asks for
 * the next page; null at the end.
 */
export const exportPageReply = reply("exportPage", {
  conversations: v.array(exportedConversation),
  savedReplies: v.optional(v.array(savedReply)),
  hours: v.optional(businessHours),
  cursor: v.nullable(v.string()),
});
export type ExportPageReply = v.InferOutput<typeof exportPageReply>;

/** The conversation a notification's reference stands for. */
export const resolvedReply = reply("resolved", { ref: v.string(), visitorId: v.string() });
export type ResolvedReply = v.InferOutput<typeof resolvedReply>;

/** The public key of the deployment's VAPID key pair: the inbox subscribes with it (`applicationServerKey`). */
export const pushKeyReply = reply("pushKey", { publicKey: v.string() });
export type PushKeyReply = v.InferOutput<typeof pushKeyReply>;

export const subscribedReply = reply("subscribed", {});
export type SubscribedReply = v.InferOutput<typeof subscribedReply>;

/** The session is over: its token is refused from then on. */
export const loggedOutReply = reply("loggedOut", {});
export type LoggedOutReply = v.InferOutput<typeof loggedOutReply>;

/** One of the owner's devices, as the inbox lists them. */
export const pushDevice = v.strictObject({
  /** What `removeDevice` takes. */
  deviceId: v.string(),
  /** The browser, as the inbox that subscribed named it ("Chrome on macOS"), or null. */
  browser: v.nullable(v.string()),
  /** Whose push service it is on: "Google", "Mozilla", "Apple", "Microsoft" (or "stand-in" in tests). */
  service: v.string(),
  subscribedAt: v.number(),
  /** When a notification last reached its push service, or null. */
  lastPushAt: v.nullable(v.number()),
  /** The device whose endpoint the request named: this browser. */
  current: v.boolean(),
});
export type PushDeviceSummary = v.InferOutput<typeof pushDevice>;

/** The owner's devices, the most recently subscribed first. */
export const devicesReply = reply("devices", { devices: v.array(pushDevice) });
export type DevicesReply = v.InferOutput<typeof devicesReply>;

/** `removed`: false when no such device was subscribed. */
export const deviceRemovedReply = reply("deviceRemoved", { deviceId: v.string(), removed: v.boolean() });
export type DeviceRemovedReply = v.InferOutput<typeof deviceRemovedReply>;

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
export const deletedPush = push("deleted", { visitorId: v.string(), clearedAt });
export type DeletedPush = v.InferOutput<typeof deletedPush>;

/** Pushed to the owner's other connections when a conversation is blocked, unblocked, read, done or reopened. */
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

/** Pushed to the owner's other connections when the owner writes a note: never to a visitor's. */
export const notePush = push("note", { note: privateNote });
export type NotePush = v.InferOutput<typeof notePush>;

/** Pushed to the owner's other connections when the saved replies change: all of them, as `replies` answers. */
export const repliesPush = push("replies", { replies: v.array(savedReply) });
export type RepliesPush = v.InferOutput<typeof repliesPush>;

/** Pushed to the owner's other connections when the business hours are set: as `hours` answers. */
export const hoursPush = push("hours", hoursSetting);
export type HoursPush = v.InferOutput<typeof hoursPush>;

/** Every push, for checking a frame that answers no request. */
export const serverPushes = [
  messagePush,
  deletedPush,
  conversationPush,
  seenPush,
  typingPush,
  presencePush,
  notePush,
  repliesPush,
  hoursPush,
] as const;
export type ServerPush = v.InferOutput<(typeof serverPushes)[number]>;
