import type { ReactiveController, ReactiveControllerHost } from "lit";
import {
  type Attachment,
  type AttachmentPolicy,
  type ChatMessage,
  type EmailReplies,
  type OwnerPresence,
  type OwnerProfile,
  type VisitorProfile,
  limits,
} from "#protocol";
import { PorchServerError } from "../connection/errors.ts";
import { PorchConnection } from "../connection/porch-connection.ts";
import { randomId } from "../shared/random-id.ts";
import { MessageTimeline, problemOf, type HistoryPager, type ProblemReport, type ShownMessage } from "../shared/timeline.ts";
import { resumeFragment } from "./returning-visitor.ts";
import { VisitorIdentity } from "./visitor-identity.ts";
import type { Whereabouts } from "./whereabouts.ts";

export interface VisitorSessionOptions {
  /** The WebSocket endpoint, read at every connect. */
  endpoint: () => string;
  /** A message the conversation did not have arrived (not during the first history load). */
  onMessage?: (message: ChatMessage) => void;
  /** The page and locale each message says it was written from. */
  whereabouts?: () => Whereabouts;
  /**
   * A reply email's link was opened on this page: it worked (`failure` null; also said before the
   * link is used, when it waits for the visitor's consent) or why it did not.
   */
  onResume?: (failure: ResumeFailure | null) => void;
  /** Milliseconds between pings, which also notice a lost push (default 4 minutes). */
  pingIntervalMs?: () => number | undefined;
  /** Whether the session may store and connect: false on a consent-first site until the visitor accepts (default true). */
  mayStore?: () => boolean;
}

/** Why a reply email's link did not open its conversation. */
export type ResumeFailure = "expired" | "invalid" | "gone";

/** A typing indicator stays this long after the last `typing` push, unless the message comes first. */
const typingShownMs = 2 * limits.typingIntervalMs;

/**
 * The visitor's side of one conversation, as a reactive controller of `<porch-chat>`: identity,
 * connection, history (merged by message id, so nothing shows twice), optimistic sends, presence.
 * Like Lit's `Task`, it takes its host and an options object: `new VisitorSession(this, {endpoint})`.
 */
export class VisitorSession implements ReactiveController {
  readonly identity = new VisitorIdentity();
  readonly connection: PorchConnection<"visitor", "visitorId">;
  owner: OwnerPresence | null = null;
  /** Server clock minus this clock, from the last hello; "last seen" is computed on server time. */
  clockSkewMs = 0;
  profile: VisitorProfile | null = null;
  /** The last failure that is not about one message (register, history). */
  problem: ProblemReport | null = null;
  /** The newest of the visitor's messages the owner has read, by id (from hello and `seen` pushes). */
  ownerSeenUpTo: string | null = null;
  /** Whether the site emails replies the visitor misses, and whether their address was unsubscribed (from hello). */
  emailReplies: EmailReplies | null = null;
  /** Whether the recipient of the visitor's address confirmed it (from hello and `registered`). */
  emailConfirmed = false;
  /**
   * A reply email's link named another conversation than the one this browser holds: it is
   * followed only if the visitor says so (`switchTo`), never silently.
   */
  linkedConversation: string | null = null;
  /** The visitor id the connection said hello with. */
  private helloVisitorId: string | null = null;
  /** Why the last reply email link opened on this page did not work. */
  resumeFailure: ResumeFailure | null = null;
  /** A reply email link's token, read from the address bar, to exchange before hello. */
  private resumeToken: string | null = null;
  /** Who answers (from hello), or null before it. */
  ownerProfile: OwnerProfile | null = null;
  /** Days a conversation is kept after its last message (from hello; 0: until deleted), or null before it. */
  retentionDays: number | null = null;
  /** What the site takes as attachments (from hello); none where it takes none, or before hello. */
  attachmentPolicy?: AttachmentPolicy | undefined;
  /** Whether the owner is writing a reply (a `typing` push in the last few seconds). */
  ownerTyping = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** When this tab last said the visitor is typing. */
  private typingSaidAt = 0;
  /** The retry of rate-limited messages once the rate window has passed. */
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The newest owner message shown to the visitor that the server has been told of (or is being told). */
  private seenSent: string | null = null;
  /** The newest owner message shown while the connection could not say so yet. */
  private seenPending: string | null = null;

  /** The conversation's messages, in history order. */
  readonly timeline = new MessageTimeline();
  /** Reads a page of the conversation's history (`list`), newest first. */
  readonly historyPage: HistoryPager = (before) => this.connection.request({ action: "list", ...(before === undefined ? {} : { before }) });
  private readonly storageChanged = (event: StorageEvent) => {
    if (!VisitorIdentity.changedBy(event)) return;
    // Another tab started a conversation (or read a reply, or switched conversations): follow it.
    if (this.helloVisitorId && this.identity.visitorId !== this.helloVisitorId) this.follow();
    if (this.identity.started && this.mayStore) this.connection.start();
    this.host.requestUpdate();
  };
  /**
   * A tab shown again may now show a reply to the visitor: the host re-renders and says so, and
   * the server is asked whether a push was lost while the tab was in the background.
   */
  private readonly visibilityChanged = () => {
    if (document.visibilityState === "visible") {
      this.host.requestUpdate();
      this.connection.check();
    }
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VisitorSessionOptions,
  ) {
    host.addController(this);
    this.connection = new PorchConnection(host, {
      url: options.endpoint,
      credentials: () => ({ visitorId: this.identity.visitorId ?? "" }),
      onOpen: () => this.sayHello(),
      pingIntervalMs: options.pingIntervalMs,
      // The newest stored message is not here, or fewer than the conversation has: a push was
      // lost, fetch what is missing. None at all while this page shows stored ones: the
      // conversation was deleted, its push lost.
      onPong: ({ latest, count }) => {
        if (!latest) {
          if (this.timeline.messages.some((message) => message.sentAt)) this.forgetHistory();
        } else if (!this.timeline.get(latest.id) || this.timeline.misses(count)) void this.catchUp();
      },
      onPush: (frame) => {
        if (frame.type === "message") this.merge([frame.message]);
        // The owner erased this conversation: so does the widget.
        if (frame.type === "deleted") this.forgetHistory(frame.clearedAt);
        if (frame.type === "seen" && "by" in frame && frame.by === "owner") this.ownerSeenUpTo = frame.upTo;
        // The owner came or went: the header and the away text follow.
        if (frame.type === "presence") this.owner = frame.owner;
        if (frame.type === "typing" && "from" in frame && frame.from === "owner") this.showOwnerTyping(true);
        this.host.requestUpdate();
      },
    });
  }

  hostConnected(): void {
    addEventListener("storage", this.storageChanged);
    document.addEventListener("visibilitychange", this.visibilityChanged);
    this.takeResumeToken();
    // Before a consent-first site's Accept nothing connects and nothing is resent; a reply email's
    // link is kept for after it (the panel opens on the notice).
    if (!this.mayStore) return void (this.resumeToken && this.options.onResume?.(null));
    // A returning visitor with a conversation connects at load so replies are caught.
    if (this.identity.started || this.resumeToken) this.connection.start();
    // Messages written before a reload that the server never confirmed go out again.
    const visitorId = this.identity.visitorId;
    if (!visitorId) return;
    for (const { id, text } of this.identity.unsent) {
      const message: ShownMessage = { id, visitorId, from: "visitor", text, sentAt: null, status: "pending" };
      this.put(message);
      this.connection.start();
      this.deliver(message);
    }
  }

  private get mayStore(): boolean {
    return this.options.mayStore?.() ?? true;
  }

  hostDisconnected(): void {
    removeEventListener("storage", this.storageChanged);
    document.removeEventListener("visibilitychange", this.visibilityChanged);
    clearTimeout(this.typingTimer);
    clearTimeout(this.retryTimer);
  }

  private showOwnerTyping(typing: boolean): void {
    this.ownerTyping = typing;
    clearTimeout(this.typingTimer);
    if (typing) this.typingTimer = setTimeout(() => this.showOwnerTyping(false), typingShownMs);
    this.host.requestUpdate();
  }

  /** The visitor is writing: the owner hears of it, at most once per `limits.typingIntervalMs`, once there is a conversation. */
  typing(): void {
    const now = Date.now();
    if (this.connection.state !== "online" || !this.identity.started || now - this.typingSaidAt < limits.typingIntervalMs) return;
    this.typingSaidAt = now;
    this.connection.request({ action: "typing" }).catch(() => {});
  }

  /**
   * A reply email's link opened this page: its token is taken out of the address bar at once (it
   * must not stay in the history, a bookmark or a shared URL) and exchanged on connect.
   */
  private takeResumeToken(): void {
    const match = resumeFragment.exec(location.hash);
    if (!match) return;
    this.resumeToken = match[1]!;
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  /**
   * Exchanges the link's token for its visitor id (`resume`), whose conversation this browser then
   * follows. A refused token changes nothing; without a conversation of its own the widget then
   * stays disconnected until the visitor writes. Returns false in that case.
   */
  private async resume(token: string): Promise<boolean> {
    try {
      const { visitorId } = await this.connection.request({ action: "resume", token });
      this.resumeToken = null;
      this.resumeFailure = null;
      const own = this.identity.visitorId;
      // A browser with a conversation of its own is asked first (the link may be someone else's).
      if (own && own !== visitorId && this.identity.started) this.linkedConversation = visitorId;
      else this.identity.adopt(visitorId);
      this.options.onResume?.(null);
      return true;
    } catch (error) {
      // Offline or timed out: the next connection tries again.
      if (!(error instanceof PorchServerError)) throw error;
      this.resumeToken = null;
      this.resumeFailure = error.code === "expired" ? "expired" : error.code === "not_found" ? "gone" : "invalid";
      const ownConversation = this.identity.visitorId !== null;
      if (!ownConversation) this.connection.stop();
      this.options.onResume?.(this.resumeFailure);
      this.host.requestUpdate();
      return ownConversation;
    }
  }

  /** Drops every message shown (the conversation was deleted or erased), up to `clearedAt` when known. */
  forgetHistory(clearedAt?: number): void {
    this.timeline.clear(clearedAt);
    this.host.requestUpdate();
  }

  /**
   * Follows another conversation of this browser's (a link's, once the visitor said so, or the one
   * it left): the one it leaves stays one click away (`identity.previousVisitorId`). Not while
   * messages are on their way: they belong to the conversation they were written in.
   */
  switchTo(visitorId: string): void {
    if (this.connection.queuedIds.length) return;
    this.linkedConversation = null;
    this.identity.adopt(visitorId);
    this.follow();
  }

  /** The visitor keeps the conversation they have: the link's is not opened. */
  stay(): void {
    this.linkedConversation = null;
    this.host.requestUpdate();
  }

  /** Says hello again with the identity's visitor id, whose conversation replaces the one shown. */
  private follow(): void {
    this.forgetHistory();
    this.seenSent = this.seenPending = null;
    this.connection.reconnect();
  }

  /** The visitor interacted: from now on they have an identity and a live connection. */
  begin(): void {
    this.identity.claim();
    this.connection.start();
  }

  send(text: string, attachments?: Attachment[]): void {
    this.begin();
    this.identity.markStarted();
    const message: ShownMessage = {
      id: randomId(),
      visitorId: this.identity.claim(),
      from: "visitor",
      text,
      sentAt: null,
      status: "pending",
      // (JSON leaves out an undefined field: a message without files says nothing of them.)
      attachments,
    };
    this.put(message);
    this.deliver(message);
  }

  /** The messages the server refused, in the order they were written. */
  get failed(): ShownMessage[] {
    return this.timeline.messages.filter((message) => message.status === "failed");
  }

  /** Sends every failed message again, under its original id, in the order they were written. */
  retryAll(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    for (const message of this.failed) {
      this.put({ ...message, status: "pending", error: undefined });
      this.deliver(message);
    }
  }

  /** Sets or clears the optional nickname and email; resolves false (with `problem` set) on failure. */
  async register(profile: VisitorProfile): Promise<boolean> {
    this.begin();
    try {
      await this.connection.whenOnline();
      const reply = await this.connection.request({ action: "register", ...profile });
      this.profile = reply.visitor;
      this.emailConfirmed = reply.emailConfirmed;
      // An address given (again) waits for its recipient to confirm it, unsubscribed or not.
      if (profile.email !== undefined && this.emailReplies) this.emailReplies = { ...this.emailReplies, unsubscribed: false };
      this.identity.markStarted();
      this.problem = null;
      return true;
    } catch (error) {
      this.problem = problemOf(error);
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

  /**
   * The visitor has been shown the conversation up to `messageId` (an owner message, in an open,
   * visible panel): the server is told once per new message, after a reconnect if need be, so the
   * reply is not emailed and the owner sees it was read.
   */
  markSeen(messageId: string): void {
    if (messageId === this.seenSent) return;
    this.seenPending = messageId;
    this.flushSeen();
  }

  private flushSeen(): void {
    const upTo = this.seenPending;
    if (!upTo || this.connection.state !== "online") return;
    this.seenPending = null;
    this.seenSent = upTo;
    this.connection.request({ action: "seen", upTo }).catch(() => {
      // Not said (offline, or the conversation was deleted): said again on the next occasion.
      if (this.seenSent === upTo) this.seenSent = null;
    });
  }

  /** Loads the page of history before the oldest stored message shown. */
  async loadEarlier(): Promise<void> {
    try {
      await this.timeline.loadEarlier(this.historyPage);
    } catch (error) {
      this.problem = problemOf(error);
    }
    this.host.requestUpdate();
  }

  private deliver(message: ShownMessage): void {
    this.identity.keepUnsent({ id: message.id, text: message.text });
    this.connection
      .send({
        action: "send",
        id: message.id,
        text: message.text,
        attachments: message.attachments?.map((file) => file.id),
        ...this.options.whereabouts?.(),
      })
      .then(
        (reply) => {
          this.identity.forgetUnsent(message.id);
          this.merge([reply.message]);
        },
        (error: PorchServerError) => {
          // Refused (too long, rate limited, blocked): shown with "Retry all", not resent on reload.
          this.identity.forgetUnsent(message.id);
          this.put({ ...message, status: "failed", error: problemOf(error) });
          // Over the rate limit: once its window has passed, every message it refused goes again.
          if (error.code === "rate_limited") this.retryTimer ??= setTimeout(() => this.retryAll(), limits.visitorRateWindowMs);
        },
      );
  }

  private async sayHello(): Promise<void> {
    if (this.resumeToken && !(await this.resume(this.resumeToken))) return;
    const visitorId = this.identity.visitorId;
    const hello = await this.connection.request({ action: "hello" });
    this.helloVisitorId = visitorId;
    this.owner = hello.owner;
    this.clockSkewMs = hello.serverTime - Date.now();
    this.profile = hello.visitor;
    this.ownerSeenUpTo = hello.ownerSeenUpTo;
    this.ownerProfile = hello.ownerProfile;
    this.emailReplies = hello.emailReplies;
    this.emailConfirmed = hello.emailConfirmed;
    this.retentionDays = hello.retentionDays;
    this.attachmentPolicy = hello.attachments;
    if (hello.visitor) this.identity.markStarted();
    this.host.requestUpdate();
    void this.catchUp();
    this.flushSeen();
  }

  /** Fetches what this page missed since it last had the history. */
  private async catchUp(): Promise<void> {
    try {
      this.announce(await this.timeline.catchUp(this.historyPage));
      if (this.problem?.code === "offline") this.problem = null;
    } catch (error) {
      this.problem = problemOf(error);
    }
    this.host.requestUpdate();
  }

  /** Adds stored messages by id; announces the ones this page did not hold as stored yet. */
  private merge(messages: readonly ChatMessage[]): void {
    this.announce(this.timeline.merge(messages));
  }

  private announce(arrived: readonly ChatMessage[]): void {
    for (const message of arrived) {
      if (message.from === "owner") {
        if (this.owner) this.owner = { online: true, lastSeenAt: message.sentAt };
        this.showOwnerTyping(false);
      }
      this.options.onMessage?.(message);
    }
    this.host.requestUpdate();
  }

  private put(message: ShownMessage): void {
    this.timeline.put(message);
    this.host.requestUpdate();
  }
}
