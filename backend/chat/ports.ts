/**
 * What the chat needs from storage, declared on the chat's side: `Chat` depends on these
 * interfaces, and backend/store/ implements them on DynamoDB. Keys, cursors' contents and
 * expressions stay in the store; the rules (who may write, when the owner is notified, what a
 * reply holds) stay in the chat.
 */
import type { BusinessHours, ChatMessage, ConversationStatus, InboxCounts, PrivateNote, SavedReply, Sender } from "#protocol";
import type { ConversationHead, HeadSummary, VisitorContext } from "./head.ts";
import type { TotalsChange } from "./inbox-counts.ts";

export type { ConversationHead, VisitorContext } from "./head.ts";

/**
 * What one connection is bound to, recorded at `hello` so `$disconnect` can undo it. An owner's
 * names the session that bound it (`logout` closes its connections; absent on bindings made
 * before sessions were kept).
 */
export type Binding = { role: "visitor"; visitorId: string } | { role: "owner"; sessionId?: string };

/** The owner's presence and open connections. */
export interface OwnerState {
  lastSeenAt: number | null;
  connections: string[];
  /** When one of `connections` last said `hello` or `ping`, null without any: what the lease counts from (owner-lease.ts). */
  refreshedAt: number | null;
  /** What visitors were last told: online (`ownerActive`) until `markOwnerAway`. */
  announcedOnline: boolean;
  /** How many times the owner came or went (`ownerActive`, `ownerLeft`): `markOwnerAway` is conditional on it. */
  activity: number;
}

/** The owner's head as an owner's `hello` or `ping` found it, before recording them as active. */
export interface OwnerBefore {
  announcedOnline: boolean;
  lastSeenAt: number | null;
}

/** An open visitor connection, and whose it is. */
export interface LiveConnection {
  connectionId: string;
  visitorId: string;
}

/** Everything `send` needs about a conversation, from one read. */
export interface SendContext {
  /** The conversation has a head (someone wrote or registered). */
  conversationExists: boolean;
  /** The owner has blocked this visitor. */
  blocked: boolean;
  /** The visitor erased the conversation: the id is retired. */
  erased: boolean;
  /** Live connections bound to the visitor. */
  visitorConnections: string[];
}

/**
 * `advanced`: the watermark moved; `unchanged`: it was already there or later; `unknown`: no such
 * message; `blocked`: the owner has blocked the visitor (nothing changed).
 */
export type VisitorSeenOutcome =
  { outcome: "advanced"; head: ConversationHead } | { outcome: "unchanged" } | { outcome: "unknown" } | { outcome: "blocked" };

/** What `register` did: the head as it now stands, or why nothing changed. */
export type RegisterOutcome =
  { outcome: "registered"; head: ConversationHead } | { outcome: "blocked" } | { outcome: "erased" } | { outcome: "absent" };

export type PutOutcome = { created: true } | { created: false; existing: ChatMessage; applied: boolean };

/**
 * What applying a message to its conversation did: `applied` (the head as it now stands),
 * `already` (a copy of it did), or `cleared` (the conversation was deleted at or after the
 * message's `sentAt`, or, for an owner's message, does not exist).
 */
export type ApplyOutcome =
  | {
      outcome: "applied";
      head: ConversationHead;
      /** What the owner's totals changed by (the head's unread count, its views). */
      totalsChange: TotalsChange;
    }
  | { outcome: "already" }
  | { outcome: "cleared" };

/** A conversation cleared by a delete at `clearedAt` (`cleared: false`: it already was). */
export interface ClearOutcome {
  cleared: boolean;
  clearedAt: number;
  /** The visitor's live connections, to tell them (empty when it already was cleared). */
  visitorConnections: string[];
}

/**
 * One page of a listing. Each entry carries the cursor that continues the listing past it:
 * in history (oldest first) the messages before it, in the inbox the rows after it. Cursors are
 * opaque strings; the store makes them and reads them back.
 */
export interface Page<T> {
  entries: { item: T; cursor: string }[];
  /** Entries exist past the end of this page (in history: older than its first entry). */
  more: boolean;
  /** Where the listing continues when it read past its last entry (a filtered listing). */
  next?: string;
}

/** How much one page of history may hold, and read. */
export interface HistoryBounds {
  /** Messages at most. */
  limit: number;
  /** Bytes the page's reads may add up to (as DynamoDB counts an item's size, an eventually consistent read at half). */
  readBytes: number;
  /** Read the page each visitor message was written on. */
  withPages: boolean;
}

/** A cursor the store did not make, or made for another listing. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}

/** Who each open WebSocket belongs to, and the owner's presence (backend/store/connections.ts). */
export interface ConnectionStore {
  /** Binds a connection to a visitor or the owner; idempotent (`ping` renews it). */
  bind(connectionId: string, binding: Binding, nowMs: number): Promise<void>;
  /** Forgets a closed connection; returns what it was bound to, if anything. */
  unbind(connectionId: string): Promise<Binding | null>;
  /** Removes one binding, e.g. after the gateway said the connection is gone. */
  deleteBinding(connectionId: string, binding: Binding): Promise<void>;
  /** The visitor's live connections. */
  visitorConnections(visitorId: string, nowMs: number): Promise<string[]>;
  /**
   * The owner's presence and live connections; `consistent` reads what every write before it left.
   * Connections bound under another owner password (before a change of it) are not among them.
   */
  ownerState(nowMs: number, options?: { consistent?: boolean }): Promise<OwnerState>;
  /** The owner's live connections that a session bound. */
  sessionConnections(sessionId: string, nowMs: number): Promise<string[]>;
  /**
   * The owner is active now (`hello`, `ping`): records it as seen and announced online. Returns
   * what visitors had last been told, and when the owner was last seen, so the caller can tell
   * whether visitors must hear of it (presence.ts).
   */
  ownerActive(nowMs: number): Promise<OwnerBefore>;
  /** An owner connection closed: records the owner as seen now (one more activity). */
  ownerLeft(nowMs: number): Promise<void>;
  /**
   * Records the owner as announced away, unless they were active since `activity` (as
   * `ownerState` read it) or already are. True for exactly one `claim`, and again for a retry of it.
   */
  markOwnerAway(activity: number, claim: string): Promise<boolean>;
  /** Every open visitor connection, from a sparse index (not a scan); stale ones go when a push finds them gone. */
  liveVisitorConnections(): Promise<LiveConnection[]>;
}

/**
 * Counters that enforce limits (backend/chat/abuse-limits.ts): one item per key, which names its
 * time window; every call is one atomic write, so a limit holds however many requests race.
 */
export interface Counters {
  /**
   * Counts one event on `key` unless it holds `max` already: true when counted. The counter may be
   * forgotten after `expiresAtMs` (the end of the window its key names).
   */
  take(key: string, max: number, expiresAtMs: number): Promise<boolean>;
  /**
   * Counts `amount` on `key` unless that would take it past `max`: true when counted (bytes
   * uploaded in a day). One atomic write, like `take`.
   */
  takeAmount(key: string, amount: number, max: number, expiresAtMs: number): Promise<boolean>;
  /** Uncounts one event taken on `key` (a login that turned out to be the owner's). */
  giveBack(key: string): Promise<void>;
  /**
   * Counts `member` on `key` unless it holds `max` other members already: true when `member` is
   * counted (now, or already was). Counting the same member again changes nothing, so requests
   * racing for one member count it once (a visitor's first messages, for the conversations it opens).
   */
  takeMember(key: string, member: string, max: number, expiresAtMs: number): Promise<boolean>;
  /** Uncounts `member` on `key`. */
  giveBackMember(key: string, member: string): Promise<void>;
  /** Adds `count` events to `key` without a limit; returns the total it now holds. */
  add(key: string, count: number, expiresAtMs: number): Promise<number>;
}

/** The addresses the owner signed in from, which a flood of wrong passwords from elsewhere does not lock out. */
export interface SignIns {
  remember(addressPseudonym: string, nowMs: number, forMs: number): Promise<void>;
  /** Whether the owner signed in from any of these pseudonyms of one address (and the record has not expired). */
  isKnown(addressPseudonyms: readonly string[], nowMs: number): Promise<boolean>;
}

/** What a digest says about the conversations with visitor activity in a period. */
export interface Activity {
  /** The newest conversations with unread visitor messages, newest first, at most the number asked for. */
  latest: ConversationHead[];
  /** Conversations with visitor activity in the period. */
  conversations: number;
  /** Of those, the ones that started in it. */
  newConversations: number;
  /** Unread visitor messages in those conversations. */
  unreadMessages: number;
}

/** When the owner was notified, per conversation and per window (backend/chat/notify-owner.ts). */
export interface NotificationLog {
  /**
   * Records that the owner is notified of conversation `visitorId`'s message `messageId` at
   * `nowMs`, unless a notification of it went out after `quietSinceMs`: true for exactly one
   * message per quiet period (and for every retry of that message's claim).
   */
  claimConversation(visitorId: string, messageId: string, nowMs: number, quietSinceMs: number): Promise<boolean>;
  /**
   * Counts one notification-worthy event in the window that starts at `windowStartMs`; returns how
   * many it holds now, this one included (1 for the first: every caller gets a different number).
   */
  count(windowStartMs: number, expiresAtMs: number): Promise<number>;
  /**
   * Claims the window's digest for the caller: how many events it holds, for exactly one caller,
   * and only if it holds more than `immediate`; null otherwise (nothing to add, or claimed already).
   */
  claimDigest(windowStartMs: number, immediate: number, nowMs: number): Promise<number | null>;
  /** Conversations with visitor activity since `sinceMs`, counted, and the newest `latest` of them. */
  activitySince(sinceMs: number, latest: number): Promise<Activity>;
}

/**
 * A device's Web Push subscription, as the browser's `PushSubscription.toJSON()` gave it, and who
 * subscribed it. A device without `ownerEpoch` was subscribed before devices were stamped with
 * it: it counts as subscribed under another password (pushed to no more).
 */
export interface PushDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** When the owner subscribed it, or last renewed it (epoch ms). */
  subscribedAt: number;
  /** The session that subscribed it: `logout` removes it. */
  sessionId?: string;
  /** The owner password's generation it was subscribed under (backend/auth/session.ts `ownerEpoch`). */
  ownerEpoch?: string;
  /** The browser, as the inbox named it. */
  browser?: string;
  /** When a notification last reached its push service (epoch ms). */
  lastPushAt?: number;
}

/** A stored device and its id (what `removeById` takes; its endpoint's hash, so no endpoint is shown). */
export interface ListedPushDevice extends PushDevice {
  deviceId: string;
}

/**
 * Owner sessions (backend/store/sessions.ts): one record per `login`, until it expires or `logout`
 * ends it. Every owner frame's token must name one.
 */
export interface Sessions {
  /** Keeps a new session until `expiresAtMs`. */
  start(sessionId: string, expiresAtMs: number): Promise<void>;
  /** Whether the session is kept and not expired (a consistent read: a `logout` before it is seen). */
  isLive(sessionId: string, nowMs: number): Promise<boolean>;
  /** Ends a session; false when it was not kept (already ended, or never). */
  end(sessionId: string): Promise<boolean>;
}

/** The deployment's VAPID key pair (unpadded base64url: the public key's 65 bytes, the private key's 32). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The owner's devices that get Web Push notifications, and the key pair their pushes are signed with. */
export interface PushDevices {
  /** Adds a device, or renews it (the same endpoint is one device). */
  add(device: PushDevice): Promise<void>;
  /** Removes a device; false when there was none with this endpoint. */
  remove(endpoint: string): Promise<boolean>;
  /** Removes a device by its id (`deviceIdOf` its endpoint); false when there was none. */
  removeById(deviceId: string): Promise<boolean>;
  /** Removes every device the session subscribed; returns how many. */
  removeSession(sessionId: string): Promise<number>;
  /** The most recently subscribed devices first, at most `max` (all without it), each with its id. */
  list(max?: number): Promise<ListedPushDevice[]>;
  /** A notification reached the device's push service at `atMs` (nothing when the device is gone). */
  recordPush(endpoint: string, atMs: number): Promise<void>;
  /**
   * The key pair, made with `generate` and kept the first time it is asked for: a conditional
   * write, so concurrent first calls (two cold starts) all get the one that was kept.
   */
  vapidKeys(generate: () => VapidKeys): Promise<VapidKeys>;
}

/** Conversations' heads: who each visitor is and where their conversation stands (backend/store/heads.ts). */
export interface ConversationHeads {
  /** Records that a known visitor is back; returns their head, or null for someone new. */
  touchVisitor(visitorId: string, nowMs: number): Promise<ConversationHead | null>;
  /**
   * Sets (or, with "", clears) a visitor's nickname and email, on a conversation that exists or,
   * with `create`, creating it (`absent` without: the caller counts a new conversation first). A
   * new address is unconfirmed; one given again stays as confirmed or unsubscribed as it was.
   * `blocked`, changing nothing, when the owner has blocked the visitor; `erased` when the visitor
   * erased their conversation (an erased id never holds a name or an address again).
   */
  register(visitorId: string, profile: { nickname?: string; email?: string }, nowMs: number, create: boolean): Promise<RegisterOutcome>;
  /** The head as it stands, read consistently. */
  get(visitorId: string): Promise<ConversationHead | null>;
  /**
   * The owner has read a conversation, up to the visitor's newest message (`ownerSeenUpTo`), and
   * the unread total loses what it held; returns its head, or null when it does not exist.
   */
  markRead(visitorId: string): Promise<ConversationHead | null>;
  /**
   * Sets the conversation's status (`done`, or `open` again), once: the caller whose write changed
   * it moves the owner's counts. Null when it is not in the inbox (no message yet, or deleted).
   */
  setStatus(visitorId: string, status: ConversationStatus): Promise<ConversationHead | null>;
  /**
   * The visitor has been shown their conversation up to message `messageId`: the head's
   * `visitorSeenUpTo` moves forward to it (never back, never onto a deleted message).
   */
  markVisitorSeen(visitorId: string, messageId: string): Promise<VisitorSeenOutcome>;
}

/** The owner's blocks of visitors (backend/store/blocks.ts). */
export interface Blocks {
  /**
   * Blocks or unblocks a visitor, also one who has no conversation (yet); returns the head, if
   * there is one.
   */
  setBlocked(visitorId: string, blocked: boolean, nowMs: number): Promise<ConversationHead | null>;
}

/** Conversations' messages (backend/store/messages.ts). */
export interface Messages {
  /** Live connections, whether the conversation exists and is blocked. */
  sendContext(visitorId: string, nowMs: number): Promise<SendContext>;
  /** Stores a message unless its id is already stored; then returns the stored one. */
  put(message: ChatMessage): Promise<PutOutcome>;
  /** Removes a message that was refused after it was stored (never one that was applied). */
  deleteUnapplied(message: ChatMessage): Promise<void>;
  /**
   * Applies a stored message to its conversation's head (last message, inbox position, unread
   * count; the page a visitor's message was written on) once, however many copies try, and never
   * to a conversation deleted after it was sent.
   */
  apply(message: ChatMessage, visitor?: VisitorContext): Promise<ApplyOutcome>;
  /** Marks a message as claimed with the caller's token; true for exactly one caller per message. */
  claim(message: ChatMessage, claim: string): Promise<boolean>;
  /**
   * Up to `limit` messages, oldest first, before the `before` cursor (the newest without it), and
   * no more than fit in `readBytes`: what the page reads is bounded by that, plus one message,
   * however long the messages are. `withPages` also reads each visitor message's `page`, which the
   * timeline index does not hold (a read per message, counted in `readBytes`).
   */
  history(visitorId: string, before: string | undefined, bounds: HistoryBounds): Promise<Page<ChatMessage>>;
  /**
   * The conversation's newest message that `history` would return, or null (none yet, or every
   * message deleted): the visitor's `pong` watermark, one small read.
   */
  newest(visitorId: string): Promise<{ id: string; sentAt: number } | null>;
  /**
   * How many messages the conversation's head has applied since it began (or since its last
   * delete): the count a client compares with what it holds, one small consistent read.
   */
  count(visitorId: string): Promise<number>;
}

/** The owner's private notes on conversations (backend/store/notes.ts); a delete's sweep erases them with the messages. */
export interface Notes {
  /** Stores a note unless its id is already stored in that conversation; answers the stored one. */
  add(note: PrivateNote): Promise<PrivateNote>;
  /** Up to `limit` notes, oldest first, before the `before` cursor (the newest without it). */
  page(visitorId: string, before: string | undefined, limit: number): Promise<Page<PrivateNote>>;
}

/** The owner's saved replies (backend/store/saved-replies.ts), all of them in one item. */
export interface SavedReplies {
  /** Every saved reply, in the order they were first saved (one consistent read). */
  list(): Promise<SavedReply[]>;
  /**
   * Adds a reply, or changes the one with its id in place; null when it is new and `max` are
   * already saved. Concurrent saves and deletes each take effect: none overwrites another's.
   */
  save(reply: SavedReply, max: number): Promise<SavedReply[] | null>;
  /** Deletes a saved reply (one already gone is no error); answers what is left. */
  remove(id: string): Promise<SavedReply[]>;
}

/** The business hours as stored: with the stamp of the `hours` that set them (null until set). */
export interface StoredHours extends BusinessHours {
  stamp: string | null;
  /** The owner is notified outside the hours too; false: notifications wait for the next opening. */
  notifyOutsideHours: boolean;
  /** The first visitor message whose notification waits for the next opening (epoch ms); null: none waits. */
  heldSinceMs: number | null;
}

/** The owner's business hours (backend/store/hours.ts), one item. */
export interface HoursStore {
  /** The hours last set (one consistent read); no hours (an empty week, in UTC) until the owner sets some. */
  read(): Promise<StoredHours>;
  /**
   * Sets them, whole, under a new `stamp`: the jobs of hours set before find theirs gone. What
   * waits for the next opening (`heldSinceMs`) keeps waiting.
   */
  write(hours: BusinessHours & { notifyOutsideHours: boolean }, stamp: string): Promise<void>;
  /** Notes that a notification waits for the next opening, unless an earlier one already does. */
  hold(sentAtMs: number): Promise<void>;
  /** Takes what waits: the `heldSinceMs` it removed, for exactly one caller; null when nothing waited. */
  takeHeld(): Promise<number | null>;
  /**
   * Records that the change at `changeAtMs` of the hours stamped `stamp` was announced: true for
   * exactly one caller (the job copy that then schedules the next), false if another did, or the
   * hours were set again.
   */
  claimChange(stamp: string, changeAtMs: number): Promise<boolean>;
  /** Undoes `claimChange`, for a job that could not schedule the next: its retry claims again. */
  releaseChange(stamp: string, changeAtMs: number): Promise<void>;
}

/** Deleting conversations (backend/store/deletes.ts; the sweep job erases their messages). */
export interface Deletes {
  /**
   * Deletes a conversation for every reader at once (its messages are erased later, by a sweep
   * job up to `clearedAt`); null when there never was one. With `idleBefore` (the retention job),
   * only a conversation with nothing sent since that time, hiding what was sent before it; null
   * when it is active (and a `cleared: false` outcome, still to sweep, if a message raced the delete).
   * With `forever` (the visitor's `erase`), the mark goes at the end of time: the conversation,
   * even one already deleted, can never start again, and every message sent to it is refused.
   */
  clearConversation(visitorId: string, nowMs: number, options?: { idleBefore?: number; forever?: boolean }): Promise<ClearOutcome | null>;
}

/** The owner's totals: unread visitor messages, and how many conversations each view holds. */
export interface OwnerTotals {
  unreadTotal: number;
  counts: InboxCounts;
  /** The messages in each view's conversations: a view's version (docs/protocol.md, "Catching up"). */
  messages: InboxCounts;
}

/**
 * The owner's unread total and the views' counts (backend/store/unread-total.ts;
 * docs/data-model.md, "The unread total and the counts").
 */
export interface UnreadTotal {
  /** The maintained totals, one small read whatever the number of conversations. */
  read(): Promise<OwnerTotals>;
  /**
   * Changes the totals by what a conversation's head just changed by (once per head change: the
   * caller is the one whose conditional update made it). A retry of the same request after a lost
   * answer does not count twice.
   */
  add(visitorId: string, change: TotalsChange): Promise<void>;
}

/** One of the inbox's views: a status, and whether only conversations with unread messages. */
export interface InboxView {
  status: ConversationStatus;
  unreadOnly: boolean;
}

/** The owner's inbox: conversations by their last activity (backend/store/inbox.ts). */
export interface Inbox {
  /** A page of a view's conversations, newest activity first, after the `cursor` (the first page without it). */
  page(view: InboxView, cursor: string | undefined): Promise<Page<HeadSummary>>;
  /** The open conversation with the newest activity (the Open view's first row), or null: the owner's `pong` watermark. */
  newestActivity(): Promise<{ visitorId: string; lastMessageAt: number } | null>;
  /**
   * Up to `limit` conversations whose last message was sent before `beforeMs`, oldest first (the
   * retention job's; one query of each status's partition of the inbox index, eventually
   * consistent); `more`: there are others.
   */
  idleBefore(beforeMs: number, limit: number): Promise<{ visitorIds: string[]; more: boolean }>;
}

/** What an export page holds, in order: a conversation's row, then its messages and its notes, newest first. */
export type ExportEntry =
  | {
      kind: "conversation";
      head: HeadSummary;
      /** The conversation began on an earlier page: this is its row again, as it now stands. */
      continued: boolean;
    }
  | { kind: "message"; message: ChatMessage }
  | { kind: "note"; note: PrivateNote };

/** Everything stored, page by page, for the owner's `export` (backend/store/exports.ts). */
export interface Exports {
  /**
   * The entries after `cursor` (from the start without it) whose reads add up to about
   * `readBytes` and one item: every conversation and every message and note of it that no delete
   * hid, once each, across the pages of one export of a table nobody writes to. With `since`
   * (read from the cursor after the first page), only conversations with a message after it, and
   * their messages and notes after it. Each entry's cursor continues past it.
   */
  page(cursor: string | undefined, since: number | undefined, readBytes: number): Promise<Page<ExportEntry>>;
}

/** The chat's storage: a store per aggregate (backend/store/store.ts builds them all on one table). */
/**
 * A file made room for with `upload` (backend/store/attachments.ts): what the protocol's
 * `Attachment` says but its url, whose conversation it is in and who sent it, and, once a `send`
 * carried it, the message and its place there.
 */
export interface StoredAttachment {
  id: string;
  visitorId: string;
  from: Sender;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  uploadedAt: number;
  messageId?: string;
  position?: number;
  /** `checked`: its bytes are of its type; `removed`: they were not, and the object was deleted. */
  state: "pending" | "checked" | "removed";
}

/** Why attachments could not go with a message: one is not there (never, or swept), is another message's or another sender's, or was removed. */
export type AttachRefusal = { ok: false; reason: "missing" | "taken" | "removed"; attachmentId: string };

/** Attachments' items, in their conversation's partition. */
export interface Attachments {
  /** Records a new attachment; it expires with its upload unless a message carries it. */
  create(attachment: StoredAttachment, expiresAtMs: number): Promise<void>;
  get(visitorId: string, attachmentId: string): Promise<StoredAttachment | null>;
  /**
   * Gives each attachment to message `messageId`, in order, unless it is another message's or
   * another sender's, or was removed: one conditional write each; a copy of the same `send` gets
   * them again. On a refusal, the ones this call gave are taken back.
   */
  attach(
    visitorId: string,
    ids: readonly string[],
    messageId: string,
    from: Sender,
  ): Promise<{ ok: true; attachments: StoredAttachment[] } | AttachRefusal>;
  /** Takes attachments back from a message that was refused after it got them. */
  release(visitorId: string, ids: readonly string[], messageId: string): Promise<void>;
  /** Every attachment of the conversation (a page of history picks its messages' ones). */
  ofConversation(visitorId: string): Promise<StoredAttachment[]>;
  /** Records the check of its bytes; returns the attachment as it now stands (null: it is gone). */
  markChecked(visitorId: string, attachmentId: string, matches: boolean): Promise<StoredAttachment | null>;
  /** Attachments uploaded at or before `uploadedUpTo` (a delete's `clearedAt`), to erase with their objects. */
  uploadedBefore(visitorId: string, uploadedUpTo: number): Promise<StoredAttachment[]>;
  erase(attachments: readonly StoredAttachment[]): Promise<void>;
}

/**
 * The attachments' bucket (backend/attachments/s3-files.ts): presigned uploads and downloads made
 * without a request, and the few calls the functions make themselves.
 */
export interface AttachmentFiles {
  /** A presigned POST for exactly this object: its key, type and size, until `expiresInS` from now. */
  uploadForm(input: {
    key: string;
    contentType: string;
    size: number;
    expiresInS: number;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /** A presigned GET; a file that is not an image a browser shows inline downloads as `name`. */
  downloadUrl(input: { key: string; contentType: string; name: string; inline: boolean; expiresInS: number }): Promise<string>;
  /**
   * Writes a file the server received itself (an answer by email's), tagged unsent as an upload is;
   * writing the same bytes again is harmless.
   */
  putFile(input: { key: string; contentType: string; bytes: Uint8Array }): Promise<void>;
  /** Marks an uploaded object as carried by a message, so the lifecycle rule for unsent uploads spares it; false when it was never uploaded. */
  markSent(key: string): Promise<boolean>;
  /** The object's first `bytes` bytes and its size; null when there is no such object. */
  readStart(key: string, bytes: number): Promise<{ bytes: Uint8Array; size: number } | null>;
  /** Deletes objects (none there is no error). */
  remove(keys: readonly string[]): Promise<void>;
}

export interface ChatStore {
  readonly heads: ConversationHeads;
  readonly blocks: Blocks;
  readonly messages: Messages;
  readonly notes: Notes;
  readonly savedReplies: SavedReplies;
  readonly hours: HoursStore;
  readonly deletes: Deletes;
  readonly unreadTotal: UnreadTotal;
  readonly inbox: Inbox;
  readonly connections: ConnectionStore;
  readonly counters: Counters;
  readonly signIns: SignIns;
  readonly notifications: NotificationLog;
  readonly pushDevices: PushDevices;
  readonly sessions: Sessions;
  readonly attachments: Attachments;
  readonly exports: Exports;
}
