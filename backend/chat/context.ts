import { randomUUID } from "node:crypto";
import type { AttachmentPolicy, OwnerProfile, ServerFrame } from "#protocol";
import type { ConversationRefs } from "../auth/conversation-ref.ts";
import type { ReplyAddresses } from "../email/reply-address.ts";
import type { Scope } from "../auth/session.ts";
import type { JobQueue } from "../jobs/job.ts";
import type { Notifier } from "../notify/notification.ts";
import type { Pusher } from "../push/pusher.ts";
import type { AbuseLimits, WindowLimit } from "./abuse-limits.ts";
import type { AddressPseudonyms } from "./address-pseudonyms.ts";
import type { AttachmentFiles, ChatStore } from "./ports.ts";
import { ownerAvailability } from "./business-hours.ts";
import { log } from "./log.ts";
import { announcePresence, ownerReturned, type PresenceTimes } from "./presence.ts";
import { pushAndForget, pushToOwners } from "./push-and-forget.ts";
import type { TypingThrottle } from "./typing-throttle.ts";

/** The owner session an owner frame's token names, once its signature is checked. */
export interface OwnerSession {
  id: string;
  expiresAt: number;
}

/**
 * Session ids this container knows are over, so their tokens lose the owner's exemption from the
 * frame limits at no cost; at most `max`, the oldest forgotten first (a forgotten one is still
 * refused by its check, which costs a read).
 */
export class EndedSessions {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 10_000) {}

  add(id: string): void {
    if (this.ids.size >= this.max) this.ids.delete(this.ids.values().next().value!);
    this.ids.add(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/**
 * Who sent a frame, as the gateway saw it. The source address is kept in memory for the frame's
 * time only: what is stored or logged of it is a pseudonym (`addressSubject`, address-pseudonyms.ts).
 */
export interface FrameOrigin {
  connectionId: string;
  sourceIp: string;
}

/** Whether owner replies are emailed to visitors who miss them, and after how long. */
export interface ReplyEmailPolicy {
  enabled: boolean;
  delayS: number;
}

/** Where attachments go and what the site takes; null where the deploy has no bucket. */
export interface AttachmentDeps {
  files: AttachmentFiles;
  policy: AttachmentPolicy;
}

/** What the chat's rules work with: storage, pushes, notifications, the owner's secret, a clock. */
export interface ChatDeps {
  store: ChatStore;
  pusher: Pusher;
  /** Tells the owner about visitor messages while no owner connection is open. */
  notifier: Notifier;
  /** Where work that finishes later goes (erasing a deleted conversation's messages). */
  jobs: JobQueue;
  ownerPassword: string;
  /** The deployment's link key: opens the tokens of reply emails' links (`resume`). */
  linkKey: string;
  replyEmails: ReplyEmailPolicy;
  /** The `Reply-To` of the owner's notifications (backend/email/reply-address.ts). */
  replyAddresses: ReplyAddresses;
  /** Who answers, as the site configured it; sent in the visitor's `hello`. */
  ownerProfile: OwnerProfile;
  /** How long an owner who closed their last connection, or whose connection went quiet, still counts as online (presence.ts). */
  presenceTimes: PresenceTimes;
  /** Which `typing` frames are relayed (in memory, per warm function). */
  typing: TypingThrottle;
  /** The deployment owner tokens and conversation references are bound to. */
  scope: Scope;
  /** References to conversations for notifications' links (built on first use). */
  refs: () => ConversationRefs;
  /** The owner password's generation (backend/auth/session.ts), stamped on push devices (made on first use). */
  ownerEpoch: () => string;
  /** Sessions this container saw ended (`logout`, or a check that found none): their frames are not the owner's. */
  endedSessions: EndedSessions;
  limits: AbuseLimits;
  /** A stand-in push service `subscribe` also takes, `<host>:<port>` (`PORCH_PUSH_ALLOW`, the local stack's tests); none as deployed. */
  pushAllow: string | undefined;
  /** What source addresses become in keys and logs (a daily HMAC). */
  addresses: AddressPseudonyms;
  /** Days a conversation is kept after its last message (backend/chat/retention.ts); 0: until deleted. */
  retentionDays: number;
  attachments: AttachmentDeps | null;
  now: () => number;
}

/**
 * One frame being served: the chat's dependencies, who sent the frame, the time it is served at,
 * and the pushes every action shares.
 */
export class ActionContext {
  readonly store: ChatStore;
  readonly now: number;

  constructor(
    readonly deps: ChatDeps,
    readonly origin: FrameOrigin,
    /** The owner's session, for an owner frame (its signature checked; the chat checks it is kept). */
    readonly session: OwnerSession | null = null,
  ) {
    this.store = deps.store;
    this.now = deps.now();
  }

  /** The frame's owner session: only owner actions' handlers ask, and theirs always has one. */
  ownerSession(): OwnerSession {
    if (!this.session) throw new Error("an owner action served without its session");
    return this.session;
  }

  /**
   * Counts one event against a limit for `subject` in the current window of `limit` (one atomic
   * write): false, counting nothing, when the window is full.
   */
  takeLimit(name: string, subject: string, limit: WindowLimit): Promise<boolean> {
    const counter = this.limitCounter(name, subject, limit);
    return this.store.counters.take(counter.key, limit.max, counter.expiresAtMs);
  }

  /** The counter of a limit for `subject` in the current window: its key names all three. */
  limitCounter(name: string, subject: string, limit: WindowLimit): { key: string; expiresAtMs: number } {
    const windowStartMs = this.now - (this.now % limit.windowMs);
    return { key: `${name}#${subject}#${windowStartMs}`, expiresAtMs: windowStartMs + limit.windowMs };
  }

  /**
   * The counter of a limit for this frame's source address in the current window: the address is
   * named by its pseudonym with the key of the window's start, so one window is one counter.
   */
  addressCounter(name: string, limit: WindowLimit): { key: string; expiresAtMs: number } {
    const windowStartMs = this.now - (this.now % limit.windowMs);
    return this.limitCounter(name, this.deps.addresses.of(this.origin.sourceIp, windowStartMs), limit);
  }

  /**
   * Binds this connection to the owner (hello, ping), which renews its lease, and records the owner
   * as seen now; if visitors had been told the owner was away (or the last lease lapsed), every
   * open visitor connection is told they are back, unless it is outside the owner's business hours
   * (then they stay away). The owner-away job looks again once this lease would lapse
   * (presence.ts): a connection that ended without `$disconnect` stops counting then.
   */
  async bindOwner(): Promise<void> {
    const { jobs, presenceTimes } = this.deps;
    const [, before] = await Promise.all([
      this.store.connections.bind(this.origin.connectionId, { role: "owner", sessionId: this.ownerSession().id }, this.now),
      this.store.connections.ownerActive(this.now),
      // Not fatal to the frame: the next hello or ping schedules another.
      jobs.enqueue({ type: "owner-away", claim: randomUUID() }, { delaySeconds: presenceTimes.leaseS }).catch((error: unknown) => {
        log.warn("the owner's lease job was not enqueued", { error });
      }),
    ]);
    if (ownerReturned(before, this.now, presenceTimes.leaseS) && ownerAvailability(await this.store.hours.read(), this.now).open)
      await announcePresence({ connections: this.store.connections, pusher: this.deps.pusher }, { online: true, lastSeenAt: this.now });
  }

  /** Pushes a frame to the owner's connections other than this one. */
  async pushToOwners(frame: ServerFrame): Promise<void> {
    await pushToOwners(this.deps, this.deps.now(), frame, this.origin.connectionId);
  }

  /** The given connections without this frame's own. */
  others(connectionIds: readonly string[]): string[] {
    return connectionIds.filter((id) => id !== this.origin.connectionId);
  }

  /**
   * Pushes a frame; a connection the gateway reports gone loses its binding (`visitorId` says
   * whose they are, null for the owner's). Failures are logged, never thrown or retried.
   */
  pushAndForget(targets: readonly string[], frame: ServerFrame, visitorId: string | null): Promise<void> {
    return pushAndForget(this.deps, targets, frame, visitorId);
  }
}
