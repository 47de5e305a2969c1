import {
  type ChatMessage,
  type EmailReplies,
  type ErrorCode,
  type OwnerPresence,
  type OwnerProfile,
  ProtocolError,
  type ServerFrame,
  type VisitorProfile,
  parseFrame,
} from "#protocol";

type Frame = Record<string, unknown> & { action: string; rid?: string };

/** A cursor as opaque as the real backend's: clients can only pass back the one a reply gave them. */
const historyCursorOf = (message: ChatMessage): string => `fake-cursor-${btoa(message.id)}`;

/**
 * A tiny in-page stand-in for the Porch backend, installed as `window.WebSocket` for element tests:
 * it answers the visitor protocol (hello, list, send, register, ping, seen, typing, resume), stores
 * each message id once, pushes to the visitor's other sockets, and can drop sockets, refuse
 * connections or fail a frame. The owner's side is played by methods: `reply`, `ownerTypes`,
 * `ownerReads`, `presence`.
 */
export class FakeBackend {
  readonly sockets: FakeSocket[] = [];
  readonly received: Frame[] = [];
  readonly messages: ChatMessage[] = [];
  owner: OwnerPresence = { online: true, lastSeenAt: null };
  /** What hello says the owner has read up to. */
  ownerSeenUpTo: string | null = null;
  /** What hello says of reply emails. */
  emailReplies: EmailReplies = { enabled: false, unsubscribed: false };
  /** What `hello` says of the deploy's retention (days; 0: kept until deleted). */
  retentionDays = 365;
  /** Each visitor's nickname and email, as `register` left them. */
  readonly profiles = new Map<string, VisitorProfile>();
  /** The visitors whose address its recipient confirmed (until they give another). */
  readonly confirmed = new Set<string>();
  /** What `resume` answers for a token: the visitor id it stands for, or an error code. */
  readonly resumeTokens = new Map<string, string | { code: ErrorCode }>();
  /** Who answers, as hello says. */
  ownerProfile: OwnerProfile = { name: null, avatar: null, replyTime: null };
  /** While true, new sockets fail to open (as when the network is down). */
  refuse = false;
  /** While true, `send` frames are held unanswered until `releaseSends()` (a slow backend). */
  holdSends = false;
  private held: [FakeSocket, Frame][] = [];
  /** Lose this many of the next message pushes, as a push past its deadline is lost (the stored message stays). */
  losePushes = 0;
  /** Answer the next frames with this action by an error instead. */
  failNext: { action: string; code: ErrorCode }[] = [];
  private readonly original = globalThis.WebSocket;
  private clock = Date.now();

  install(): this {
    // The socket class is the page's WebSocket constructor: it finds its backend through this binding.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const backend = this;
    globalThis.WebSocket = class extends FakeSocket {
      constructor(url: string) {
        super(url, backend);
      }
    } as unknown as typeof WebSocket;
    return this;
  }

  /** Frames the client sent that the real backend would refuse: `uninstall()` fails the test with them. */
  readonly violations: string[] = [];

  uninstall(): void {
    globalThis.WebSocket = this.original;
    for (const socket of this.sockets) socket.readyState = FakeSocket.CLOSED;
    if (this.violations.length) throw new Error(`frames outside the protocol:\n${this.violations.join("\n")}`);
  }

  get open(): FakeSocket[] {
    return this.sockets.filter((s) => s.readyState === FakeSocket.OPEN);
  }

  framesOf(action: string): Frame[] {
    return this.received.filter((f) => f.action === action);
  }

  /** The owner answers: stored, then pushed to every socket bound to the visitor. */
  reply(visitorId: string, text: string): ChatMessage {
    const message: ChatMessage = { id: crypto.randomUUID(), visitorId, from: "owner", text, sentAt: ++this.clock };
    this.messages.push(message);
    if (!this.pushLost()) for (const socket of this.open) if (socket.visitorId === visitorId) socket.deliver({ type: "message", message });
    return message;
  }

  /** Whether the message being pushed is one of the pushes to lose (`losePushes`). */
  protected pushLost(): boolean {
    return this.losePushes > 0 && this.losePushes-- > 0;
  }

  /** Pushes a frame to every open socket of the visitor. */
  toVisitor(visitorId: string, frame: ServerFrame): void {
    for (const socket of this.open) if (socket.visitorId === visitorId) socket.deliver(frame);
  }

  /** The owner is writing to the visitor. */
  ownerTypes(visitorId: string): void {
    this.toVisitor(visitorId, { type: "typing", visitorId, from: "owner" });
  }

  /** The owner has read the visitor's messages up to `upTo`. */
  ownerReads(visitorId: string, upTo: string): void {
    this.ownerSeenUpTo = upTo;
    this.toVisitor(visitorId, { type: "seen", visitorId, upTo, by: "owner" });
  }

  /** The owner comes or goes: every visitor socket is told, as the backend does. */
  presence(online: boolean): void {
    this.owner = { online, lastSeenAt: Date.now() };
    for (const socket of this.open) if (socket.visitorId) socket.deliver({ type: "presence", owner: this.owner });
  }

  /** The network drops every socket. */
  dropAll(): void {
    for (const socket of this.open) socket.serverClose();
  }

  /** Answers the held `send` frames, in the order they arrived. */
  releaseSends(): void {
    const held = this.held.splice(0);
    for (const [socket, frame] of held) this.answer(socket, frame);
  }

  handle(socket: FakeSocket, frame: Frame): void {
    this.received.push(frame);
    if (this.holdSends && frame.action === "send") {
      this.held.push([socket, frame]);
      return;
    }
    this.answer(socket, frame);
  }

  private answer(socket: FakeSocket, frame: Frame): void {
    const rid = frame.rid;
    const failure = this.failNext.findIndex((f) => f.action === frame.action);
    if (failure >= 0) {
      const { code } = this.failNext.splice(failure, 1)[0]!;
      socket.deliver({ type: "error", rid, code, message: `fake ${code}` });
      return;
    }
    const visitorId = String(frame.visitorId);
    const history = this.messages.filter((m) => m.visitorId === visitorId);
    switch (frame.action) {
      case "hello":
        socket.visitorId = visitorId;
        socket.deliver({
          type: "hello",
          rid,
          serverTime: Date.now(),
          owner: this.owner,
          visitor: this.profiles.get(visitorId) ?? (history.length ? {} : null),
          emailConfirmed: this.confirmed.has(visitorId),
          ownerSeenUpTo: this.ownerSeenUpTo,
          emailReplies: this.emailReplies,
          retentionDays: this.retentionDays,
          ownerProfile: this.ownerProfile,
        });
        return;
      case "typing":
        socket.deliver({ type: "typing", rid, visitorId, relayed: true });
        return;
      case "resume": {
        const outcome = this.resumeTokens.get(String(frame.token)) ?? { code: "unauthorized" };
        if (typeof outcome === "string") socket.deliver({ type: "resumed", rid, visitorId: outcome });
        else socket.deliver({ type: "error", rid, code: outcome.code, message: `fake ${outcome.code}` });
        return;
      }
      case "seen":
        socket.deliver({ type: "seen", rid, visitorId, upTo: String(frame.upTo) });
        return;
      case "ping": {
        const latest = history.at(-1);
        socket.deliver({
          type: "pong",
          rid,
          serverTime: Date.now(),
          latest: latest ? { id: latest.id, sentAt: latest.sentAt } : null,
          count: history.length,
        });
        return;
      }
      case "register": {
        const profile: VisitorProfile = { ...this.profiles.get(visitorId) };
        for (const field of ["nickname", "email"] as const) {
          const value = frame[field];
          if (typeof value !== "string") continue;
          if (value) profile[field] = value;
          else delete profile[field];
        }
        if (typeof frame.email === "string" && frame.email !== this.profiles.get(visitorId)?.email) this.confirmed.delete(visitorId);
        this.profiles.set(visitorId, profile);
        if (typeof frame.email === "string") this.emailReplies = { ...this.emailReplies, unsubscribed: false };
        socket.deliver({ type: "registered", rid, visitor: profile, emailConfirmed: this.confirmed.has(visitorId) });
        return;
      }
      case "list": {
        const before = frame.before === undefined ? history.length : history.findIndex((m) => historyCursorOf(m) === frame.before);
        if (before < 0) {
          socket.deliver({ type: "error", rid, code: "bad_request", message: "fake: not a cursor this backend gave out" });
          return;
        }
        const older = history.slice(0, before);
        const page = older.slice(-(Number(frame.limit) || 50));
        const more = older.length > page.length;
        const count = frame.before === undefined ? { count: history.length } : {};
        socket.deliver({
          type: "history",
          rid,
          visitorId,
          messages: page,
          more,
          cursor: more ? historyCursorOf(page[0]!) : null,
          ...count,
        });
        return;
      }
      case "send": {
        let message = this.messages.find((m) => m.id === frame.id);
        if (!message) {
          message = { id: String(frame.id), visitorId, from: "visitor", text: String(frame.text), sentAt: ++this.clock };
          const [page, title] = [frame.page as string | undefined, frame.pageTitle as string | undefined];
          if (page) message.page = title ? { url: page, title } : { url: page };
          this.messages.push(message);
          for (const other of this.open) if (other !== socket && other.visitorId === visitorId) other.deliver({ type: "message", message });
        }
        socket.deliver({ type: "sent", rid, message });
        return;
      }
      case "erase": {
        // The conversation, the visitor's details, and the id: erased, and their other tabs told.
        for (let n = this.messages.length - 1; n >= 0; n--) if (this.messages[n]!.visitorId === visitorId) this.messages.splice(n, 1);
        this.profiles.delete(visitorId);
        for (const other of this.open) if (other !== socket && other.visitorId === visitorId) other.deliver({ type: "deleted", visitorId });
        socket.deliver({ type: "erased", rid });
        return;
      }
    }
  }
}

/** The part of the WebSocket interface PorchConnection uses. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = FakeSocket.CONNECTING;
  visitorId: string | null = null;
  /** Said hello with an owner token. */
  isOwner = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(
    readonly url: string,
    private readonly backend: FakeBackend,
  ) {
    backend.sockets.push(this);
    setTimeout(() => {
      if (this.readyState !== FakeSocket.CONNECTING) return;
      if (backend.refuse) return this.serverClose();
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    });
  }

  send(data: string): void {
    if (this.readyState !== FakeSocket.OPEN) throw new Error("socket not open");
    // The client's frames are checked by the protocol's own parser, as the backend would.
    try {
      parseFrame(data);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.backend.violations.push(`${error.code}: ${error.message} in ${data.slice(0, 300)}`);
    }
    const frame = JSON.parse(data) as Frame;
    setTimeout(() => this.backend.handle(this, frame));
  }

  close(): void {
    if (this.readyState >= FakeSocket.CLOSING) return;
    this.serverClose();
  }

  deliver(frame: ServerFrame | Record<string, unknown>): void {
    if (this.readyState === FakeSocket.OPEN) setTimeout(() => this.onmessage?.({ data: JSON.stringify(frame) }));
  }

  serverClose(): void {
    this.readyState = FakeSocket.CLOSED;
    setTimeout(() => this.onclose?.());
  }
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
export async function until(condition: () => unknown, what = "condition", timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
