import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import type { MessagePush } from "#protocol";
import { contractViolation } from "./contract.ts";
import { type Frame, ProtocolClient } from "./protocol-client.ts";

/**
 * A protocol client over a real WebSocket, for tests: requests typed by the protocol and matched by
 * `rid`, pushes collected, and every frame the backend sends checked against the protocol's schemas
 * (`TestClient.violations`). Hostile frames go as they are, through `sendRaw` and `requestRaw`.
 */
export class TestClient extends ProtocolClient {
  /** Frames that broke the protocol's contract, from every client; `useStack` fails a suite with any. */
  static readonly violations: string[] = [];
  readonly frames: Frame[] = [];
  private readonly requests = new Map<string, Record<string, unknown>>();
  /** Each received frame's size on the wire, in bytes. */
  readonly bytes = new WeakMap<Frame, number>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  private counter = 0;

  private constructor(readonly socket: WebSocket) {
    super();
    socket.on("message", (data) => {
      const text = textOf(data);
      const frame = JSON.parse(text) as Frame;
      const request = frame.rid === undefined ? undefined : this.requests.get(frame.rid);
      const violation = contractViolation(frame, frame.rid === undefined ? "none" : (request ?? "unknown"));
      if (violation) TestClient.violations.push(violation);
      this.bytes.set(frame, Buffer.byteLength(text));
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /**
   * Opens a connection from `localAddress`, by default an address of its own in 127.0.0.0/8: each
   * client is someone somewhere, as on the internet, so per-address limits see what they would see
   * there (Linux routes the whole block to loopback). Abuse tests pin one address for an attacker.
   */
  static async open(url: string, options: { localAddress?: string } = {}): Promise<TestClient> {
    const socket = new WebSocket(url, { localAddress: options.localAddress ?? loopbackAddress() });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new TestClient(socket);
  }

  /** Frames pushed to this client (not replies). */
  get pushes(): MessagePush[] {
    return this.frames.filter((frame): frame is MessagePush => frame.type === "message");
  }

  /** Sends `data` as it is: a frame the protocol does not declare, or bytes that are no frame at all. */
  sendRaw(data: string | Buffer): void {
    const frame = parseObject(data);
    if (typeof frame?.rid === "string") this.requests.set(frame.rid, frame);
    this.socket.send(data);
  }

  /**
   * Sends a hostile frame and resolves with whatever answers it. Text and bytes go as they are, and
   * the next frame to arrive answers them. An object goes as JSON with a fresh `rid` unless it has a
   * `rid` of its own, and the frame that echoes it answers (the next frame, if that is no string).
   */
  requestRaw(frame: string | Buffer | Record<string, unknown>, timeoutMs = 5000): Promise<Frame> {
    if (typeof frame === "string" || Buffer.isBuffer(frame)) {
      const reply = this.next(timeoutMs);
      this.sendRaw(frame);
      return reply;
    }
    const rid = "rid" in frame ? frame.rid : this.freshRid();
    const reply =
      typeof rid === "string" ? this.waitFor((candidate) => candidate.rid === rid, timeoutMs, `reply to ${rid}`) : this.next(timeoutMs);
    this.sendRaw(JSON.stringify({ ...frame, rid }));
    return reply;
  }

  protected exchange(frame: Record<string, unknown>, timeoutMs = 5000): Promise<Frame> {
    const rid = typeof frame.rid === "string" ? frame.rid : this.freshRid();
    this.requests.set(rid, frame);
    const reply = this.waitFor((candidate) => candidate.rid === rid, timeoutMs, `reply to ${String(frame.action)}`);
    this.socket.send(JSON.stringify({ ...frame, rid }));
    return reply;
  }

  private freshRid(): string {
    return `r${++this.counter}-${randomUUID().slice(0, 8)}`;
  }

  /** Resolves with the first frame, already received or to come, that matches. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 5000, what = "a frame"): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** Resolves with the next frame that arrives after this call. */
  next(timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.length;
    return this.waitFor(() => this.frames.length > seen, timeoutMs, "the next frame");
  }

  waitForPush(messageId: string, timeoutMs = 5000): Promise<MessagePush> {
    return this.waitFor(
      (frame) => frame.type === "message" && frame.message.id === messageId,
      timeoutMs,
      `push of ${messageId}`,
    ) as Promise<MessagePush>;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }
}

/** The JSON object `data` holds, or undefined when it holds something else. */
function parseObject(data: string | Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data.toString());
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A WebSocket message as text, whichever form `ws` hands it over in. */
export function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString("utf8");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, if needed, until at least `needMs` remain in the current window of `windowMs` (fixed
 * windows start on multiples of their length, as the limits' do): a test that checks a limit's
 * count then never straddles two windows.
 */
export async function withinOneWindow(windowMs: number, needMs = 20_000): Promise<void> {
  const leftMs = windowMs - (Date.now() % windowMs);
  if (leftMs < needMs) await sleep(leftMs + 50);
}

/** A random source address in 127.0.0.0/8 other than 127.0.0.1: a visitor of their own. */
export function loopbackAddress(): string {
  const byte = (low: number) => low + Math.floor(Math.random() * (255 - low));
  return `127.${byte(1)}.${byte(0)}.${byte(1)}`;
}
