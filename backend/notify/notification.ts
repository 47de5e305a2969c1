/**
 * What the owner is told while no inbox is open, whatever the channel (the webhook, email,
 * Web Push). One unit carries either a visitor's message, at once, or a digest of a busy
 * window: backend/chat/notify-owner.ts decides which, so that no flood produces more than a few.
 *
 * Nothing here names a visitor by their id: it is the visitor's only credential, and a
 * notification ends up in chat channels and mailboxes. `ref` stands for the conversation instead;
 * only the signed-in inbox can resolve it (`resolve`). Every string a visitor wrote (nickname,
 * email, text) is data: each channel escapes it for where it goes.
 */

/** A conversation, as a notification may show it. */
export interface NotifiedConversation {
  /** Opens the conversation in the inbox: `<inbox>#/r/<ref>` (never the visitor id). */
  ref: string;
  nickname: string | null;
  email: string | null;
  /** Visitor messages the owner has not read. */
  unread: number;
  /** When the visitor first wrote or registered (epoch ms). */
  firstSeenAt: number;
  /**
   * The owner's answer by email lands here: `reply+<token>@<inbound domain>` (sealed: it names no
   * visitor id); absent without an inbound domain. Emails only: the webhook leaves it out.
   */
  replyTo?: string;
}

/** A visitor's message, or for a digest the conversation's last one (its first 140 characters). */
export interface NotifiedMessage {
  text: string;
  sentAt: number;
}

export interface OwnerNotification {
  /** `message`: one visitor message, sent at once; `digest`: what a busy window held. */
  kind: "message" | "digest";
  /** Conversations to show, newest first: the one for a `message`, the latest few for a `digest`. */
  items: { conversation: NotifiedConversation; message: NotifiedMessage }[];
  /** What the notification stands for: for a `message`, its conversation; for a `digest`, the window. */
  totals: {
    /** Conversations with visitor messages. */
    conversations: number;
    /** Of those, conversations that started in the period. */
    newConversations: number;
    /** Unread visitor messages in those conversations. */
    unreadMessages: number;
  };
  /** Where the period starts (epoch ms): a digest's window; a message's own time. */
  sinceMs: number;
  /**
   * The owner password's generation where the notification was made (backend/auth/session.ts
   * `ownerEpoch`): Web Push goes only to devices subscribed under it, and removes the others (a
   * password change ends them). The notify function holds no password to work it out itself.
   */
  ownerEpoch: string;
}

/** Hands a notification to whatever delivers it, quickly: it never waits for a channel itself. */
export interface Notifier {
  notify(notification: OwnerNotification): Promise<void>;
}

/** A visitor message notifies the owner only if none in its conversation did in this long (one per burst). */
export const notifyQuietMs = 10 * 60_000;

/**
 * The owner's notifications go out in fixed windows of this length: the first
 * `immediatePerWindow` notification-worthy messages of a window at once, and, if more came, one
 * digest of the whole window at its end (a delayed job, within SQS's 15-minute delay).
 */
export const notifyWindowMs = 10 * 60_000;
export const immediatePerWindow = 3;
/** Conversations a digest lists by name; the rest are in its counts. */
export const digestItems = 5;

export const silentNotifier: Notifier = { notify: async () => {} };
