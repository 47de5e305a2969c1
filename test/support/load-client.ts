import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import type { ChatMessage } from "#protocol";
import { loopbackAddress, textOf } from "./client.ts";
import { type Frame, ProtocolClient } from "./protocol-client.ts";

/**
 * A lean protocol client for load: requests typed by the protocol, replies matched by `rid` in a
 * map, pushes handed to a callback, nothing kept (the tests' TestClient keeps every frame, which a
 * 10,000-message run cannot afford).
 */
export class LoadClient extends ProtocolClient {
  /** Called with every pushed message and the time it arrived (performance.now()). */
  onPush: (message: ChatMessage, atMs: number) => void = () => {};
  /** Frames that are neither replies nor pushes, e.g. the gateway's "Internal server error". */
  readonly strays: unknown[] = [];
  private readonly pending = new Map<string, (frame: Frame) => void>();
  private counter = 0;

  private constructor(readonly socket: WebSocket) {
    super();
    socket.on("message", (data) => {
      const atMs = performance.now();
      const frame = JSON.parse(textOf(data)) as Frame;
      if (frame.type === "message") return this.onPush(frame.message, atMs);
      const resolve = frame.rid === undefined ? undefined : this.pending.get(frame.rid);
      if (!resolve) return void this.strays.push(frame);
      this.pending.delete(frame.rid!);
      resolve(frame);
    });
  }

  /** Opens a connection from `localAddress`, by default one of its own in 127.0.0.0/8 (TestClient.open says why). */
  static async open(url: string, options: { localAddress?: string } = {}): Promise<LoadClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false, localAddress: options.localAddress ?? loopbackAddress() });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new LoadClient(socket);
  }

  protected exchange(frame: Record<string, unknown>, timeoutMs = 30_000): Promise<Frame> {
    const rid = typeof frame.rid === "string" ? frame.rid : `b${++this.counter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(new Error(`no reply to ${String(frame.action)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(rid, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.send(JSON.stringify({ ...frame, rid }));
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

/** Signs in as the owner on a fresh connection. */
export async function openOwner(socketUrl: string, password: string): Promise<{ client: LoadClient; token: string }> {
  const client = await LoadClient.open(socketUrl);
  const { token } = await client.expectReply({ action: "login", password });
  await client.expectReply({ action: "hello", token });
  return { client, token };
}

/** A visitor connection that has said hello. */
export async function openVisitor(socketUrl: string, visitorId = randomUUID()): Promise<{ client: LoadClient; visitorId: string }> {
  const client = await LoadClient.open(socketUrl);
  await client.expectReply({ action: "hello", visitorId });
  return { client, visitorId };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
