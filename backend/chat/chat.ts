import { randomUUID } from "node:crypto";
import {
  type ActionName,
  type ErrorReply,
  type OwnerProfile,
  type ParsedFrame,
  ProtocolError,
  type ReplyOf,
  actions,
  limits,
  parseFrame,
} from "#protocol";
import { ConversationRefs } from "../auth/conversation-ref.ts";
import { type Scope, checkSession, ownerEpoch } from "../auth/session.ts";
import { type JobQueue, noJobQueue } from "../jobs/job.ts";
import { type Notifier, silentNotifier } from "../notify/notification.ts";
import type { Pusher } from "../push/pusher.ts";
import { type ChatStore, InvalidCursorError } from "./ports.ts";
import { type AbuseLimits, defaultAbuseLimits } from "./abuse-limits.ts";
import { AddressPseudonyms } from "./address-pseudonyms.ts";
import type { ActionHandler } from "./action-handler.ts";
import { handlers, readOnlyOwnerActions } from "./actions/index.ts";
import {
  ActionContext,
  type AttachmentDeps,
  type ChatDeps,
  EndedSessions,
  type FrameOrigin,
  type OwnerSession,
  type ReplyEmailPolicy,
} from "./context.ts";
import { type EmailAnswer, type EmailAnswerOutcome, receiveEmailAnswer } from "./email-answer.ts";
import { FrameGate } from "./frame-gate.ts";
import { log } from "./log.ts";
import { defaultOwnerLeaseS } from "./owner-lease.ts";
import { defaultAwayGraceS, type PresenceTimes } from "./presence.ts";
import { defaultRetentionDays } from "./retention.ts";
import { TypingThrottle } from "./typing-throttle.ts";

export type { FrameOrigin } from "./context.ts";

export interface ChatOptions {
  store: ChatStore;
  pusher: Pusher;
  ownerPassword: string;
  /** The deployment (SST's app and stage) owner tokens are valid for. Default: porch, local. */
  scope?: Scope;
  /** Tells the owner about visitor messages while no owner connection is open. */
  notifier?: Notifier;
  /** Where work that finishes later goes (erasing a deleted conversation's messages, reply emails, the owner's departure, digests). */
  jobs?: JobQueue;
  /** Opens reply emails' link tokens (`resume`); without it every link is refused. */
  linkKey?: string;
  /** Default: off. */
  replyEmails?: ReplyEmailPolicy;
  /** Where answers to Porch's emails are received (`PORCH_INBOUND_DOMAIN`); none: notifications carry no `Reply-To`. */
  inboundDomain?: string;
  /** Who answers (name, avatar, reply time), sent in the visitor's `hello`; none by default. */
  ownerProfile?: OwnerProfile;
  /**
   * Seconds before visitors hear that the owner left (default 15: a reload is no news), and that an
   * owner connection counts as alive after its last hello or ping (default 300; owner-lease.ts).
   */
  presenceTimes?: Partial<PresenceTimes>;
  /** Limits other than the defaults (backend/chat/abuse-limits.ts). */
  limits?: Partial<AbuseLimits>;
  /** A stand-in push service `subscribe` also takes: `<host>:<port>` (tests). Default: the browsers' push services only. */
  pushAllow?: string;
  /** Days a conversation is kept after its last message, said in `hello` (backend/chat/retention.ts). Default 365. */
  retentionDays?: number;
  /** The attachments' bucket and what the site takes; none: `upload` is refused. */
  attachments?: AttachmentDeps | null;
  now?: () => number;
}

/** What `handleFrame` answers: the action's reply, or an error. */
export type FrameReply = ReplyOf<ActionName> | ErrorReply;

/**
 * The chat's rules: parses each frame against the protocol's declarations (protocol/actions/),
 * checks the owner's session for owner actions, and runs the action's handler
 * (backend/chat/actions/). Handlers turn gateway events into calls here.
 */
export class Chat {
  private readonly deps: ChatDeps;
  private readonly gate: FrameGate;
  /** Connections this container has closed for their frame rate, so it asks once. */
  private readonly closing = new Set<string>();

  constructor(options: ChatOptions) {
    const scope = options.scope ?? { app: "porch", stage: "local" };
    let refs: ConversationRefs | undefined;
    let epoch: string | undefined;
    this.deps = {
      store: options.store,
      pusher: options.pusher,
      ownerPassword: options.ownerPassword,
      scope,
      refs: () => (refs ??= new ConversationRefs(options.ownerPassword, scope)),
      ownerEpoch: () => (epoch ??= ownerEpoch(options.ownerPassword, scope)),
      endedSessions: new EndedSessions(),
      notifier: options.notifier ?? silentNotifier,
      jobs: options.jobs ?? noJobQueue,
      linkKey: options.linkKey ?? "",
      replyEmails: options.replyEmails ?? { enabled: false, delayS: 180 },
      replyAddresses: { linkKey: options.linkKey ?? "", domain: options.inboundDomain ?? "" },
      ownerProfile: options.ownerProfile ?? { name: null, avatar: null, replyTime: null },
      presenceTimes: { graceS: defaultAwayGraceS, leaseS: defaultOwnerLeaseS, ...options.presenceTimes },
      typing: new TypingThrottle(),
      limits: { ...defaultAbuseLimits, ...options.limits },
      pushAllow: options.pushAllow,
      addresses: AddressPseudonyms.forDeployment(options.linkKey ?? "", options.ownerPassword),
      retentionDays: options.retentionDays ?? defaultRetentionDays,
      attachments: options.attachments ?? null,
      now: options.now ?? Date.now,
    };
    const { addresses } = this.deps;
    this.gate = new FrameGate(
      this.deps.limits,
      this.deps.store.counters,
      (error) => log.warn("shared frame count failed", { error }),
      (address, atMs) => addresses.of(address, atMs),
    );
  }

  /**
   * Serves one frame. Never throws: every failure becomes an `error` reply with a stable code.
   * Before anything else, the frame-rate limits (frame-gate.ts): a frame over them costs nothing
   * more, and its connection is closed. The signed-in owner's frames are exempt.
   */
  async handleFrame(body: string, origin: FrameOrigin): Promise<FrameReply> {
    const peeked = peek(body);
    const nowMs = this.deps.now();
    let shared: Promise<void> | undefined;
    if (!this.isOwner(peeked.token, nowMs)) {
      const verdict = this.gate.admitFrame(origin.connectionId, origin.sourceIp, nowMs);
      if (verdict.over) {
        await this.close(origin);
        const refused: ErrorReply = { type: "error", code: "rate_limited", message: "too many frames: this connection is closed" };
        return withRid(refused, peeked.rid);
      }
      shared = verdict.shared?.then((over) => (over ? this.close(origin) : undefined));
    }
    const [reply] = await Promise.all([this.answer(body, origin), shared]);
    return reply;
  }

  private async answer(body: string, origin: FrameOrigin): Promise<FrameReply> {
    let rid: string | undefined;
    try {
      rid = ridOf(body);
      const parsed = parseFrame(body);
      rid = parsed.frame.rid;
      return withRid(await this.serve(parsed, origin), rid);
    } catch (error) {
      return errorReply(error, rid, origin);
    }
  }

  /**
   * Whether a frame's `token` is the signed-in owner's, for the frame limits: its signature, and
   * not a session this container saw end (no read; the frame's own check comes later).
   */
  private isOwner(token: unknown, nowMs: number): boolean {
    if (typeof token !== "string") return false;
    const session = checkSession(token, this.deps.ownerPassword, this.deps.scope, nowMs);
    return session.ok && !this.deps.endedSessions.has(session.id);
  }

  /** Closes a connection over its frame rate through the management API, once per container. */
  private async close(origin: FrameOrigin): Promise<void> {
    if (this.closing.has(origin.connectionId)) return;
    if (this.closing.size >= 10_000) this.closing.clear();
    this.closing.add(origin.connectionId);
    log.warn("connection closed for its frame rate", {
      connectionId: origin.connectionId,
      address: this.deps.addresses.of(origin.sourceIp, this.deps.now()),
    });
    await this.deps.pusher.disconnect(origin.connectionId);
  }

  /**
   * A connection closed: forget its binding. An owner's departure updates their "last seen", and a
   * job looks again after the grace period: if no owner connection opened meanwhile, visitors are
   * told the owner is away (backend/chat/presence.ts).
   */
  async disconnect(connectionId: string): Promise<void> {
    const { connections } = this.deps.store;
    const binding = await connections.unbind(connectionId);
    if (binding?.role !== "owner") return;
    await connections.ownerLeft(this.deps.now());
    await this.deps.jobs.enqueue({ type: "owner-away", claim: randomUUID() }, { delaySeconds: this.deps.presenceTimes.graceS });
  }

  /**
   * An answer by email (backend/inbound/receive.ts): stored and pushed as a `send` of its side
   * would be. Its origin is no connection: every tab of the other side is pushed to.
   */
  receiveEmailAnswer(answer: EmailAnswer): Promise<EmailAnswerOutcome> {
    return receiveEmailAnswer(new ActionContext(this.deps, { connectionId: "email", sourceIp: "" }), answer);
  }

  private async serve({ name, frame }: ParsedFrame, origin: FrameOrigin): Promise<ReplyOf<ActionName>> {
    const handler = handlers[name] as ActionHandler<ActionName>;
    if (actions[name].caller !== "owner") return handler(frame, new ActionContext(this.deps, origin));
    const session = this.authorizeOwner((frame as { token: string }).token, this.deps.now());
    const context = new ActionContext(this.deps, origin, session);
    const kept = this.sessionKept(session, context.now);
    if (!readOnlyOwnerActions.has(name)) {
      await kept;
      return handler(frame, context);
    }
    // A read runs beside the check (one round trip for both); nothing of it, not even its error,
    // is answered unless the session is kept.
    const [reply, check] = await Promise.allSettled([handler(frame, context), kept]);
    if (check.status === "rejected") throw check.reason;
    if (reply.status === "rejected") throw reply.reason;
    return reply.value;
  }

  /** The token's signature, and the session it names (or `unauthorized`). */
  private authorizeOwner(token: string, now: number): OwnerSession {
    const session = checkSession(token, this.deps.ownerPassword, this.deps.scope, now);
    if (session.ok) return { id: session.id, expiresAt: session.expiresAt };
    throw new ProtocolError(
      "unauthorized",
      session.reason === "expired" ? "your session has expired: sign in again" : "invalid session token",
    );
  }

  /** Resolves if the session is still kept (not ended by `logout`), else throws `unauthorized`. */
  private async sessionKept(session: OwnerSession, now: number): Promise<void> {
    if (!this.deps.endedSessions.has(session.id) && (await this.deps.store.sessions.isLive(session.id, now))) return;
    this.deps.endedSessions.add(session.id);
    throw new ProtocolError("unauthorized", "this session has ended: sign in again");
  }
}

function withRid<R extends { rid?: string }>(reply: R, rid: string | undefined): R {
  return rid === undefined ? reply : { ...reply, rid };
}

/** Best-effort `rid` and `token` of a frame that may not parse, so even a bad frame's error can be matched. */
function peek(body: string): { rid: string | undefined; token: unknown } {
  try {
    const raw: unknown = JSON.parse(body);
    const fields = raw && typeof raw === "object" ? (raw as { rid?: unknown; token?: unknown }) : {};
    const rid = typeof fields.rid === "string" && fields.rid.length <= limits.ridMaxChars ? fields.rid : undefined;
    return { rid, token: fields.token };
  } catch {
    return { rid: undefined, token: undefined };
  }
}

const ridOf = (body: string) => peek(body).rid;

function errorReply(error: unknown, rid: string | undefined, origin: FrameOrigin): ErrorReply {
  const reply: ErrorReply =
    error instanceof ProtocolError
      ? { type: "error", code: error.code, message: error.message }
      : error instanceof InvalidCursorError
        ? { type: "error", code: "bad_request", message: error.message }
        : { type: "error", code: "internal", message: "something went wrong on our side: please try again" };
  if (reply.code === "internal") log.error("frame failed", { connectionId: origin.connectionId, error });
  return withRid(reply, rid);
}
