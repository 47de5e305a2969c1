/**
 * How items are keyed. docs/data-model.md describes each item and the access pattern it serves.
 * Timeline sort keys (`lsk`) are laid out so that one query of a conversation's timeline index
 * from "the last minute" onwards returns its recent messages, then its live connections, then its
 * head item: everything `send` needs to decide, in one read.
 */

/** Epoch milliseconds as a fixed-width string, so string order is time order (until year 2286). */
export function paddedMs(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(13, "0");
}

/** How many items the unread total is spread over. */
export const unreadTotalShards = 8;

/**
 * The `clearedAt` of an erased conversation (the visitor's `erase`): the last time `paddedMs`
 * can write, so its mark hides everything ever sent and no message is ever applied after it.
 */
export const erasedForeverAt = 9_999_999_999_999;

const conversationPrefix = "V#";

const unreadShardSk = (shard: number) => `#${shard}`;

function unreadShardOf(visitorId: string): number {
  let hash = 0;
  for (let index = 0; index < visitorId.length; index++) hash = (hash * 31 + visitorId.charCodeAt(index)) >>> 0;
  return hash % unreadTotalShards;
}

export const keys = {
  conversationPk: (visitorId: string) => `${conversationPrefix}${visitorId}`,
  headSk: "#HEAD",
  /** A live head's place in the timeline; a head cleared by a delete has none until its next message. */
  headLsk: "O#HEAD",
  /** The mark a delete leaves (docs/data-model.md, "Deletes"). */
  clearedSk: "#CLEARED",
  /** The mark's place: after every message sent at or before `clearedAt`, before any sent later. */
  clearedLsk: (clearedAt: number) => `M#${paddedMs(clearedAt)}#~`,
  blockSk: "#BLOCK",
  /** What the conversation's reply emails have done (docs/data-model.md, "Reply emails"). */
  replyEmailSk: "#REPLYEMAIL",
  /** An unsubscribed address, by its hash (backend/email/address.ts). */
  unsubscribedPk: (addressHash: string) => `UNSUB#${addressHash}`,
  unsubscribedSk: "#",
  /** The confirmation emails an address got lately, by its hash (backend/jobs/email-confirmation.ts). */
  addressConfirmationsPk: (addressHash: string) => `CONFIRM#${addressHash}`,
  addressConfirmationsSk: "#",
  blockLsk: "P#BLOCK",
  messageSk: (id: string) => `M#${id}`,
  /** An attachment, in its conversation's partition (backend/store/attachments.ts). */
  attachmentSk: (attachmentId: string) => `A#${attachmentId}`,
  attachmentSkPrefix: "A#",
  messageLsk: (sentAt: number, id: string) => `M#${paddedMs(sentAt)}#${id}`,
  /** Lower bound below every message's lsk (and a delete mark's). */
  beforeMessagesLsk: "M#",
  /** Upper bound above every message's lsk and below connections, the head and a block. */
  afterMessagesLsk: "M#~",
  /** The owner's private note, by the id the owner's client chose. */
  noteSk: (id: string) => `NOTE#${id}`,
  /** A note's place in the timeline: before every message, so no read of messages ever meets one. */
  noteLsk: (writtenAt: number, id: string) => `L#${paddedMs(writtenAt)}#${id}`,
  /** Bounds of the notes' range of the timeline. */
  beforeNotesLsk: "L#",
  afterNotesLsk: "L#~",
  visitorBindingSk: (connectionId: string) => `C#${connectionId}`,
  /** Whether an item of a conversation's partition is one of the visitor's connections. */
  isVisitorBindingSk: (sk: string) => sk.startsWith("C#"),
  isConversationPk: (pk: string) => pk.startsWith(conversationPrefix),
  isMessageSk: (sk: string) => sk.startsWith("M#"),
  isNoteSk: (sk: string) => sk.startsWith("NOTE#"),
  isConnectionPk: (pk: string) => pk.startsWith("CONN#"),
  visitorBindingLsk: (connectionId: string) => `N#${connectionId}`,
  ownerPk: "OWNER",
  ownerHeadSk: "#HEAD",
  ownerBindingSk: (connectionId: string) => `C#${connectionId}`,
  /** The `live` index's one partition: every open visitor connection's binding is in it. */
  liveVisitorsPk: "LIVE",
  /** Whose conversation a partition key names (the `live` index's entries carry only keys). */
  visitorIdOf: (conversationPk: string) => conversationPk.slice(conversationPrefix.length),
  connectionPk: (connectionId: string) => `CONN#${connectionId}`,
  connectionSk: "#",
  /** A limit's counter; its key names the limit, what it counts for, and its window. */
  counterPk: (key: string) => `LIMIT#${key}`,
  counterSk: "#",
  /** An address the owner signed in from, by its pseudonym (backend/chat/address-pseudonyms.ts). */
  signInPk: (addressPseudonym: string) => `SIGNIN#${addressPseudonym}`,
  /** One of the owner's notification windows, by its start. */
  notifyWindowPk: (windowStartMs: number) => `NOTIFY#${paddedMs(windowStartMs)}`,
  /** An owner session, by its id (the token's nonce). */
  sessionPk: (sessionId: string) => `SESSION#${sessionId}`,
  sessionSk: "#",
  /** The owner's Web Push devices: one partition, a device per endpoint (by its hash). */
  pushDevicesPk: "PUSH",
  pushDeviceSk: (endpointHash: string) => `D#${endpointHash}`,
  /** The owner's saved replies: one item holds them all (docs/data-model.md, "Saved replies"). */
  savedRepliesPk: "REPLIES",
  savedRepliesSk: "#",
  /** The owner's business hours (docs/data-model.md, "Business hours"). */
  hoursPk: "HOURS",
  hoursSk: "#",
  /** The deployment's VAPID key pair, made on first use. */
  vapidKeysPk: "VAPID",
  /** The `inbox` index's partition of the open conversations (every row, before done existed). */
  inboxPk: "INBOX",
  /** The `inbox` index's partition of a status's conversations. */
  inboxStatusPk: (status: "open" | "done") => (status === "open" ? "INBOX" : "INBOX#DONE"),
  inboxSk: (lastMessageAt: number, visitorId: string) => `${paddedMs(lastMessageAt)}#${visitorId}`,
  /** The owner's unread total, kept in a few counter items (shards) of one partition. */
  unreadTotalPk: "UNREADTOTAL",
  /** A conversation's shard of the unread total: its changes spread over several items, not one hot one. */
  unreadTotalSk: (visitorId: string) => unreadShardSk(unreadShardOf(visitorId)),
  /** Shard `shard` (0 to `unreadTotalShards` − 1) of the unread total. */
  unreadTotalShardSk: unreadShardSk,
  /** The mark that the unread total was counted (tables made before it was kept are counted once). */
  unreadTotalCountedSk: "COUNTED",
  /** The mark that the views' counts were counted (tables made before they were kept are counted once). */
  viewCountsCountedSk: "COUNTED#VIEWS",
  /** The mark that the messages of each view were counted (tables made before they were kept are counted once). */
  viewMessagesCountedSk: "COUNTED#MESSAGES",
  /** In the backup table of a rebuild (create-table.ts): the mark that the backup holds every item. */
  rebuildMarkPk: "#REBUILD",
  rebuildMarkSk: "#COMPLETE",
} as const;
