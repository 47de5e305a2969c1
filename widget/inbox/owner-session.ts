import type { ReactiveController, ReactiveControllerHost } from "lit";
import {
  type Attachment,
  type AttachmentPolicy,
  type ChatMessage,
  type ConversationStatus,
  type ConversationSummary,
  type HoursSetting,
  type InboxCounts,
  type InboxViewName,
  type OwnerHelloReply,
  type OwnerPongReply,
  type PrivateNote,
  type SavedReply,
  type ServerFrame,
  limits,
  viewRequest,
  viewsOf,
} from "#protocol";
import { PorchServerError } from "../connection/errors.ts";
import { PorchConnection } from "../connection/porch-connection.ts";
import { randomId } from "../shared/random-id.ts";
import { MessageTimeline, problemOf, type HistoryPager, type ProblemReport, type ShownMessage } from "../shared/timeline.ts";
import { OwnerCredential } from "./owner-credential.ts";

export interface OwnerSessionOptions {
  /** The WebSocket endpoint, read at every connect. */
  endpoint: () => string;
  /** A visitor's message arrived live (not from history), with its conversation's row if held. */
  onVisitorMessage?: (message: ChatMessage, conversation: ConversationSummary | undefined) => void;
  /** Any message pushed (a visitor's, or the owner's from another tab), with its row when held. */
  onMessage?: (message: ChatMessage, conversation: ConversationSummary | undefined) => void;
  /** Milliseconds between pings, which also notice a lost push (default `ownerPingIntervalMs`). */
  pingIntervalMs?: () => number | undefined;
}

/**
 * How often the inbox pings by default: each ping renews the owner's lease (backend/chat/owner-lease.ts,
 * 300 s by default), which outlasts two of them, so one lost ping does not make the owner look away.
 */
export const ownerPingIntervalMs = 2 * 60_000;

/** Why the owner is looking at the sign-in form: never signed in, signed out, or the session ended. */
export type SignedOutReason = "new" | "signed-out" | "expired";

/** How a row reached this tab, which says what it does to the unread total. */
type RowSource = "page" | "visitor-message" | "push";

const newestFirst = (a: ConversationSummary, b: ConversationSummary) =>
  b.lastMessageAt - a.lastMessageAt || (a.visitorId < b.visitorId ? -1 : 1);

const isUnauthorized = (error: unknown) => error instanceof PorchServerError && error.code === "unauthorized";

/** A stored note as its conversation's timeline holds it: the owner's, at the time it was written. */
const noteInTimeline = (note: PrivateNote): ChatMessage & { note: true } => ({
  id: note.id,
  visitorId: note.visitorId,
  from: "owner",
  text: note.text,
  sentAt: note.writtenAt,
  note: true,
});

/** Pages of a conversation's notes read when it opens (the newest first): enough for any desk of one. */
const notePagesOnOpen = 5;

/**
 * The owner's side of Porch, as a reactive controller of `<porch-inbox>`: the session token, one
 * connection, the inbox rows (kept live from pushes), the unread total, and a timeline per opened
 * conversation with optimistic replies. Like Lit's `Task`, it takes its host and an options object.
 *
 * The unread total, the views' counts and their messages start from `hello` and move with every
 * row change whose previous state this tab knew; a change to a row it never saw cannot be counted, so they are
 * fetched again. One view (Open, Unread or Done) is listed at a time; rows of the others this tab
 * holds stay up to date from pushes, for when the owner switches back.
 */
export class OwnerSession implements ReactiveController {
  readonly credential = new OwnerCredential();
  readonly connection: PorchConnection<"owner", "token">;
  signedOut: SignedOutReason | null;
  /** Visitor messages the owner has not read, over every conversation. */
  unreadTotal = 0;
  /** How many conversations each view lists. */
  counts: InboxCounts = { open: 0, done: 0, unread: 0 };
  /** Days a conversation is kept after its last message (from hello; 0: until deleted), or null before it. */
  retentionDays: number | null = null;
  /** How many messages the conversations of each view hold: each view's version, which a `pong` checks. */
  private messages: InboxCounts = { open: 0, done: 0, unread: 0 };
  /** The view listed. */
  view: InboxViewName = "open";
  /** Cursor of the view's next page; null once every conversation of it is listed. */
  cursor: string | null = null;
  /** The conversation on screen, which is marked read while the page is visible. */
  openVisitorId: string | null = null;
  /** The owner's saved replies, kept live by pushes; null until read after `hello`. */
  savedReplies: SavedReply[] | null = null;
  /** The owner's business hours, kept live by pushes; null until the hours screen first reads them. */
  hours: HoursSetting | null = null;
  /** The last failure of something the owner did (block, delete, history). */
  problem: ProblemReport | null = null;
  /** What the site takes as attachments (from hello); none where it takes none, or before hello. */
  attachmentPolicy?: AttachmentPolicy | undefined;

  private readonly rows = new Map<string, ConversationSummary>();
  private sortedRows: ConversationSummary[] = [];
  private readonly timelines = new Map<string, MessageTimeline>();
  private loadingMore: Promise<void> | null = null;
  /** Shown again: the open conversation is read, and the server asked whether a push was lost meanwhile. */
  private readonly visibilityChanged = () => {
    this.markOpenRead();
    if (document.visibilityState === "visible") this.connection.check();
  };
  /** Visitors writing right now (a `typing` push in the last few seconds), with the timer that ends it. */
  private readonly typingVisitors = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * When each conversation this tab was told of was deleted (server clock): a row or message no
   * newer belongs to it, and never shows again, whatever arrives later (a page read before the
   * delete or from a lagging index, the push of a message applied just before it).
   */
  private readonly clearedAt = new Map<string, number>();
  /** When this tab last told each visitor the owner is typing. */
  private readonly typingSaidAt = new Map<string, number>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: OwnerSessionOptions,
  ) {
    host.addController(this);
    const kept = this.credential.read();
    this.signedOut = kept ? (kept.expiresAt > Date.now() ? null : "expired") : "new";
    if (this.signedOut === "expired") this.credential.clear();
    this.connection = new PorchConnection(host, {
      url: options.endpoint,
      credentials: () => ({ token: this.credential.read()?.token ?? "" }),
      onOpen: () => this.sayHello(),
      onPush: (frame) => this.receive(frame),
      onPong: (pong) => this.compare(pong),
      pingIntervalMs: () => options.pingIntervalMs?.() ?? ownerPingIntervalMs,
    });
  }

  hostConnected(): void {
    document.addEventListener("visibilitychange", this.visibilityChanged);
    if (!this.signedOut) this.connection.start();
  }

  hostDisconnected(): void {
    document.removeEventListener("visibilitychange", this.visibilityChanged);
    for (const visitorId of [...this.typingVisitors.keys()]) this.showTyping(visitorId, false);
  }

  /** Whether the visitor is writing (a `typing` push in the last few seconds, and no message since). */
  isTyping(visitorId: string): boolean {
    return this.typingVisitors.has(visitorId);
  }

  private showTyping(visitorId: string, typing: boolean): void {
    clearTimeout(this.typingVisitors.get(visitorId));
    this.typingVisitors.delete(visitorId);
    if (typing)
      this.typingVisitors.set(
        visitorId,
        setTimeout(() => this.showTyping(visitorId, false), 2 * limits.typingIntervalMs),
      );
    this.host.requestUpdate();
  }

  /** The owner is writing to a visitor: they hear of it, at most once per `limits.typingIntervalMs`. */
  typing(visitorId: string): void {
    const now = Date.now();
    if (this.connection.state !== "online" || now - (this.typingSaidAt.get(visitorId) ?? 0) < limits.typingIntervalMs) return;
    this.typingSaidAt.set(visitorId, now);
    this.connection.request({ action: "typing", visitorId }).catch(() => {});
  }

  /** The view's rows, newest activity first. */
  get conversations(): readonly ConversationSummary[] {
    return this.sortedRows.filter((row) => viewsOf(row)[this.view] === 1);
  }

  /** Lists another view: its first page, then more as the owner scrolls. */
  showView(view: InboxViewName): Promise<void> {
    if (view === this.view) return Promise.resolve();
    this.view = view;
    this.cursor = null;
    this.host.requestUpdate();
    return this.call(async () => {
      const page = await this.connection.request({ action: "inbox", ...viewRequest(view) });
      for (const row of page.conversations) this.upsert(row, "page");
      if (this.view === view) this.cursor = page.cursor;
    });
  }

  /** Marks a conversation done, or open again; the row moves between the views at once. */
  setStatus(visitorId: string, status: ConversationStatus): Promise<void> {
    const row = this.rows.get(visitorId);
    if (row) this.upsert({ ...row, status }, "push");
    return this.call(async () => {
      const reply = await this.connection.request({ action: status === "done" ? "done" : "reopen", visitorId });
      const held = this.rows.get(visitorId);
      if (!held || held.lastMessageAt <= reply.conversation.lastMessageAt) this.upsert(reply.conversation, "push");
    });
  }

  conversation(visitorId: string): ConversationSummary | undefined {
    return this.rows.get(visitorId);
  }

  /** The held row whose link carries `ref`, if any. */
  conversationByRef(ref: string): ConversationSummary | undefined {
    return this.sortedRows.find((row) => row.ref === ref);
  }

  timeline(visitorId: string): MessageTimeline {
    let timeline = this.timelines.get(visitorId);
    if (!timeline) this.timelines.set(visitorId, (timeline = new MessageTimeline()));
    return timeline;
  }

  /** Checks the password; rejects with `PorchServerError` (`unauthorized`, `rate_limited`) or a connection error. */
  async signIn(password: string, remember: boolean): Promise<void> {
    this.connection.start();
    await this.connection.whenOnline();
    const session = await this.connection.request({ action: "login", password });
    this.credential.save(session, remember);
    this.signedOut = null;
    this.host.requestUpdate();
    await this.sayHello();
  }

  /**
   * The owner's "Sign out": `logout` ends the session on the server (its token is refused from
   * then on, everywhere), then this tab forgets it. The frame is sent before the socket closes, so
   * the owner does not wait for its reply; offline, only this tab forgets the token, which the
   * server keeps until it expires (docs/security.md, "Owner sessions").
   */
  logOut(): void {
    if (this.connection.state === "online") this.connection.request({ action: "logout" }).catch(() => {});
    this.signOut("signed-out");
  }

  /** Forgets the token and closes the connection; `expired` says the server ended the session. */
  signOut(reason: SignedOutReason = "signed-out"): void {
    this.credential.clear();
    this.connection.stop();
    this.signedOut = reason;
    this.rows.clear();
    this.sortedRows = [];
    this.timelines.clear();
    this.unreadTotal = 0;
    this.counts = { open: 0, done: 0, unread: 0 };
    this.messages = { open: 0, done: 0, unread: 0 };
    this.view = "open";
    this.cursor = null;
    this.host.requestUpdate();
  }

  /** Fetches the next page of conversations (at most one request at a time). */
  loadMore(): Promise<void> {
    if (!this.cursor || this.connection.state !== "online") return Promise.resolve();
    const view = this.view;
    this.loadingMore ??= this.call(async () => {
      const page = await this.connection.request({ action: "inbox", cursor: this.cursor!, ...viewRequest(view) });
      for (const row of page.conversations) this.upsert(row, "page");
      if (this.view === view) this.cursor = page.cursor;
    }).finally(() => (this.loadingMore = null));
    return this.loadingMore;
  }

  /**
   * The visitor id a notification link's reference stands for (`#/r/<ref>`), once signed in and
   * online; null for a reference this deployment did not make, or made before a password change.
   */
  async resolve(ref: string): Promise<string | null> {
    await this.connection.whenOnline();
    try {
      return (await this.connection.request({ action: "resolve", ref })).visitorId;
    } catch (error) {
      if (error instanceof PorchServerError && (error.code === "not_found" || error.code === "bad_request")) return null;
      throw error;
    }
  }

  /** Shows a conversation: catches up its history and marks it read. */
  async open(visitorId: string | null): Promise<void> {
    this.openVisitorId = visitorId;
    this.problem = null;
    this.host.requestUpdate();
    if (visitorId && this.connection.state === "online") await this.catchUpOpen();
  }

  /** Every message of a conversation, oldest first, page by page (for a transcript). */
  async allMessages(visitorId: string): Promise<ChatMessage[]> {
    const messages: ChatMessage[] = [];
    let before: string | undefined;
    do {
      const page = await this.pager(visitorId)(before);
      messages.unshift(...page.messages);
      before = page.more ? (page.cursor ?? undefined) : undefined;
    } while (before);
    return messages;
  }

  loadEarlier(visitorId: string): Promise<void> {
    return this.call(() => this.timeline(visitorId).loadEarlier(this.pager(visitorId)));
  }

  reply(visitorId: string, text: string, attachments?: Attachment[]): void {
    // (JSON leaves out an undefined field: a reply without files says nothing of them.)
    const message: ShownMessage = { id: randomId(), visitorId, from: "owner", text, sentAt: null, status: "pending", attachments };
    this.timeline(visitorId).put(message);
    this.host.requestUpdate();
    this.deliver(message);
  }

  /** Writes a private note: shown at once in the timeline, stored once (`note`), never sent to the visitor. */
  note(visitorId: string, text: string): void {
    const note: ShownMessage = { id: randomId(), visitorId, from: "owner", text, sentAt: null, status: "pending", note: true };
    this.timeline(visitorId).put(note);
    this.host.requestUpdate();
    this.deliver(note);
  }

  /** Sends every failed reply of a conversation again, under its original id, in the order they were written. */
  retryAll(visitorId: string): void {
    const timeline = this.timeline(visitorId);
    for (const message of timeline.messages.filter((held) => held.status === "failed")) {
      timeline.put({ ...message, status: "pending", error: undefined });
      this.deliver(message);
    }
    this.host.requestUpdate();
  }

  setBlocked(visitorId: string, blocked: boolean): Promise<void> {
    return this.call(async () => {
      await this.connection.request({ action: blocked ? "block" : "unblock", visitorId });
      const row = this.rows.get(visitorId);
      if (row) this.upsert({ ...row, blocked }, "push");
    });
  }

  /** Saves a reply (a new id adds one) or deletes one; throws what the server refused. */
  async changeSavedReplies(change: { action: "saveReply"; reply: SavedReply } | { action: "deleteReply"; id: string }): Promise<void> {
    const reply =
      change.action === "saveReply"
        ? await this.connection.request({ action: "saveReply", ...change.reply })
        : await this.connection.request({ action: "deleteReply", id: change.id });
    this.savedReplies = reply.replies;
    this.host.requestUpdate();
  }

  /** Reads the business hours (`hours {}`), for the hours screen: read on first use, not at hello. */
  async loadHours(): Promise<void> {
    const { timeZone, weekly, notifyOutsideHours } = await this.connection.request({ action: "hours" });
    this.hours = { timeZone, weekly, notifyOutsideHours };
    this.host.requestUpdate();
  }

  /** Sets the business hours; throws what the server refused. */
  async setHours(hours: HoursSetting): Promise<void> {
    const { timeZone, weekly, notifyOutsideHours } = await this.connection.request({ action: "hours", ...hours });
    this.hours = { timeZone, weekly, notifyOutsideHours };
    this.host.requestUpdate();
  }

  /** Erases the conversation: its messages and the visitor's details. */
  delete(visitorId: string): Promise<void> {
    return this.call(async () => {
      const deleted = await this.connection.request({ action: "delete", visitorId });
      this.forget(visitorId, deleted.clearedAt);
    });
  }

  private deliver(message: ShownMessage): void {
    const { visitorId } = message;
    if (message.note) return this.deliverNote(message);
    const attachments = message.attachments?.map((file) => file.id);
    this.connection.send({ action: "send", visitorId, id: message.id, text: message.text, attachments }).then(
      (reply) => {
        this.timeline(visitorId).merge([reply.message]);
        // An owner reply reads the conversation; the server says how its row now stands,
        // unless a newer push has already moved the row on.
        const row = this.rows.get(visitorId);
        const fresh = reply.conversation;
        if (fresh && (!row || row.lastMessageAt <= fresh.lastMessageAt)) this.upsert(fresh, "push");
        this.host.requestUpdate();
      },
      (error: PorchServerError) => this.failed(message, error),
    );
  }

  private deliverNote(note: ShownMessage): void {
    const { visitorId } = note;
    // Not queued while offline, unlike a reply: it fails, and Retry all sends it under its id.
    this.connection.request({ action: "note", visitorId, id: note.id, text: note.text }).then(
      (reply) => {
        this.timeline(visitorId).merge([noteInTimeline(reply.note)]);
        this.host.requestUpdate();
      },
      (error: PorchServerError) => this.failed(note, error),
    );
  }

  /** A reply or a note the server refused, or that could not be sent. */
  private failed(message: ShownMessage, error: PorchServerError): void {
    this.timeline(message.visitorId).put({ ...message, status: "failed", error: problemOf(error) });
    if (isUnauthorized(error)) this.signOut("expired");
    this.host.requestUpdate();
  }

  /** Reads the newest notes of a conversation (and older pages, the first time it opens). */
  private async catchUpNotes(visitorId: string, firstTime: boolean): Promise<void> {
    let before: string | null | undefined;
    for (let pages = 0; before !== null && pages < (firstTime ? notePagesOnOpen : 1); pages++) {
      const page = await this.connection.request({ action: "notes", visitorId, ...(before ? { before } : {}) });
      this.timeline(visitorId).merge(page.notes.map(noteInTimeline));
      before = page.cursor;
    }
  }

  private async sayHello(): Promise<void> {
    if (this.signedOut) return; // a socket for `login` only
    let hello: OwnerHelloReply;
    try {
      hello = await this.connection.request({ action: "hello", ...viewRequest(this.view) });
    } catch (error) {
      if (isUnauthorized(error)) this.signOut("expired");
      throw error;
    }
    this.rows.clear();
    for (const row of hello.conversations) if (!this.isGone(row.visitorId, row.lastMessageAt)) this.rows.set(row.visitorId, row);
    this.sortRows();
    this.cursor = hello.cursor;
    this.unreadTotal = hello.unreadTotal;
    this.counts = hello.counts;
    this.retentionDays = hello.retentionDays;
    this.messages = hello.messages;
    this.attachmentPolicy = hello.attachments;
    this.host.requestUpdate();
    if (this.openVisitorId) void this.catchUpOpen();
    void this.call(async () => {
      this.savedReplies = (await this.connection.request({ action: "replies" })).replies;
    });
  }

  /**
   * The pong's watermark against this tab: a newer row than the one held (or none held), another
   * unread total, or other counts or messages in a view, means a push was lost. The totals are the
   * server's; the first page of the view shown is fetched again and the open conversation caught up. Rows as new as the server's, the open
   * conversation is caught up still if it holds fewer messages than its row counts.
   */
  private compare({ latest, unreadTotal, counts, messages }: OwnerPongReply): void {
    const held = latest && this.rows.get(latest.visitorId);
    const openRows = [...this.rows.values()].some((row) => row.status === "open");
    const behind = latest ? !held || held.lastMessageAt < latest.lastMessageAt : openRows;
    const sameCounts = (Object.keys(counts) as InboxViewName[]).every(
      (view) => counts[view] === this.counts[view] && messages[view] === this.messages[view],
    );
    if (!behind && unreadTotal === this.unreadTotal && sameCounts) {
      if (this.openMissesMessages()) void this.catchUpOpen();
      return;
    }
    this.unreadTotal = unreadTotal;
    this.counts = counts;
    this.messages = messages;
    this.host.requestUpdate();
    const view = this.view;
    void this.call(async () => {
      // Rows a push changes while the page is on its way are newer than what the page says of them.
      const asked = new Map(this.rows);
      const page = await this.connection.request({ action: "inbox", ...viewRequest(view) });
      const listed = new Map(page.conversations.map((row) => [row.visitorId, row]));
      const last = page.cursor ? page.conversations.at(-1) : undefined;
      for (const row of [...this.rows.values()]) {
        // In the view and within the page's span but not on it: deleted or moved meanwhile (the
        // totals are already the server's); a row of another view is left as it is.
        const inView = viewsOf(row)[view] === 1;
        if (inView && asked.get(row.visitorId) === row && !listed.has(row.visitorId) && (!last || newestFirst(row, last) < 0)) {
          this.rows.delete(row.visitorId);
          this.timelines.delete(row.visitorId);
        }
      }
      for (const row of listed.values()) {
        if (this.isGone(row.visitorId, row.lastMessageAt)) continue;
        const mine = this.rows.get(row.visitorId);
        // A row is kept if it is newer, or as new and changed by a push since the page was asked for.
        const pushedSince = mine !== asked.get(row.visitorId);
        if (mine && (mine.lastMessageAt > row.lastMessageAt || (pushedSince && mine.lastMessageAt === row.lastMessageAt))) continue;
        this.rows.set(row.visitorId, row);
        // The message a typing indicator waited for has come, after all.
        if (row.lastMessageAt > (mine?.lastMessageAt ?? 0) && row.lastMessageFrom === "visitor") this.showTyping(row.visitorId, false);
      }
      this.sortRows();
      if (this.openVisitorId) await this.catchUpOpen();
    });
  }

  /** Whether the open conversation holds fewer messages than its row counts: a push was lost. */
  private openMissesMessages(): boolean {
    const row = this.openVisitorId ? this.rows.get(this.openVisitorId) : undefined;
    return !!row && !!this.timelines.get(row.visitorId)?.misses(row.messageCount);
  }

  private async catchUpOpen(): Promise<void> {
    const visitorId = this.openVisitorId;
    if (!visitorId) return;
    // A deep link to a conversation beyond the first page: page on until its row shows, then
    // through the other status's view (a link to a done conversation).
    for (let pages = 0; !this.rows.has(visitorId) && this.cursor && pages < 5; pages++) await this.loadMore();
    if (!this.rows.has(visitorId)) await this.call(() => this.findIn(this.view === "done" ? "open" : "done", visitorId));
    const firstTime = !this.timeline(visitorId).loaded;
    await this.call(async () => {
      for (const message of await this.timeline(visitorId).catchUp(this.pager(visitorId))) this.arrived(message);
      await this.catchUpNotes(visitorId, firstTime);
    });
    this.markOpenRead();
  }

  /** Pages through a view this tab does not list (at most 5 pages) until the conversation's row shows. */
  private async findIn(view: InboxViewName, visitorId: string): Promise<void> {
    let cursor: string | null | undefined;
    for (let pages = 0; !this.rows.has(visitorId) && cursor !== null && pages < 5; pages++) {
      const page = await this.connection.request({ action: "inbox", ...viewRequest(view), ...(cursor ? { cursor } : {}) });
      for (const row of page.conversations) this.upsert(row, "page");
      cursor = page.cursor;
    }
  }

  /** Marks the open conversation read if the owner can see it and it has unread messages. */
  private markOpenRead(): void {
    const visitorId = this.openVisitorId;
    const row = visitorId ? this.rows.get(visitorId) : undefined;
    if (!row?.unread || document.visibilityState !== "visible" || this.connection.state !== "online") return;
    this.upsert({ ...row, unread: 0 }, "push");
    void this.call(() => this.connection.request({ action: "read", visitorId: row.visitorId }));
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "message": {
        const { message, conversation } = frame;
        if (this.isGone(message.visitorId, message.sentAt)) return;
        if (conversation) this.upsert(conversation, message.from === "visitor" ? "visitor-message" : "push");
        const timeline = this.timelines.get(message.visitorId);
        if (!timeline || timeline.merge([message]).length) this.arrived(message);
        if (message.from === "visitor") this.showTyping(message.visitorId, false);
        if (message.visitorId === this.openVisitorId) this.markOpenRead();
        // Its row counts a message this push did not bring: the push of one before it was lost.
        if (this.openMissesMessages()) void this.catchUpOpen();
        break;
      }
      case "conversation":
        this.upsert(frame.conversation, "push");
        break;
      case "seen": {
        // The visitor has been shown their conversation up to `upTo`.
        const row = "by" in frame && frame.by === "visitor" ? this.rows.get(frame.visitorId) : undefined;
        if (row) this.upsert({ ...row, visitorSeenUpTo: frame.upTo }, "push");
        break;
      }
      case "typing":
        if ("from" in frame && frame.from === "visitor") this.showTyping(frame.visitorId, true);
        break;
      case "deleted":
        this.forget(frame.visitorId, frame.clearedAt);
        break;
      case "note":
        this.timelines.get(frame.note.visitorId)?.merge([noteInTimeline(frame.note)]);
        break;
      case "replies":
        this.savedReplies = frame.replies;
        break;
      case "hours":
        this.hours = { timeZone: frame.timeZone, weekly: frame.weekly, notifyOutsideHours: frame.notifyOutsideHours };
        break;
      default:
        return;
    }
    this.host.requestUpdate();
  }

  private arrived(message: ChatMessage): void {
    this.options.onMessage?.(message, this.rows.get(message.visitorId));
    if (message.from === "visitor") this.options.onVisitorMessage?.(message, this.rows.get(message.visitorId));
  }

  /** Takes a row as it now stands and moves the unread total and the counts by what changed. */
  private upsert(row: ConversationSummary, source: RowSource): void {
    if (this.isGone(row.visitorId, row.lastMessageAt)) return;
    const held = this.rows.get(row.visitorId);
    if (held && source === "page") return; // the held row is at least as new as a page's
    if (held) {
      this.unreadTotal += row.unread - held.unread;
      this.count(held, -1);
      this.count(row, 1);
    } else if (source === "visitor-message") {
      this.unreadTotal += 1;
      // New, or a done conversation this tab never listed: only the server can tell.
      void this.recount();
    } else if (source === "push") void this.recount();
    // One reference per conversation in this tab: the one its link (and the address bar) already has.
    this.rows.set(row.visitorId, held ? { ...row, ref: held.ref } : row);
    this.sortRows();
    this.host.requestUpdate();
  }

  /** Moves the views' counts and messages by a row (`sign` 1) or its absence (−1). */
  private count(row: ConversationSummary, sign: 1 | -1): void {
    const views = viewsOf(row);
    const { open, done, unread } = this.counts;
    this.counts = { open: open + sign * views.open, done: done + sign * views.done, unread: unread + sign * views.unread };
    const held = this.messages;
    const by = sign * row.messageCount;
    this.messages = { open: held.open + by * views.open, done: held.done + by * views.done, unread: held.unread + by * views.unread };
  }

  /** Whether something of `visitorId`'s conversation as of `atMs` was deleted since. */
  private isGone(visitorId: string, atMs: number): boolean {
    return atMs <= (this.clearedAt.get(visitorId) ?? -Infinity);
  }

  private forget(visitorId: string, clearedAt?: number): void {
    if (clearedAt !== undefined) this.clearedAt.set(visitorId, Math.max(clearedAt, this.clearedAt.get(visitorId) ?? -Infinity));
    const held = this.rows.get(visitorId);
    if (held) {
      this.unreadTotal -= held.unread;
      this.count(held, -1);
    } else void this.recount();
    this.rows.delete(visitorId);
    this.timelines.delete(visitorId);
    this.sortRows();
    this.host.requestUpdate();
  }

  /** Fetches the unread total and the counts again, for changes this tab could not count. */
  private async recount(): Promise<void> {
    await this.call(async () => {
      ({
        unreadTotal: this.unreadTotal,
        counts: this.counts,
        messages: this.messages,
      } = await this.connection.request({ action: "unread" }));
    });
  }

  private sortRows(): void {
    this.sortedRows = [...this.rows.values()].sort(newestFirst);
  }

  private pager(visitorId: string): HistoryPager {
    return (before) => this.connection.request({ action: "list", visitorId, ...(before === undefined ? {} : { before }) });
  }

  /** Runs a request; a failure becomes `problem`, and an ended session signs out. */
  private async call(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isUnauthorized(error)) this.signOut("expired");
      else this.problem = problemOf(error);
    }
    this.host.requestUpdate();
  }
}
