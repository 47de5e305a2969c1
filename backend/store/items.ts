import type { Binding, ConversationHead, PushDevice, StoredAttachment } from "../chat/ports.ts";
import type { BusinessHours, ChatMessage, PageRef, SavedReply } from "#protocol";
import { limits } from "#protocol";
import { keys } from "./keys.ts";
import type { ItemKey } from "./table-client.ts";

/*
 * The items Porch's table holds, one type each, and how they map to the chat's and the
 * protocol's shapes. docs/data-model.md lists every item, its keys (made in keys.ts) and who
 * writes it. A read names the type it expects where the table holds it (`table.get<HeadItem>`).
 */

/**
 * A conversation's head: who the visitor is and where the conversation stands, under the names
 * the chat's `ConversationHead` gives them (none required: a head that is not live holds few; its
 * status is its row's partition in the `inbox` index), and what only the store needs.
 */
export type HeadItem = ItemKey &
  Partial<Omit<ConversationHead, "status">> & {
    sk: typeof keys.headSk;
    visitorId: string;
    /** Its place in the timeline while it is live. */
    lsk?: string;
    /** The last message applied, the request that applied it and the unread count before (docs/data-model.md, "Exactly once"). */
    lastAppliedId?: string;
    appliedBy?: string;
    unreadBefore?: number;
    /** Its row in the `inbox` index: the partition says its status (keys.inboxStatusPk). */
    inboxPk?: string;
    inboxSk?: string;
    /** The partition before the last message applied (as `unreadBefore`), "" when it had none. */
    inboxPkBefore?: string;
    /** The request that last set the status, so a retry after a lost answer knows it was its own. */
    statusBy?: string;
    /** The keys of the unread index of an older Porch, removed as heads change. */
    unreadPk?: string;
    unreadSk?: string;
    /** The message the owner was last notified of (backend/chat/notify-owner.ts). */
    notifiedFor?: string;
    /** The last delete: no message sent at or before it is applied again. */
    clearedAt?: number;
    /**
     * The conversation's one confirmation email (until its address is confirmed): the job that
     * claimed it, when, and when it went out (backend/jobs/email-confirmation.ts).
     */
    confirmationClaim?: string;
    confirmationClaimAt?: number;
    confirmationSentAt?: number;
  };

/** A head while its conversation exists. */
export type LiveHeadItem = HeadItem & { firstSeenAt: number; lastSeenAt: number };

/** A message, keyed by the id its sender chose. */
export type MessageItem = ItemKey &
  ChatMessage & {
    lsk: string;
    /** The token of the one copy of the `send` that claimed it. */
    applied?: string;
  };

/**
 * The owner's private note: in the conversation's partition and timeline (before its messages),
 * its time as `sentAt` so the timeline index holds all of it.
 */
export type NoteItem = ItemKey & { lsk: string; id: string; visitorId: string; text: string; sentAt: number };

/** An attachment (chat/ports.ts `StoredAttachment`); `expiresAtS` until a message carries it. */
export type AttachmentItem = ItemKey & StoredAttachment & { expiresAtS?: number };

/** The mark a delete leaves in the timeline. */
export type ClearedMarkItem = ItemKey & { sk: typeof keys.clearedSk; lsk: string; visitorId: string; clearedAt: number };

/** The owner's block of a visitor; it outlives a delete. */
export type BlockItem = ItemKey & { sk: typeof keys.blockSk; lsk: string; visitorId: string; blockedAt: number };

/** A visitor's connection, in their conversation's partition, the timeline and the `live` index. */
export type VisitorBindingItem = ItemKey & {
  lsk: string;
  livePk: string;
  liveSk: string;
  connectionId: string;
  expiresAtS: number;
};

/**
 * One of the owner's connections, in the owner's partition: the session that bound it, and the
 * owner password's generation it was bound under (absent on bindings made before either was kept).
 */
export type OwnerBindingItem = ItemKey & {
  connectionId: string;
  expiresAtS: number;
  boundAt?: number;
  sessionId?: string;
  ownerEpoch?: string;
};

/** An owner session: until `expiresAt` (epoch ms), or until `logout` deletes it. */
export type SessionItem = ItemKey & { sk: typeof keys.sessionSk; expiresAt: number; expiresAtS: number };

/** The owner's presence (docs/data-model.md, the owner head). */
export type OwnerHeadItem = ItemKey & {
  sk: typeof keys.ownerHeadSk;
  lastSeenAt?: number;
  announcedOnline?: boolean;
  activity?: number;
  awayClaim?: string;
};

/** What a connection is bound to, for `$disconnect`. */
export type ConnectionItem = ItemKey & Binding & { boundAt: number; expiresAtS: number };

/*
 * What the timeline index holds of each item in it (its projection: the keys, a message's fields
 * but its page, a connection's): one conversation in server order.
 */
export type TimelineMessage = Pick<MessageItem, "pk" | "sk" | "lsk" | "id" | "visitorId" | "from" | "text" | "sentAt">;
export type TimelineMark = Pick<ClearedMarkItem, "pk" | "sk" | "lsk" | "visitorId">;
export type TimelineBinding = Pick<VisitorBindingItem, "pk" | "sk" | "lsk" | "connectionId" | "expiresAtS">;
export type TimelineHead = Pick<HeadItem, "pk" | "sk" | "lsk" | "visitorId">;
export type TimelineBlock = Pick<BlockItem, "pk" | "sk" | "lsk" | "visitorId">;

/** In the timeline's message range: a delete's mark, not a message. */
export function isMark(item: TimelineMessage | TimelineMark): item is TimelineMark {
  return item.sk === keys.clearedSk;
}

/** Past the timeline's messages: one of the visitor's connections, not the head or a block. */
export function isVisitorBinding(item: TimelineHead | TimelineBlock | TimelineBinding | TimelineMark): item is TimelineBinding {
  return keys.isVisitorBindingSk(item.sk);
}

/** What the `live` index holds: keys only. */
export type LiveEntry = ItemKey & { livePk: string; liveSk: string };

/** A limit's counter: a count (`hits`), or the set of members counted. */
export type CounterItem = ItemKey & { hits?: number; members?: Set<string>; expiresAtS?: number };

/** An address the owner signed in from. */
export type SignInItem = ItemKey & { signedInAt: number; expiresAtS: number };

/** One of the owner's notification windows. */
export type NotifyWindowItem = ItemKey & { events: number; expiresAtS: number; digestedAt?: number };

/**
 * A shard of the owner's unread total and of the views' counts (or a mark that they were counted):
 * `unread` counts messages, `unreadConversations` the Unread view.
 */
export type UnreadShardItem = ItemKey & {
  unread?: number;
  open?: number;
  done?: number;
  unreadConversations?: number;
  openMessages?: number;
  doneMessages?: number;
  unreadMessages?: number;
  lastChange?: string;
};

/** A device the owner gets Web Push notifications on. */
export type PushDeviceItem = ItemKey & PushDevice;

/** Every saved reply of the owner's, and the version that each change moves on by one. */
export type SavedRepliesItem = ItemKey & { replies: SavedReply[]; version: number };

/** The owner's business hours, as `hours` last set them. */
export type HoursItem = ItemKey &
  BusinessHours & {
    /** Set by each `hours`: the hours-change jobs of earlier hours find it changed. */
    stamp?: string;
    /** The latest opening or closing a job announced (claimed) under this stamp, epoch ms. */
    changedAtMs?: number;
    /** Notifications go out outside the hours too; absent: false. */
    notifyOutsideHours?: boolean;
    /** The first visitor message whose owner notification waits for the next opening. */
    heldSinceMs?: number;
  };

/** The deployment's VAPID key pair. */
export type VapidKeysItem = ItemKey & { publicKey: string; privateKey: string };

/** What a conversation's reply emails have done, and the claim of the one being sent. */
export type ReplyEmailItem = ItemKey & {
  visitorId?: string;
  claimToken?: string;
  claimAt?: number;
  emailedUpToAt?: number;
  emailedUpTo?: string;
  emailedAt?: number;
  sesMessageId?: string;
  failedAt?: number;
  failure?: string;
};

/**
 * An address unsubscribed from reply emails, by its hash, and when a confirmation email last went
 * to it since (at most one per `confirmationEmailLimits.unsubscribedEveryMs`).
 */
export type UnsubscribedItem = ItemKey & { unsubscribedAt: number; confirmationSentAt?: number };

/** The confirmation emails an address got (by its hash): the times of the last few, oldest first (`at0`, `at1`, …). */
export type AddressConfirmationsItem = ItemKey & Record<`at${number}`, number> & { expiresAtS: number };

/** A head is live while its conversation exists: from a first message or `register` until a delete. */
export function isLiveHead(item: HeadItem): item is LiveHeadItem {
  return typeof item.firstSeenAt === "number";
}

export function toMessage(item: Pick<MessageItem, "id" | "visitorId" | "from" | "text" | "sentAt" | "page" | "attachments">): ChatMessage {
  const message: ChatMessage = {
    id: item.id,
    visitorId: item.visitorId,
    from: item.from,
    text: item.text,
    sentAt: item.sentAt,
  };
  const page = toPage(item.page);
  if (page) message.page = page;
  if (Array.isArray(item.attachments) && item.attachments.length) message.attachments = item.attachments;
  return message;
}

/** A stored page (a message's `page`, a head's `lastPage`), or undefined for anything else. */
export function toPage(value: unknown): PageRef | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { url, title } = value as Record<string, unknown>;
  if (typeof url !== "string") return undefined;
  return typeof title === "string" && title !== "" ? { url, title } : { url };
}

/** The status a head's row in the `inbox` index says, if it has one. */
export function statusOf(inboxPk: string | undefined): ConversationHead["status"] {
  if (inboxPk === keys.inboxStatusPk("open")) return "open";
  if (inboxPk === keys.inboxStatusPk("done")) return "done";
  return undefined;
}

export function toHead(item: LiveHeadItem): ConversationHead {
  const head: ConversationHead = {
    visitorId: item.visitorId,
    firstSeenAt: item.firstSeenAt,
    lastSeenAt: item.lastSeenAt,
    unread: item.unread ?? 0,
    messageCount: item.messageCount ?? 0,
    blocked: item.blocked === true,
  };
  const status = statusOf(item.inboxPk);
  if (status) head.status = status;
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
  if (typeof item.confirmedEmail === "string") head.confirmedEmail = item.confirmedEmail;
  if (typeof item.emailConfirmedAt === "number") head.emailConfirmedAt = item.emailConfirmedAt;
  for (const field of ["lastVisitorMessageAt", "visitorSeenAt", "ownerSeenAt"] as const) {
    const value = item[field];
    if (typeof value === "number" && value > 0) head[field] = value;
  }
  return head;
}

export function preview(text: string): string {
  return text.length <= limits.previewMaxChars ? text : `${text.slice(0, limits.previewMaxChars - 1)}…`;
}

export function isLive(item: { expiresAtS?: unknown }, nowS: number): boolean {
  return typeof item.expiresAtS !== "number" || item.expiresAtS > nowS;
}

export function sameBinding(a: Binding, b: Binding): boolean {
  if (a.role === "owner") return b.role === "owner" && a.sessionId === b.sessionId;
  return b.role === "visitor" && a.visitorId === b.visitorId;
}
