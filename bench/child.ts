/**
 * One server of the benchmark in its own process, so its CPU can be told apart:
 * `npm-start` (the local stack exactly as `npm start` starts it: the same settings from the
 * environment, dynalite in its thread, data on disk) or `echo` (a bare WebSocket echo server, the
 * machine's floor). Talks to the parent over IPC: it sends `{ ready: {...} }`, and answers `{ cpu: true }`,
 * `{ profile: "start" | "stop" }` and `{ eventLoop: "start" | "stop" }` (the main thread's
 * event-loop delay, from `perf_hooks.monitorEventLoopDelay`).
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, type ELDHistogram } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import { startSettingsFrom } from "#backend/local/start-options.ts";
import { startStack } from "#backend/local/stack.ts";
import { cpuShares, type CpuProfile } from "./profile.ts";

const kind = process.argv[2];
const send = (message: unknown) => process.send?.(message);

async function start(): Promise<Record<string, unknown>> {
  if (kind === "npm-start") {
    const stack = await startStack(startSettingsFrom(process.env).stack);
    return { socketUrl: stack.socketUrl, ownerPassword: stack.ownerPassword, dynamoEndpoint: stack.dynamoEndpoint };
  }
  if (kind === "echo") {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary })));
    await new Promise((resolve) => wss.once("listening", resolve));
    return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
  }
  throw new Error(`unknown kind ${kind}`);
}

/** Event-loop delay in milliseconds: percentiles and the longest stall. */
export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const session = new Session();
let delay: ELDHistogram | undefined;
process.on("message", (message: { cpu?: boolean; profile?: "start" | "stop"; eventLoop?: "start" | "stop" }) => {
  void (async () => {
    if (message.cpu) send({ cpu: process.cpuUsage() });
    if (message.eventLoop === "start") {
      delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      send({ monitoring: true });
    }
    if (message.eventLoop === "stop" && delay) {
      delay.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      send({ eventLoopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } });
    }
    if (message.profile === "start") {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 500 });
      await session.post("Profiler.start");
      send({ profiling: true });
    }
    if (message.profile === "stop") {
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
      session.disconnect();
      // BENCH_PROFILE_FILE keeps the whole profile (open it in Chrome's DevTools, Performance tab).
      if (process.env.BENCH_PROFILE_FILE) await writeFile(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
      send({ shares: cpuShares(profile) });
    }
  })();
});
process.on("disconnect", () => process.exit(0));
send({ ready: await start() });
