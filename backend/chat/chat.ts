import { randomUUID } from "node:crypto";
import { checkSession, issueSession, passwordMatches } from "../auth/session.ts";
import type {
  ChatMessage,
  ClientFrame,
  ConversationSummary,
  ErrorReply,
  OwnerRequest,
  Sender,
  ServerFrame,
  VisitorRequest,
} from "../protocol/frames.ts";
import { limits } from "../protocol/limits.ts";
import { ProtocolError, parseFrame } from "../protocol/validate.ts";
import type { Pusher } from "../push/pusher.ts";
import { type JobQueue, noJobQueue } from "../jobs/jobs.ts";
import { type Notifier, notifyQuietMs, silentNotifier } from "../notify/notification.ts";
import { profileOf, summaryOf } from "./head.ts";
import { log } from "./log.ts";
import { countThatFit, jsonBytes, longestCursor } from "./reply-size.ts";
import { type Binding, type ChatStore, type ConversationHead, InvalidCursorError, type Page } from "./ports.ts";

/** Who sent a frame, as the gateway saw it. */
export interface FrameOrigin {
  connectionId: string;
  sourceIp: string;
}

export interface ChatOptions {
  store: ChatStore;
  pusher: Pusher;
  ownerPassword: string;
  /** Tells the owner about visitor messages while no owner connection is open. */
  notifier?: Notifier;
  /** Where work that finishes later goes (erasing a deleted conversation's messages). */
  jobs?: JobQueue;
  now?: () => number;
}

type Reply = Exclude<ServerFrame, { type: "message" } | { type: "conversation" }>;

/**
 * The chat's rules: what each protocol action does, for visitors and for the owner.
 * Handlers turn gateway events into calls here; storage and pushes go through the store and pusher.
 */
export class Chat {
  private readonly store: ChatStore;
  private readonly pusher: Pusher;
  private readonly ownerPassword: string;
  private readonly notifier: Notifier;
  private readonly jobs: JobQueue;
  private readonly now: () => number;

  constructor(options: ChatOptions) {
    this.store = options.store;
    this.pusher = options.pusher;
    this.ownerPassword = options.ownerPassword;
    this.notifier = options.notifier ?? silentNotifier;
    this.jobs = options.jobs ?? noJobQueue;
    this.now = options.now ?? Date.now;
  }

  /** Serves one frame. Never throws: every failure becomes an `error` reply with a stable code. */
  async handleFrame(body: string, origin: FrameOrigin): Promise<Reply> {
    let rid: string | undefined;
    try {
      rid = ridOf(body);
      const frame = parseFrame(body);
      rid = frame.rid;
      return withRid(await this.serve(frame, origin), rid);
    } catch (error) {
      return errorReply(error, rid, origin);
    }
  }

  /** A connection closed: forget its binding; an owner's departure updates their "last seen". */
  async disconnect(connectionId: string): Promise<void> {
    const binding = await this.store.connections.unbind(connectionId);
    if (binding?.role === "owner") await this.store.connections.touchOwner(this.now());
  }

  private serve(frame: ClientFrame, origin: FrameOrigin): Promise<Reply> {
    if (frame.action === "login") return this.login(frame.password, origin);
    if ("token" in frame) return this.serveOwner(frame, origin);
    return this.serveVisitor(frame, origin);
  }

  // ---- visitors ----

  private async serveVisitor(frame: VisitorRequest, origin: FrameOrigin): Promise<Reply> {
    const now = this.now();
    const { visitorId } = frame;
    switch (frame.action) {
      case "hello": {
        const [head, owner] = await Promise.all([
          this.store.touchVisitor(visitorId, now),
          this.store.connections.ownerState(now),
          this.store.connections.bind(origin.connectionId, { role: "visitor", visitorId }, now),
        ]);
        return {
          type: "hello",
          serverTime: now,
          owner: { online: owner.connections.length > 0, lastSeenAt: owner.lastSeenAt },
          visitor: head ? profileOf(head) : null,
        };
      }
      case "ping":
        await this.store.connections.bind(origin.connectionId, { role: "visitor", visitorId }, now);
        return { type: "pong", serverTime: now };
      case "register": {
        const { nickname, email } = frame;
        const head = await this.store.register(
          visitorId,
          { ...(nickname === undefined ? {} : { nickname }), ...(email === undefined ? {} : { email }) },
          now,
        );
        return { type: "registered", visitor: profileOf(head) };
      }
      case "list":
        return this.history(visitorId, frame.before, frame.limit);
      case "send":
        return this.send({ visitorId, id: frame.id, text: frame.text, from: "visitor" }, origin);
    }
  }

  // ---- the owner ----

  private async serveOwner(frame: OwnerRequest, origin: FrameOrigin): Promise<Reply> {
    const now = this.now();
    const session = checkSession(frame.token, this.ownerPassword, now);
    if (!session.ok) {
      throw new ProtocolError(
        "unauthorized",
        session.reason === "expired" ? "your session has expired: sign in again" : "invalid session token",
      );
    }
    switch (frame.action) {
      case "hello": {
        const [page, unreadTotal] = await Promise.all([
          this.store.inbox(undefined),
          this.store.unreadTotal(),
          this.bindOwner(origin, now),
        ]);
        return fittedInbox({ type: "hello", serverTime: now, unreadTotal }, page);
      }
      case "ping":
        await this.bindOwner(origin, now);
        return { type: "pong", serverTime: now };
      case "inbox": {
        return fittedInbox({ type: "inbox" }, await this.store.inbox(frame.cursor));
      }
      case "read": {
        const head = await this.store.markRead(frame.visitorId);
        if (!head) throw new ProtocolError("not_found", "no such conversation");
        await this.pushToOwners(origin, { type: "conversation", conversation: summaryOf(head) });
        return { type: "read", visitorId: frame.visitorId };
      }
      case "block":
      case "unblock": {
        const blocked = frame.action === "block";
        const head = await this.store.setBlocked(frame.visitorId, blocked, now);
        if (head) await this.pushToOwners(origin, { type: "conversation", conversation: summaryOf(head) });
        return { type: "blocked", visitorId: frame.visitorId, blocked };
      }
      case "delete": {
        // Hidden from every reader at once; its messages are erased by a job, in bounded runs.
        const cleared = await this.store.clearConversation(frame.visitorId, now);
        if (!cleared) throw new ProtocolError("not_found", "no such conversation");
        // Also for a conversation already cleared: a delete whose job was lost is finished this way.
        await this.jobs.enqueue({ type: "sweep-conversation", visitorId: frame.visitorId, clearedAt: cleared.clearedAt });
        if (!cleared.cleared) throw new ProtocolError("not_found", "no such conversation");
        const deleted = { type: "deleted", visitorId: frame.visitorId } as const;
        await Promise.all([
          this.pushAndForget(cleared.visitorConnections, deleted, frame.visitorId),
          this.pushToOwners(origin, deleted),
        ]);
        return deleted;
      }
      case "list":
        return this.history(frame.visitorId, frame.before, frame.limit);
      case "send":
        return this.send({ visitorId: frame.visitorId, id: frame.id, text: frame.text, from: "owner" }, origin);
    }
  }

  /** Binds an owner connection (hello, ping) and records the owner as seen now. */
  private async bindOwner(origin: FrameOrigin, now: number): Promise<void> {
    await Promise.all([
      this.store.connections.bind(origin.connectionId, { role: "owner" }, now),
      this.store.connections.touchOwner(now),
    ]);
  }

  private async login(password: string, origin: FrameOrigin): Promise<Reply> {
    const now = this.now();
    if ((await this.store.loginThrottle.failures(origin.sourceIp, now)) >= limits.loginFailuresMax) {
      throw new ProtocolError("rate_limited", "too many wrong passwords: try again in 15 minutes");
    }
    if (!passwordMatches(password, this.ownerPassword)) {
      await this.store.loginThrottle.recordFailure(origin.sourceIp, now);
      throw new ProtocolError("unauthorized", "wrong password");
    }
    const session = issueSession(this.ownerPassword, now);
    return { type: "session", token: session.token, expiresAt: session.expiresAt };
  }

  // ---- shared ----

  private async history(visitorId: string, before: string | undefined, limit: number | undefined): Promise<Reply> {
    const page = await this.store.history(visitorId, before, limit ?? limits.historyDefaultLimit);
    // The newest messages that fit in one reply; the rest come with the next page.
    const rest = jsonBytes({ type: "history", visitorId, messages: [], more: true, cursor: longestCursor });
    const kept = countThatFit(page.entries.map((entry) => entry.item), rest, "end");
    const entries = page.entries.slice(page.entries.length - kept);
    const more = page.more || kept < page.entries.length;
    return {
      type: "history",
      visitorId,
      messages: entries.map((entry) => entry.item),
      more,
      cursor: more && entries[0] ? entries[0].cursor : null,
    };
  }

  /**
   * Stores a message exactly once and pushes it once, however many copies of the frame arrive:
   * 1. one read of the conversation's timeline (rate limit, connections, head) and one of the owner's;
   * 2. a conditional put keyed by the message id (a copy finds the stored message instead);
   * 3. a conditional update of the head, which applies it once however many copies try, and
   *    never to a conversation deleted since the message was sent;
   * 4. a conditional claim of the message, which exactly one copy wins: that copy pushes, and
   *    later resends find the message applied and are answered without side effects.
   */
  private async send(
    request: { visitorId: string; id: string; text: string; from: Sender },
    origin: FrameOrigin,
  ): Promise<Reply> {
    const now = this.now();
    const [context, owner] = await Promise.all([
      this.store.sendContext(request.visitorId, now - limits.visitorRateWindowMs, now),
      this.store.connections.ownerState(now),
    ]);
    if (request.from === "owner" && !context.conversationExists) {
      throw new ProtocolError("not_found", "no such conversation");
    }
    if (request.from === "visitor" && context.blocked) {
      throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
    }

    let message: ChatMessage = {
      id: request.id,
      visitorId: request.visitorId,
      from: request.from,
      text: request.text,
      sentAt: now,
    };
    const recentFromVisitor = context.recentMessages.filter(
      (recent) => recent.from === "visitor" && recent.id !== request.id,
    );
    const overRate = request.from === "visitor" && recentFromVisitor.length >= limits.visitorRateMax;

    const put = await this.store.putMessage(message);
    if (!put.created) {
      const stored = put.existing;
      if (stored.text !== request.text || stored.from !== request.from) {
        throw new ProtocolError("bad_request", "this message id was already used for another message");
      }
      if (put.applied) return { type: "sent", message: stored };
      message = stored;
    }
    if (overRate) {
      await this.store.deleteUnappliedMessage(message);
      throw new ProtocolError("rate_limited", "you are sending messages too fast: wait a minute");
    }

    const applied = await this.store.applyMessage(message);
    if (applied.outcome === "cleared") {
      // The owner deleted the conversation while this message was on its way: it goes too.
      await this.store.deleteUnappliedMessage(message);
      throw new ProtocolError(
        "not_found",
        request.from === "owner"
          ? "no such conversation: it was deleted"
          : "this conversation was deleted as you wrote: send your message again to start a new one",
      );
    }
    if (!(await this.store.claimMessage(message, randomUUID()))) return { type: "sent", message };
    // This copy pushes. If another copy (or this one's lost first attempt) updated the head, read it.
    const head = applied.outcome === "applied" ? applied.head : await this.store.head(message.visitorId);
    if (!head) return { type: "sent", message }; // deleted by the owner meanwhile
    const notify = message.from === "visitor" && owner.connections.length === 0 && (await this.claimNotification(message, head));

    const conversation = summaryOf(head);
    const notified = notify ? this.notifyOwner(message, head) : Promise.resolve();
    const others = (ids: string[]) => ids.filter((id) => id !== origin.connectionId);
    await Promise.all([
      this.pushAndForget(others(context.visitorConnections), { type: "message", message }, message.visitorId),
      this.pushAndForget(others(owner.connections), { type: "message", message, conversation }, null),
      notified,
    ]);
    return request.from === "owner" ? { type: "sent", message, conversation } : { type: "sent", message };
  }

  /**
   * The owner, away, hears of the first visitor message of a burst: one per `notifyQuietMs`,
   * however many messages race (the store's claim is conditional). The head says when the last
   * notification went out, so the rest of a burst costs no claim.
   */
  private async claimNotification(message: ChatMessage, head: ConversationHead): Promise<boolean> {
    const quietSinceMs = message.sentAt - notifyQuietMs;
    if (head.notifiedAt !== undefined && head.notifiedAt >= quietSinceMs) return false;
    return this.store.claimNotification(message.visitorId, message.id, message.sentAt, quietSinceMs);
  }

  private async notifyOwner(message: ChatMessage, head: ConversationHead): Promise<void> {
    try {
      await this.notifier.notify({ conversation: summaryOf(head), message });
    } catch (error) {
      log.warn("owner notification not queued", { messageId: message.id, error });
    }
  }

  private async pushToOwners(origin: FrameOrigin, frame: ServerFrame): Promise<void> {
    const owners = await this.store.connections.ownerState(this.now());
    await this.pushAndForget(
      owners.connections.filter((id) => id !== origin.connectionId),
      frame,
      null,
    );
  }

  /**
   * Pushes a frame; a connection the gateway reports gone loses its binding (`visitorId` says
   * whose they are, null for the owner's). Failures are logged, never thrown or retried.
   */
  private async pushAndForget(targets: string[], frame: ServerFrame, visitorId: string | null): Promise<void> {
    if (!targets.length) return;
    const results = await this.pusher.push(targets, frame);
    const stale: Promise<void>[] = [];
    for (const result of results) {
      if (result.outcome === "delivered") {
        if (result.attempts > 1) log.info("push delivered after a broken connection", { connectionId: result.connectionId, attempts: result.attempts });
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

/**
 * A reply carrying an inbox page: the first rows that fit in one message (all of them, unless
 * names, emails and previews are at their longest in the worst characters), and the cursor after
 * the last row sent if more follow.
 */
function fittedInbox<T extends object>(
  reply: T,
  page: Page<ConversationSummary>,
): T & { conversations: ConversationSummary[]; cursor: string | null } {
  const rest = jsonBytes({ ...reply, conversations: [], cursor: longestCursor });
  const entries = page.entries.slice(0, countThatFit(page.entries.map((entry) => entry.item), rest, "start"));
  const more = page.more || entries.length < page.entries.length;
  const last = entries.at(-1);
  return { ...reply, conversations: entries.map((entry) => entry.item), cursor: more && last ? last.cursor : null };
}

function withRid(reply: Reply, rid: string | undefined): Reply {
  return rid === undefined ? reply : { ...reply, rid };
}

/** Best-effort `rid` of a frame that may not parse, so even a bad frame's error can be matched. */
function ridOf(body: string): string | undefined {
  try {
    const raw: unknown = JSON.parse(body);
    const rid = raw && typeof raw === "object" ? (raw as { rid?: unknown }).rid : undefined;
    return typeof rid === "string" && rid.length <= limits.ridMaxChars ? rid : undefined;
  } catch {
    return undefined;
  }
}

function errorReply(error: unknown, rid: string | undefined, origin: FrameOrigin): ErrorReply {
  const reply: ErrorReply =
    error instanceof ProtocolError
      ? { type: "error", code: error.code, message: error.message }
      : error instanceof InvalidCursorError
        ? { type: "error", code: "bad_request", message: error.message }
        : { type: "error", code: "internal", message: "something went wrong on our side: please try again" };
  if (reply.code === "internal") log.error("frame failed", { connectionId: origin.connectionId, error });
  return rid === undefined ? reply : { ...reply, rid };
}
