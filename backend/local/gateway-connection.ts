/**
 * One WebSocket connection of the API Gateway emulator, from its `$connect` to its `$disconnect`:
 * its state, its socket, its idle and lifetime limits, and why it closed (docs/local-stack.md).
 */
import { WebSocket } from "ws";
import type { RawData } from "ws";
import type { ConnectionFacts } from "./gateway-events.ts";
import type { ManagedConnection } from "./management-api.ts";

/** Why a socket closed, as `$disconnect` is told. */
export interface CloseCause {
  statusCode: number;
  reason: string;
}

/** The `disconnectReason`s API Gateway gives, by what closed the socket. */
export const closeReasons = {
  goingAway: "Going away",
  shutdown: "Going Away",
  deleted: "Connection Closed Normally",
  tooBig: "Message too big",
  noStatus: "Client-side close frame status not set",
  abnormal: "Connection closed abnormally",
} as const;

/** A client's frame as a MESSAGE event carries it: text, or binary as base64. */
export interface Frame {
  body: string;
  isBase64Encoded: boolean;
}

/** What a connection tells its gateway. */
export interface ConnectionListener {
  /** A data frame arrived on the open connection. */
  frame(connection: GatewayConnection, frame: Frame): void;
  /** The connection has ended: `$disconnect` is due, with `cause`. */
  ended(connection: GatewayConnection, cause: CloseCause): void;
  log(line: string): void;
}

export interface ConnectionLimits {
  idleTimeoutMs: number;
  maxConnectionMs: number;
}

/** How long a closing socket may take to answer the close frame before it is cut. */
const closeHandshakeMs = 1_000;

function frameOf(data: RawData, isBinary: boolean): Frame {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return isBinary ? { body: bytes.toString("base64"), isBase64Encoded: true } : { body: bytes.toString("utf8"), isBase64Encoded: false };
}

/** The cause `$disconnect` gets for a close the gateway did not start. */
function clientCloseCause(code: number, reason: Buffer): CloseCause {
  if (code === 1005) return { statusCode: 1005, reason: closeReasons.noStatus };
  if (code === 1006) return { statusCode: 1006, reason: closeReasons.abnormal };
  return { statusCode: code, reason: reason.toString("utf8") };
}

/**
 * `connecting` while `$connect` runs; `open` once the upgrade is done (only then does the management
 * API know it); `closing` once either side began to close; `closed` once `$disconnect` is due.
 */
export class GatewayConnection {
  /** Resolves once the socket is gone and `$disconnect` has been started (or refused without one). */
  readonly gone: Promise<void>;
  private state: "connecting" | "open" | "closing" | "closed" = "connecting";
  private ws: WebSocket | undefined;
  private lastActiveAtMs: number;
  /** Set when the gateway closes the socket, so its code wins over the client's echo. */
  private closedByGateway: CloseCause | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private markGone: () => void = () => {};

  constructor(
    readonly facts: ConnectionFacts,
    private readonly listener: ConnectionListener,
  ) {
    this.lastActiveAtMs = facts.connectedAtMs;
    this.gone = new Promise<void>((resolve) => (this.markGone = resolve));
  }

  get id(): string {
    return this.facts.connectionId;
  }

  get isOpen(): boolean {
    return this.state === "open";
  }

  /** The upgrade is done: frames flow both ways, the idle and lifetime limits start. */
  open(ws: WebSocket, limits: ConnectionLimits): void {
    this.ws = ws;
    this.state = "open";
    this.lastActiveAtMs = Date.now();
    const goingAway = { statusCode: 1001, reason: closeReasons.goingAway };
    // The idle timer first: `touch` refreshes it.
    this.startTimer(limits.idleTimeoutMs, () => this.closeByGateway(goingAway));
    this.startTimer(limits.maxConnectionMs, () => this.closeByGateway(goingAway));
    ws.on("error", (error: Error & { code?: string }) => this.failed(error));
    ws.on("message", (data, isBinary) => this.received(frameOf(data, isBinary)));
    ws.on("close", (code, reason) => this.end(this.closedByGateway ?? clientCloseCause(code, reason)));
  }

  /** Sends a text frame, if the connection is open; it counts as activity. */
  send(data: string | Buffer): void {
    const ws = this.ws;
    if (this.state !== "open" || !ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(data, { binary: false });
    this.touch();
  }

  /** The gateway closes the socket with `cause`, and cuts it if the client does not answer in time. */
  closeByGateway(cause: CloseCause): void {
    if (this.state !== "open") return;
    this.state = "closing";
    this.closedByGateway = cause;
    this.ws?.close(cause.statusCode, cause.reason);
    this.startTimer(closeHandshakeMs, () => this.ws?.terminate());
  }

  /** The connection is over (it closed, or never opened though `$connect` accepted it): `$disconnect` is due. */
  end(cause: CloseCause): void {
    this.state = "closed";
    for (const timer of this.timers) clearTimeout(timer);
    this.listener.ended(this, cause);
    this.markGone();
  }

  /** `$connect` refused it: it never opens, and no `$disconnect` runs. */
  refused(): void {
    this.state = "closed";
    this.markGone();
  }

  /** What the management API may see and do, while the connection is open. */
  managed(): ManagedConnection | undefined {
    if (this.state !== "open") return undefined;
    return {
      connectedAtMs: this.facts.connectedAtMs,
      lastActiveAtMs: this.lastActiveAtMs,
      identity: this.facts.identity,
      post: (data) => this.send(data),
      disconnect: () => this.closeByGateway({ statusCode: 1000, reason: closeReasons.deleted }),
    };
  }

  private received(frame: Frame): void {
    if (this.state !== "open") return;
    this.touch();
    this.listener.frame(this, frame);
  }

  private failed(error: Error & { code?: string }): void {
    // `ws` has already sent the close frame (1009 for an oversized frame); record why.
    if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
      this.closedByGateway ??= { statusCode: 1009, reason: closeReasons.tooBig };
    }
    if (this.state === "open") this.state = "closing";
    this.listener.log(`ERROR ${this.id} ${error.message}`);
  }

  private touch(): void {
    this.lastActiveAtMs = Date.now();
    this.timers[0]?.refresh();
  }

  private startTimer(delayMs: number, fire: () => void): void {
    const timer = setTimeout(fire, delayMs);
    timer.unref();
    this.timers.push(timer);
  }
}
