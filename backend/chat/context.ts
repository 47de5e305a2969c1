import type { AttachmentPolicy, OwnerProfile, ServerFrame } from "#protocol";
import type { ConversationRefs } from "../auth/conversation-ref.ts";
import type { Scope } from "../auth/session.ts";
import type { JobQueue } from "../jobs/job.ts";
import type { Notifier } from "../notify/notification.ts";
import type { Pusher } from "../push/pusher.ts";
import type { AbuseLimits, WindowLimit } from "./abuse-limits.ts";
import type { AttachmentFiles, Binding, ChatStore } from "./ports.ts";
import { log } from "./log.ts";
import { announcePresence } from "./presence.ts";
import type { TypingThrottle } from "./typing-throttle.ts";

/** Who sent a frame, as the gateway saw it. */
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
  /** Who answers, as the site configured it; sent in the visitor's `hello`. */
  ownerProfile: OwnerProfile;
  /** Seconds an owner who closed their last connection still counts as online (presence.ts). */
  awayGraceS: number;
  /** Which `typing` frames are relayed (in memory, per warm function). */
  typing: TypingThrottle;
  /** The deployment owner tokens and conversation references are bound to. */
  scope: Scope;
  /** References to conversations for notifications' links (built on first use). */
  refs: () => ConversationRefs;
  limits: AbuseLimits;
  attachments: AttachmentDeps | null;
  /** Whether `subscribe` takes `http://127.0.0.1` endpoints (the local stack's tests), not only https. */
  allowLoopbackPush: boolean;
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
  ) {
    this.store = deps.store;
    this.now = deps.now();
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
   * Binds this connection to the owner (hello, ping) and records the owner as seen now; if visitors
   * had been told the owner was away, every open visitor connection is told they are back.
   */
  async bindOwner(): Promise<void> {
    const [, cameBack] = await Promise.all([
      this.store.connections.bind(this.origin.connectionId, { role: "owner" }, this.now),
      this.store.connections.ownerActive(this.now),
    ]);
    if (cameBack)
      await announcePresence({ connections: this.store.connections, pusher: this.deps.pusher }, { online: true, lastSeenAt: this.now });
  }

  /** Pushes a frame to the owner's connections other than this one. */
  async pushToOwners(frame: ServerFrame): Promise<void> {
    const owners = await this.store.connections.ownerState(this.deps.now());
    await this.pushAndForget(this.others(owners.connections), frame, null);
  }

  /** The given connections without this frame's own. */
  others(connectionIds: readonly string[]): string[] {
    return connectionIds.filter((id) => id !== this.origin.connectionId);
  }

  /**
   * Pushes a frame; a connection the gateway reports gone loses its binding (`visitorId` says
   * whose they are, null for the owner's). Failures are logged, never thrown or retried.
   */
  async pushAndForget(targets: readonly string[], frame: ServerFrame, visitorId: string | null): Promise<void> {
    if (!targets.length) return;
    const results = await this.deps.pusher.push(targets, frame);
    const stale: Promise<void>[] = [];
    for (const result of results) {
      if (result.outcome === "delivered") {
        if (result.attempts > 1) {
          log.info("push delivered after a broken connection", { connectionId: result.connectionId, attempts: result.attempts });
        }
        continue;
      }
      log.warn("push not delivered", {
        connectionId: result.connectionId,
        outcome: result.outcome,
        reason: result.reason,
        attempts: result.attempts,
        frame: frame.type,
      });
      if (result.outcome !== "gone") continue;
      const binding: Binding = visitorId ? { role: "visitor", visitorId } : { role: "owner" };
      stale.push(this.store.connections.deleteBinding(result.connectionId, binding));
    }
    await Promise.allSettled(stale);
  }
}
