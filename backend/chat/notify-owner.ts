import type { ChatMessage } from "#protocol";
import { limits } from "#protocol/limits.ts";
import type { ConversationRefs } from "../auth/conversation-ref.ts";
import { type ReplyAddresses, replyToFor } from "../email/reply-address.ts";
import type { JobQueue } from "../jobs/job.ts";
import {
  type NotifiedConversation,
  type Notifier,
  type OwnerNotification,
  digestItems,
  immediatePerWindow,
  notifyQuietMs,
  notifyWindowMs,
} from "../notify/notification.ts";
import { ownerAvailability } from "./business-hours.ts";
import type { ConversationHead } from "./head.ts";
import { log } from "./log.ts";
import type { HoursStore, NotificationLog } from "./ports.ts";

/**
 * When the owner is told about visitor messages while no inbox is open, so that no flood (one
 * attacker opening conversations by the thousand) makes more than a few posts, emails or pushes:
 *
 * 1. Per conversation, only the first message of a burst counts (one per `notifyQuietMs`: the
 *    head's `notifiedAt`, claimed with a conditional write).
 * 2. Time is cut into fixed windows of `notifyWindowMs`. Each counted message takes a number in its
 *    window (one atomic `ADD`): numbers 1 to `immediatePerWindow` are delivered at once.
 * 3. Number 1 also schedules the window's digest, a job that runs at the window's end: if the
 *    window counted more than were delivered, one notification summarises every conversation with
 *    visitor activity since the window began ("38 new conversations"), claimed with a conditional
 *    write so a job delivered twice posts once.
 *
 * So a window makes at most `immediatePerWindow` + 1 notifications, whatever arrives in it.
 */

const windowStartOf = (nowMs: number) => nowMs - (nowMs % notifyWindowMs);

/** What deciding and sending a notification needs. */
export interface NotifyDeps {
  notifications: Pick<NotificationLog, "claimConversation" | "count">;
  notifier: Notifier;
  jobs: JobQueue;
  refs: () => ConversationRefs;
  /** The owner password's generation, which the devices pushed to were subscribed under. */
  ownerEpoch: () => string;
  /** What the notification's `Reply-To` is made with; none (or no domain): no answers by email. */
  replyAddresses?: ReplyAddresses;
}

function notified(
  head: ConversationHead,
  refs: ConversationRefs,
  replyAddresses: ReplyAddresses | undefined,
  nowMs: number,
): NotifiedConversation {
  const replyTo = replyToFor(replyAddresses, head.visitorId, "owner", nowMs, limits.resumeLinkTtlMs);
  return {
    ref: refs.make(head.visitorId),
    nickname: head.nickname ?? null,
    email: head.email ?? null,
    unread: head.unread,
    firstSeenAt: head.firstSeenAt,
    ...(replyTo ? { replyTo } : {}),
  };
}

/** The head says this conversation notified within the quiet spell: the rest of a burst costs no claim, and no read. */
const inBurst = (message: ChatMessage, head: ConversationHead) =>
  head.notifiedAt !== undefined && head.notifiedAt >= message.sentAt - notifyQuietMs;

/**
 * Tells the away owner about a visitor message if it is the first of its conversation's burst and
 * its window has room; schedules the window's digest. Outside the owner's business hours, unless
 * they asked to be notified then too (`notifyOutsideHours`), the notification waits for the next
 * opening instead (`sendHeld`): the burst is claimed all the same, so its rest costs nothing. The
 * hours are read beside the claim, so holding costs no round trip. Never throws: the message is
 * stored whatever becomes of its notification.
 */
export async function notifyOwnerOf(
  deps: NotifyDeps & { hours: Pick<HoursStore, "read" | "hold"> },
  message: ChatMessage,
  head: ConversationHead,
): Promise<void> {
  try {
    if (inBurst(message, head)) return;
    const [claimed, hours] = await Promise.all([
      deps.notifications.claimConversation(message.visitorId, message.id, message.sentAt, message.sentAt - notifyQuietMs),
      deps.hours.read().catch((error: unknown) => {
        log.warn("business hours unread: the owner is notified as within them", { messageId: message.id, error });
        return null;
      }),
    ]);
    if (!claimed) return;
    if (hours && !hours.notifyOutsideHours && !ownerAvailability(hours, message.sentAt).open) {
      if (hours.heldSinceMs === null) await deps.hours.hold(message.sentAt);
      return;
    }
    const windowStartMs = windowStartOf(message.sentAt);
    const windowEndMs = windowStartMs + notifyWindowMs;
    const number = await deps.notifications.count(windowStartMs, windowEndMs);
    await Promise.all([
      number === 1 &&
        deps.jobs.enqueue(
          { type: "owner-digest", windowStartMs },
          // Just after the window ends; SQS delays a message by at most 900 s.
          { delaySeconds: Math.min(900, Math.ceil((windowEndMs - message.sentAt) / 1000) + 1) },
        ),
      number <= immediatePerWindow &&
        deps.notifier.notify({
          kind: "message",
          items: [
            {
              conversation: notified(head, deps.refs(), deps.replyAddresses, message.sentAt),
              message: { text: message.text, sentAt: message.sentAt },
            },
          ],
          totals: {
            conversations: 1,
            newConversations: head.firstSeenAt === message.sentAt ? 1 : 0,
            unreadMessages: head.unread,
          },
          sinceMs: message.sentAt,
          ownerEpoch: deps.ownerEpoch(),
        }),
    ]);
  } catch (error) {
    log.warn("owner notification not queued", { messageId: message.id, error });
  }
}

/** What a digest needs: the windows, the notifier, references, the password's generation. */
export interface DigestDeps {
  notifications: NotificationLog;
  notifier: Notifier;
  refs: () => ConversationRefs;
  ownerEpoch: () => string;
  replyAddresses?: ReplyAddresses;
  now: () => number;
}

/**
 * The digest job of the window that started at `windowStartMs`: one notification of what the
 * window held beyond what went out at once, unless the owner has read it all meanwhile. Safe to
 * run twice: the claim lets one run through.
 */
export async function sendDigest(deps: DigestDeps, windowStartMs: number): Promise<string> {
  const events = await deps.notifications.claimDigest(windowStartMs, immediatePerWindow, deps.now());
  if (events === null) return "nothing to add, or sent already";
  return `${await notifyActivitySince(deps, windowStartMs)} (${events} notification-worthy)`;
}

/**
 * The notifications held outside the owner's hours (docs/data-model.md, "Business hours"), sent
 * at their next opening: one summary of every conversation with visitor activity since the first
 * held message, unless the owner has read it all meanwhile. Taking what is held is one atomic
 * write, so a job run twice sends once.
 */
export async function sendHeld(deps: DigestDeps & { hours: Pick<HoursStore, "takeHeld"> }): Promise<string> {
  const sinceMs = await deps.hours.takeHeld();
  return sinceMs === null ? "no notification was held" : `held notifications: ${await notifyActivitySince(deps, sinceMs)}`;
}

/** One digest of the conversations with visitor activity since `sinceMs`, if any of it is unread. */
async function notifyActivitySince(deps: DigestDeps, sinceMs: number): Promise<string> {
  const activity = await deps.notifications.activitySince(sinceMs, digestItems);
  if (activity.unreadMessages === 0) return "the owner has read everything";
  const refs = deps.refs();
  const notification: OwnerNotification = {
    kind: "digest",
    items: activity.latest.map((head) => ({
      conversation: notified(head, refs, deps.replyAddresses, deps.now()),
      message: { text: head.lastMessage ?? "", sentAt: head.lastVisitorMessageAt ?? head.lastMessageAt ?? head.firstSeenAt },
    })),
    totals: {
      conversations: activity.conversations,
      newConversations: activity.newConversations,
      unreadMessages: activity.unreadMessages,
    },
    sinceMs,
    ownerEpoch: deps.ownerEpoch(),
  };
  await deps.notifier.notify(notification);
  return `digest of ${activity.conversations} conversations`;
}
