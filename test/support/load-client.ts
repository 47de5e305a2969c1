import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import type { ChatMessage, ServerFrame } from "#protocol";
import { loopbackAddress, textOf } from "./client.ts";

type Frame = ServerFrame & { rid?: string };

/**
 * A lean protocol client for load: replies matched by `rid` in a map, pushes handed to a callback,
 * nothing kept (the tests' TestClient keeps every frame, which a 10,000-message run cannot afford).
 */
export class LoadClient {
  /** Called with every pushed message and the time it arrived (performance.now()). */
  onPush: (message: ChatMessage, atMs: number) => void = () => {};
  /** Frames that are neither replies nor pushes, e.g. the gateway's "Internal server error". */
  readonly strays: unknown[] = [];
  private readonly pending = new Map<string, (frame: Frame) => void>();
  private counter = 0;

  private constructor(readonly socket: WebSocket) {
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

  request<T extends Frame = Frame>(frame: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
    const rid = `b${++this.counter}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(new Error(`no reply to ${String(frame.action)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(rid, (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      this.socket.send(JSON.stringify({ ...frame, rid }));
    });
  }

  async expect<T extends Frame>(frame: Record<string, unknown>, type: T["type"]): Promise<T> {
    const reply = await this.request<T>(frame);
    if (reply.type !== type) throw new Error(`${String(frame.action)}: expected ${type}, got ${JSON.stringify(reply)}`);
    return reply;
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
  const { token } = await client.expect<Extract<Frame, { type: "session" }>>({ action: "login", password }, "session");
  await client.expect({ action: "hello", token }, "hello");
  return { client, token };
}

/** A visitor connection that has said hello. */
export async function openVisitor(socketUrl: string, visitorId = randomUUID()): Promise<{ client: LoadClient; visitorId: string }> {
  const client = await LoadClient.open(socketUrl);
  await client.expect({ action: "hello", visitorId }, "hello");
  return { client, visitorId };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
