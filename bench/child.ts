/**
 * One server of the benchmark in its own process, so its CPU can be told apart:
 * `dynalite` (in memory), `stack` (gateway + handlers, against BENCH_DYNAMO_ENDPOINT) or `echo`
 * (a bare WebSocket echo server, the machine's floor). Talks to the parent over IPC:
 * it sends `{ ready: {...} }`, and answers `{ cpu: true }` and `{ profile: "start" | "stop" }`.
 */
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { startDynalite } from "../backend/local/dynamo.ts";
import { startStack } from "../backend/local/stack.ts";
import { cpuShares, type CpuProfile } from "./profile.ts";

const kind = process.argv[2];
const send = (message: unknown) => process.send?.(message);

async function start(): Promise<Record<string, unknown>> {
  if (kind === "dynalite") return { endpoint: (await startDynalite()).endpoint };
  if (kind === "stack") {
    const stack = await startStack({
      port: 0,
      dataDir: null,
      dynamoEndpoint: process.env.BENCH_DYNAMO_ENDPOINT!,
      ownerPassword: "bench-owner",
      staticRoots: [],
    });
    return { socketUrl: stack.socketUrl, ownerPassword: stack.ownerPassword };
  }
  if (kind === "echo") {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    wss.on("connection", (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary })));
    await new Promise((resolve) => wss.once("listening", resolve));
    return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
  }
  throw new Error(`unknown kind ${kind}`);
}

const session = new Session();
process.on("message", (message: { cpu?: boolean; profile?: "start" | "stop" }) => {
  void (async () => {
    if (message.cpu) send({ cpu: process.cpuUsage() });
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
      send({ shares: cpuShares(profile) });
    }
  })();
});
process.on("disconnect", () => process.exit(0));
send({ ready: await start() });
