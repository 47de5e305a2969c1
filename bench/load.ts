/**
 * Latency, throughput and the machine's floor, with the stack in its own process exactly as
 * `npm start` runs it (dynalite in a thread of that process, data on disk) and the load generator
 * in this one, all on 127.0.0.1.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import WebSocket from "ws";
import type { ChatMessage } from "#protocol";
import { limits } from "#protocol";
import { LoadClient, openOwner, percentile } from "#test/support/load-client.ts";
import type { EventLoopDelay } from "./child.ts";
import type { CpuShares } from "./profile.ts";

export interface Child {
  process: ChildProcess;
  ready: Record<string, string>;
  ask<T>(message: unknown, key: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startChild(kind: "npm-start" | "echo", env: Record<string, string> = {}): Promise<Child> {
  const child = fork(fileURLToPath(new URL("./child.ts", import.meta.url)), [kind], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, PORCH_LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ask = <T>(message: unknown, key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (reply: Record<string, unknown>) => {
        if (!(key in reply)) return;
        child.off("message", onMessage);
        resolve(reply[key] as T);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`${kind} exited (${code})`)));
      if (message !== null) child.send(message as object);
    });
  const ready = await ask<Record<string, string>>(null, "ready");
  return {
    process: child,
    ready,
    ask,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

function summarize(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

export interface LatencyLevel {
  visitors: number;
  visitorToOwner: Percentiles;
  ownerToVisitor: Percentiles;
  seconds: number;
  /** Whether the level stopped at its time limit before reaching the message count. */
  timedOut: boolean;
  /** Visitor messages per second offered (each answered by the owner); null when back to back. */
  offeredPerSecond: number | null;
  /** The stack's main thread's event-loop delay during the level. */
  eventLoopDelay: EventLoopDelay;
}

/** Below saturation, visitors chat at this total pace (each answered by the owner), so latency is not queueing. */
const offeredVisitorMessagesPerSecond = 50;

/** A visitor's messages per visitor id before it says hello again as a new visitor (the rate limit is 20 a minute). */
const messagesPerIdentity = limits.visitorRateMax - 2;

interface Visitor {
  client: LoadClient;
  visitorId: string;
  sentUnderId: number;
}

async function openVisitors(socketUrl: string, count: number): Promise<Visitor[]> {
  const visitors: Visitor[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async () => ({
        client: await LoadClient.open(socketUrl),
        visitorId: "",
        sentUnderId: messagesPerIdentity,
      })),
    );
    visitors.push(...batch);
  }
  return visitors;
}

/**
 * Says hello under a fresh visitor id when this one is close to the rate limit, over a connection
 * of its own: a new visitor is a new page (and a connection may send 30 frames at once, 10 a
 * second after that, and open 3 conversations: docs/security.md).
 */
async function identity(visitor: Visitor, socketUrl: string): Promise<void> {
  if (visitor.sentUnderId < messagesPerIdentity) return;
  if (visitor.visitorId) {
    const { onPush } = visitor.client;
    await visitor.client.close();
    visitor.client = await LoadClient.open(socketUrl);
    visitor.client.onPush = onPush;
  }
  visitor.visitorId = randomUUID();
  visitor.sentUnderId = 0;
  await visitor.client.expectReply({ action: "hello", visitorId: visitor.visitorId });
}

/**
 * Each visitor, in a loop: sends a message; the owner, on receiving it, answers that visitor; the
 * visitor waits for the answer, thinks (random, mean visitors / 50 s, so all of them together offer
 * about 50 messages a second; none with a single visitor) and sends the next. Both directions are
 * timed from the sender's `send` to the receiver's push.
 */
async function latencyLevel(
  socketUrl: string,
  password: string,
  visitorCount: number,
  messages: number,
  limitMs: number,
): Promise<Omit<LatencyLevel, "eventLoopDelay">> {
  const owner = await openOwner(socketUrl, password);
  const visitors = await openVisitors(socketUrl, visitorCount);
  const visitorToOwner: number[] = [];
  const ownerToVisitor: number[] = [];
  const sentAt = new Map<string, number>();
  const answered = new Map<string, () => void>();
  owner.client.onPush = (message: ChatMessage, atMs: number) => {
    if (message.from !== "visitor") return;
    visitorToOwner.push(atMs - (sentAt.get(message.id) ?? atMs));
    sentAt.delete(message.id);
    const reply = randomUUID();
    sentAt.set(reply, performance.now());
    void owner.client
      .request({
        action: "send",
        token: owner.token,
        visitorId: message.visitorId,
        id: reply,
        text: `Thanks, noted: ${message.text.slice(0, 40)}`,
      })
      .catch(() => {});
  };
  for (const visitor of visitors) {
    visitor.client.onPush = (message, atMs) => {
      if (message.from !== "owner") return;
      ownerToVisitor.push(atMs - (sentAt.get(message.id) ?? atMs));
      sentAt.delete(message.id);
      answered.get(message.visitorId)?.();
    };
  }
  const thinkMs = (visitorCount / offeredVisitorMessagesPerSecond) * 1000;
  const started = performance.now();
  let issued = 0;
  let timedOut = false;
  await Promise.all(
    visitors.map(async (visitor) => {
      // Visitors arrive spread over one think time, not all in the same millisecond.
      if (visitorCount > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
      while (issued < messages) {
        if (performance.now() - started > limitMs) {
          timedOut = true;
          return;
        }
        issued++;
        await identity(visitor, socketUrl);
        const id = randomUUID();
        const answer = new Promise<void>((resolve) => answered.set(visitor.visitorId, resolve));
        sentAt.set(id, performance.now());
        visitor.sentUnderId++;
        const reply = await visitor.client.request({
          action: "send",
          visitorId: visitor.visitorId,
          id,
          text: `Question number ${issued}: is this in stock?`,
        });
        if (reply.type !== "sent") throw new Error(`send failed: ${JSON.stringify(reply)}`);
        await Promise.race([answer, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (visitorCount > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * thinkMs));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([owner.client.close(), ...visitors.map((visitor) => visitor.client.close())]);
  return {
    visitors: visitorCount,
    visitorToOwner: summarize(visitorToOwner),
    ownerToVisitor: summarize(ownerToVisitor),
    seconds,
    timedOut,
    offeredPerSecond: visitorCount > 1 ? offeredVisitorMessagesPerSecond : null,
  };
}

export interface Throughput {
  visitors: number;
  seconds: number;
  delivered: number;
  deliveredPerSecond: number;
  sentPerSecond: number;
  /** CPU seconds per wall second (1 = one core busy), per process (the stack's includes its DynamoDB thread). */
  cpu: { stack: number; loadGenerator: number; total: number };
  /** The stack's main thread's event-loop delay at saturation. */
  eventLoopDelay: EventLoopDelay;
  /** How the stack process's busy time splits, from a CPU profile of a second, shorter run. */
  stackSplit: CpuShares | null;
}

/** Visitors send as fast as their replies come back; every message is pushed to one online owner. */
async function saturate(
  socketUrl: string,
  password: string,
  visitorCount: number,
  seconds: number,
): Promise<{ delivered: number; sent: number; seconds: number }> {
  const owner = await openOwner(socketUrl, password);
  const visitors = await openVisitors(socketUrl, visitorCount);
  let delivered = 0;
  let sent = 0;
  owner.client.onPush = () => void delivered++;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    visitors.map(async (visitor) => {
      while (performance.now() < deadline) {
        await identity(visitor, socketUrl);
        visitor.sentUnderId++;
        const reply = await visitor.client.request({
          action: "send",
          visitorId: visitor.visitorId,
          id: randomUUID(),
          text: "How long does shipping take?",
        });
        if (reply.type === "sent") sent++;
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all([owner.client.close(), ...visitors.map((visitor) => visitor.client.close())]);
  return { delivered, sent, seconds: elapsed };
}

export interface LoadReport {
  latency: LatencyLevel[];
  throughput: Throughput;
  /** Sequential round trips to the stack's own DynamoDB and to a bare echo server; PutItems a second. */
  floor: { dynamoPut: Percentiles & { perSecond: number }; webSocketEcho: Percentiles };
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

export async function measureLoad(
  progress: (line: string) => void,
  options = { messages: 2000, levels: [1, 50, 200], levelLimitMs: 80_000 },
): Promise<LoadReport> {
  // `npm start` with a fresh data dir, on free ports, with a known password: nothing else set.
  const dataDir = await mkdtemp(join(tmpdir(), "porch-bench-"));
  const stack = await startChild("npm-start", {
    PORCH_DATA_DIR: dataDir,
    PORCH_PORT: "0",
    PORCH_OWNER_PASSWORD: "bench-owner",
  });
  const { socketUrl, ownerPassword, dynamoEndpoint } = stack.ready as { socketUrl: string; ownerPassword: string; dynamoEndpoint: string };
  const watchEventLoop = async <T>(run: () => Promise<T>) => {
    await stack.ask({ eventLoop: "start" }, "monitoring");
    const result = await run();
    return { result, eventLoopDelay: await stack.ask<EventLoopDelay>({ eventLoop: "stop" }, "eventLoopDelay") };
  };
  try {
    progress("load: warming up (200 messages)");
    await latencyLevel(socketUrl, ownerPassword, 20, 200, 30_000);
    const latency: LatencyLevel[] = [];
    for (const visitors of options.levels) {
      progress(`load: latency with ${visitors} concurrent visitor(s), ${options.messages} messages each way`);
      const { result, eventLoopDelay } = await watchEventLoop(() =>
        latencyLevel(socketUrl, ownerPassword, visitors, options.messages, options.levelLimitMs),
      );
      const level = { ...result, eventLoopDelay };
      progress(
        `load:   visitor→owner p50 ${level.visitorToOwner.p50} ms, p99 ${level.visitorToOwner.p99} ms (${level.seconds.toFixed(1)} s); event-loop delay p99 ${eventLoopDelay.p99} ms, max ${eventLoopDelay.max} ms`,
      );
      latency.push(level);
    }

    progress("load: throughput at saturation (200 visitors, 10 s)");
    const cpuBefore = await stack.ask<NodeJS.CpuUsage>({ cpu: true }, "cpu");
    const selfBefore = process.cpuUsage();
    const { result: run, eventLoopDelay } = await watchEventLoop(() => saturate(socketUrl, ownerPassword, 200, 10));
    const selfCpu = cpuSeconds(process.cpuUsage(selfBefore));
    const stackCpu = cpuSeconds(await stack.ask<NodeJS.CpuUsage>({ cpu: true }, "cpu")) - cpuSeconds(cpuBefore);
    progress(
      `load:   ${(run.delivered / run.seconds).toFixed(0)} delivered messages/s; profiling the stack for the gateway/handler split (5 s)`,
    );
    await stack.ask({ profile: "start" }, "profiling");
    await saturate(socketUrl, ownerPassword, 200, 5);
    const stackSplit = await stack.ask<CpuShares>({ profile: "stop" }, "shares");
    const perWall = (cpu: number) => Math.round((cpu / run.seconds) * 100) / 100;
    const throughput: Throughput = {
      visitors: 200,
      seconds: Math.round(run.seconds * 10) / 10,
      delivered: run.delivered,
      deliveredPerSecond: Math.round(run.delivered / run.seconds),
      sentPerSecond: Math.round(run.sent / run.seconds),
      cpu: { stack: perWall(stackCpu), loadGenerator: perWall(selfCpu), total: perWall(stackCpu + selfCpu) },
      eventLoopDelay,
      stackSplit,
    };

    progress("floor: bare PutItem round trips to the stack's DynamoDB, and WebSocket echoes (1,000 each)");
    const floor = { dynamoPut: await putFloor(dynamoEndpoint, 1000), webSocketEcho: await echoFloor(1000) };
    return { latency, throughput, floor };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Sequential PutItem round trips from the SDK (in this process) to the stack's dynalite; how many a second. */
async function putFloor(endpoint: string, count: number): Promise<Percentiles & { perSecond: number }> {
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const samples: number[] = [];
  try {
    for (let n = 0; n < count + 100; n++) {
      const started = performance.now();
      await client.send(
        new PutItemCommand({ TableName: "porch", Item: { pk: { S: `FLOOR#${n % 50}` }, sk: { S: "#" }, n: { N: String(n) } } }),
      );
      if (n >= 100) samples.push(performance.now() - started);
    }
  } finally {
    client.destroy();
  }
  const totalMs = samples.reduce((sum, ms) => sum + ms, 0);
  return { ...summarize(samples), perSecond: Math.round((samples.length / totalMs) * 1000) };
}

/** Sequential echoes of a message-sized text frame through a bare `ws` server in its own process. */
async function echoFloor(count: number): Promise<Percentiles> {
  const echo = await startChild("echo");
  const socket = new WebSocket(echo.ready.url!, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const frame = JSON.stringify({ action: "send", visitorId: randomUUID(), id: randomUUID(), text: "How long does shipping take?" });
  const samples: number[] = [];
  try {
    for (let n = 0; n < count + 100; n++) {
      const started = performance.now();
      await new Promise((resolve) => {
        socket.once("message", resolve);
        socket.send(frame);
      });
      if (n >= 100) samples.push(performance.now() - started);
    }
  } finally {
    socket.close();
    await echo.stop();
  }
  return summarize(samples);
}
