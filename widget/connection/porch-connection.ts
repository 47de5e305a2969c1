import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Caller, RequestOf, ReplyTo, SentReply, ServerFrame } from "#protocol";
import { PorchConnectionError, PorchServerError } from "./errors.ts";

/**
 * `idle`: never asked to connect. `connecting`: a socket is opening or saying hello.
 * `online`: hello answered, sends flow. `offline`: waiting to retry after a drop.
 */
export type ConnectionState = "idle" | "connecting" | "online" | "offline";

/** A frame as its caller writes it: the connection adds `rid` and the credential fields `C`. */
export type Draft<F, C extends string> = F extends unknown ? Omit<F, "rid" | C> : never;

export interface PorchConnectionOptions<Who extends Caller, C extends string> {
  /** The WebSocket URL, read at every (re)connect. */
  url: () => string;
  /** Fields merged into every frame: `{visitorId}` for a visitor, `{token}` for the owner. */
  credentials: () => Record<C, string>;
  /**
   * Runs on every open socket before it counts as online: send `hello` here (and start a catch-up).
   * Throwing drops the socket and retries with backoff; call `stop()` first to give up instead.
   */
  onOpen: () => Promise<void>;
  /** Frames that answer no request of this connection: pushes. */
  onPush: (frame: ServerFrame) => void;
  /** Called after every state change, besides the host's update. */
  onStateChange?: (state: ConnectionState) => void;
  /**
   * The answer to every `ping`, whose watermark says whether this client missed a push. A ping goes
   * out every `pingIntervalMs`, once sent messages are answered, and on `check()`, which the hosts
   * call when their page is shown again (a page the browser froze, or the device slept with, is
   * hidden until then). After a device sleeps, an interval that fell due meanwhile fires at once.
   */
  onPong?: (pong: ReplyTo<Who, "ping">) => void;
  /** Milliseconds between pings, read when the socket comes online: 4 minutes by default (API Gateway closes a connection after 10 idle ones). */
  pingIntervalMs?: () => number | undefined;
  /** Reconnect on purpose before API Gateway's 2-hour connection limit. */
  maxLifetimeMs?: number;
  /** A request unanswered this long counts the socket as dead. */
  replyTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

interface PendingReply {
  resolve: (frame: ServerFrame) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface OutboxEntry<F> {
  frame: F;
  resolve: (reply: SentReply) => void;
  reject: (error: PorchServerError) => void;
}

/**
 * One WebSocket to the Porch backend, as a Lit reactive controller: shared by `<porch-chat>`
 * (credentials `{visitorId}`) and the owner's `<porch-inbox>` (credentials `{token}`).
 *
 * It matches replies to requests by `rid`, says hello (through `onOpen`) on every connect,
 * pings, reconnects with exponential backoff and full jitter, reconnects on purpose before the
 * gateway's lifetime limit, and keeps an outbox of `send` frames keyed by message `id`, sent one at
 * a time in order and resent after every reconnect until each is answered: the backend stores a
 * resent id once.
 */
export class PorchConnection<Who extends Caller, C extends string> implements ReactiveController {
  state: ConnectionState = "idle";

  private socket: WebSocket | null = null;
  /** Between `start()` and `stop()`: reconnect whenever the socket drops. */
  private keepConnected = false;
  private attempt = 0;
  private ridPrefix = Math.random().toString(36).slice(2, 6);
  private ridCounter = 0;
  private readonly awaitingReply = new Map<string, PendingReply>();
  private onlineWaiters: (() => void)[] = [];
  private readonly outbox = new Map<string, OutboxEntry<Draft<RequestOf<Who>, C>>>();
  /** The outbox entry whose `send` is awaiting its reply on the current socket (one at a time). */
  private inFlight: OutboxEntry<Draft<RequestOf<Who>, C>> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lifetimeTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The network is back: reconnect now if offline, or else check the socket and what it missed
   * (a device waking from sleep gets its network back: its socket may be dead, pushes lost).
   */
  private readonly retryNow = () => {
    if (this.state === "offline") this.open();
    else this.check();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PorchConnectionOptions<Who, C>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener("online", this.retryNow);
    if (this.keepConnected && !this.socket) this.open();
  }

  hostDisconnected(): void {
    removeEventListener("online", this.retryNow);
    this.drop();
    clearTimeout(this.retryTimer);
    this.setState(this.keepConnected ? "offline" : "idle");
  }

  /** Starts connecting (idempotent); the connection then stays up until `stop()`. */
  start(): void {
    this.keepConnected = true;
    if (!this.socket && this.state !== "offline") this.open();
  }

  /** Closes the socket and stops reconnecting. Queued sends stay queued for a later `start()`. */
  stop(): void {
    this.keepConnected = false;
    clearTimeout(this.retryTimer);
    this.drop();
    this.setState("idle");
  }

  /** Sends one request and resolves with its reply; an `error` reply rejects with `PorchServerError`. */
  request<A extends RequestOf<Who>["action"]>(frame: Draft<RequestOf<Who>, C> & { action: A }): Promise<ReplyTo<Who, A>> {
    return this.exchange(frame) as Promise<ReplyTo<Who, A>>;
  }

  /** Sends any frame with this connection's credentials and a fresh `rid`; resolves with its reply. */
  private exchange(frame: object): Promise<ServerFrame> {
    return new Promise<ServerFrame>((resolve, reject) => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject(new PorchConnectionError("offline"));
        return;
      }
      const rid = `${this.ridPrefix}${(++this.ridCounter).toString(36)}`;
      const timer = setTimeout(() => {
        this.awaitingReply.delete(rid);
        reject(new PorchConnectionError("timeout"));
        // A silent socket is usually half-open: replace it rather than wait for TCP to notice.
        if (this.socket === socket) this.reconnect();
      }, this.options.replyTimeoutMs ?? 15_000);
      this.awaitingReply.set(rid, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...frame, ...this.options.credentials(), rid }));
    });
  }

  /**
   * Queues a `send` under its message id and sends it now if online, else after the next hello.
   * Resolves with the stored message; rejects only when the server refuses it (`PorchServerError`).
   * Sending an id that is already queued returns a promise for the same outcome.
   */
  send(frame: Draft<RequestOf<Who>, C> & { action: "send"; id: string }): Promise<SentReply> {
    const queued = this.outbox.get(frame.id);
    if (queued) this.outbox.delete(frame.id);
    const result = new Promise<SentReply>((resolve, reject) => {
      this.outbox.set(frame.id, {
        frame,
        resolve: (reply) => (queued?.resolve(reply), resolve(reply)),
        reject: (error) => (queued?.reject(error), reject(error)),
      });
    });
    if (this.state === "online") this.flush();
    return result;
  }

  /** Pings now: its pong (`onPong`) says whether anything was missed. */
  readonly check = (): void => {
    if (this.state === "online") this.exchange({ action: "ping" }).then(this.options.onPong as (frame: ServerFrame) => void, () => {});
  };

  /** Resolves once the connection is online (hello answered); rejects after `timeoutMs`. */
  whenOnline(timeoutMs = this.options.replyTimeoutMs ?? 15_000): Promise<void> {
    if (this.state === "online") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new PorchConnectionError("offline")), timeoutMs);
      this.onlineWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  /** Ids of sends not yet answered, oldest first. */
  get queuedIds(): string[] {
    return [...this.outbox.keys()];
  }

  /** Replaces the socket now, e.g. before the gateway's connection lifetime runs out. */
  reconnect(): void {
    this.drop();
    this.attempt = 0;
    if (this.keepConnected) this.open();
  }

  private open(): void {
    clearTimeout(this.retryTimer);
    this.setState("connecting");
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.drop();
      this.scheduleRetry();
    };
    socket.onopen = async () => {
      try {
        await this.options.onOpen();
      } catch {
        if (this.socket === socket) socket.close();
        return;
      }
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState("online");
      this.pingTimer = setInterval(this.check, this.options.pingIntervalMs?.() ?? 4 * 60_000);
      this.lifetimeTimer = setTimeout(() => this.reconnect(), this.options.maxLifetimeMs ?? 110 * 60_000);
      this.flush();
    };
  }

  /**
   * Sends the outbox one message at a time, in the order they were written: the gateway runs
   * frames concurrently, so sending the next only after the previous one's `sent` keeps the
   * conversation in the visitor's order (a reconnect can release several queued messages at once).
   */
  private flush(): void {
    if (this.inFlight) return;
    const next = this.outbox.entries().next();
    if (next.done) return;
    const [id, entry] = next.value;
    this.inFlight = entry;
    this.exchange(entry.frame).then(
      (reply) => {
        this.inFlight = null;
        this.settle(id, entry);
        entry.resolve(reply as SentReply);
        this.flush();
        // Another message may have been stored meanwhile, its push lost: the pong says.
        if (!this.outbox.size) this.check();
      },
      (error: Error) => {
        this.inFlight = null;
        if (error instanceof PorchServerError) {
          this.settle(id, entry);
          entry.reject(error);
          this.flush();
        }
        // Otherwise it was lost with its socket and stays first in the outbox: the next hello sends it again.
      },
    );
  }

  /** Takes an answered entry out of the outbox, unless `send()` queued the id anew meanwhile. */
  private settle(id: string, entry: OutboxEntry<Draft<RequestOf<Who>, C>>): void {
    if (this.outbox.get(id) === entry) this.outbox.delete(id);
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    const rid = "rid" in frame ? frame.rid : undefined;
    const waiting = rid ? this.awaitingReply.get(rid) : undefined;
    if (!waiting) {
      this.options.onPush(frame);
      return;
    }
    this.awaitingReply.delete(rid!);
    clearTimeout(waiting.timer);
    if (frame.type === "error") waiting.reject(new PorchServerError(frame.code, frame.message));
    else waiting.resolve(frame);
  }

  /** Forgets the current socket and fails its requests; the outbox keeps its entries. */
  private drop(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.lifetimeTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (socket.readyState <= WebSocket.OPEN) socket.close();
    }
    for (const [rid, waiting] of this.awaitingReply) {
      clearTimeout(waiting.timer);
      waiting.reject(new PorchConnectionError("closed"));
      this.awaitingReply.delete(rid);
    }
  }

  private scheduleRetry(): void {
    if (!this.keepConnected) return;
    this.setState("offline");
    const base = this.options.backoffBaseMs ?? 1_000;
    const ceiling = Math.min(this.options.backoffMaxMs ?? 30_000, base * 2 ** this.attempt++);
    // Full jitter, floored at half the ceiling, so a server restart is not met by every visitor at once.
    this.retryTimer = setTimeout(() => this.open(), ceiling * (0.5 + Math.random() / 2));
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    if (state === "online") for (const wake of this.onlineWaiters.splice(0)) wake();
    this.options.onStateChange?.(state);
    this.host.requestUpdate();
  }
}
