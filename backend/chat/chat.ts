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
} from "../../protocol/index.ts";
import { checkSession } from "../auth/session.ts";
import { type JobQueue, noJobQueue } from "../jobs/jobs.ts";
import { type Notifier, silentNotifier } from "../notify/notification.ts";
import type { Pusher } from "../push/pusher.ts";
import { type ChatStore, InvalidCursorError } from "./ports.ts";
import type { ActionHandler } from "./action-handler.ts";
import { handlers } from "./actions/index.ts";
import { ActionContext, type ChatDeps, type FrameOrigin, type ReplyEmailPolicy } from "./context.ts";
import { log } from "./log.ts";
import { defaultAwayGraceS } from "./presence.ts";
import { TypingThrottle } from "./typing-throttle.ts";

export type { FrameOrigin } from "./context.ts";

export interface ChatOptions {
  store: ChatStore;
  pusher: Pusher;
  ownerPassword: string;
  /** Tells the owner about visitor messages while no owner connection is open. */
  notifier?: Notifier;
  /** Where work that finishes later goes (erasing a deleted conversation's messages, reply emails, the owner's departure). */
  jobs?: JobQueue;
  /** Opens reply emails' link tokens (`resume`); without it every link is refused. */
  linkKey?: string;
  /** Default: off. */
  replyEmails?: ReplyEmailPolicy;
  /** Who answers (name, avatar, reply time), sent in the visitor's `hello`; none by default. */
  ownerProfile?: OwnerProfile;
  /** Seconds before visitors hear that the owner left (default 15: a reload is no news). */
  awayGraceS?: number;
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

  constructor(options: ChatOptions) {
    this.deps = {
      store: options.store,
      pusher: options.pusher,
      ownerPassword: options.ownerPassword,
      notifier: options.notifier ?? silentNotifier,
      jobs: options.jobs ?? noJobQueue,
      linkKey: options.linkKey ?? "",
      replyEmails: options.replyEmails ?? { enabled: false, delayS: 180 },
      ownerProfile: options.ownerProfile ?? { name: null, avatar: null, replyTime: null },
      awayGraceS: options.awayGraceS ?? defaultAwayGraceS,
      typing: new TypingThrottle(),
      now: options.now ?? Date.now,
    };
  }

  /** Serves one frame. Never throws: every failure becomes an `error` reply with a stable code. */
  async handleFrame(body: string, origin: FrameOrigin): Promise<FrameReply> {
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
   * A connection closed: forget its binding. An owner's departure updates their "last seen", and a
   * job looks again after the grace period: if no owner connection opened meanwhile, visitors are
   * told the owner is away (backend/chat/presence.ts).
   */
  async disconnect(connectionId: string): Promise<void> {
    const { connections } = this.deps.store;
    const binding = await connections.unbind(connectionId);
    if (binding?.role !== "owner") return;
    const activity = await connections.ownerLeft(this.deps.now());
    await this.deps.jobs.enqueue({ type: "owner-away", activity, claim: randomUUID() }, { delaySeconds: this.deps.awayGraceS });
  }

  private serve({ name, frame }: ParsedFrame, origin: FrameOrigin): Promise<ReplyOf<ActionName>> {
    const context = new ActionContext(this.deps, origin);
    if (actions[name].caller === "owner") this.authorizeOwner((frame as { token: string }).token, context.now);
    const handler = handlers[name] as ActionHandler<ActionName>;
    return handler(frame, context);
  }

  private authorizeOwner(token: string, now: number): void {
    const session = checkSession(token, this.deps.ownerPassword, now);
    if (session.ok) return;
    throw new ProtocolError(
      "unauthorized",
      session.reason === "expired" ? "your session has expired: sign in again" : "invalid session token",
    );
  }
}

function withRid<R extends { rid?: string }>(reply: R, rid: string | undefined): R {
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
  return withRid(reply, rid);
}
