/**
 * `npm start`: Porch on this machine. Settings come from the environment:
 * PORCH_PORT (8787), PORCH_DEMO_PORT (PORCH_PORT + 1), PORCH_HOST (127.0.0.1),
 * PORCH_DATA_DIR (.porch), PORCH_DYNAMODB_ENDPOINT, PORCH_OWNER_PASSWORD, PORCH_NOTIFY_WEBHOOK,
 * PORCH_CONVERSATIONS_PER_ADDRESS (10/600), PORCH_STAGE_THROTTLE (off; `50/100` as deployed),
 * PORCH_LOG_LEVEL (info; debug also logs every frame).
 */
import { resolve } from "node:path";
import { DataDirLockedError } from "./data-dir-lock.ts";
import { startDemoSite } from "./demo-site.ts";
import type { StaticServer } from "./static.ts";
import { EmptyOwnerPasswordError, startStack } from "./stack.ts";

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name] ?? String(fallback);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`porch: ${name} must be a port number, not "${raw}"`);
    process.exit(2);
  }
  return port;
}

/** `PORCH_STAGE_THROTTLE=<rate>/<burst>`: the gateway throttles the stage as API Gateway does. */
function stageThrottleFromEnv(): { ratePerS: number; burst: number } | undefined {
  const raw = process.env.PORCH_STAGE_THROTTLE;
  if (raw === undefined || raw.trim() === "" || raw === "off") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) {
    console.error(`porch: PORCH_STAGE_THROTTLE must be <requests per second>/<burst>, e.g. 50/100 (as deployed), not "${raw}"`);
    process.exit(2);
  }
  return { ratePerS: Number(match[1]), burst: Number(match[2]) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = resolve(process.env.PORCH_DATA_DIR ?? ".porch");
  const debug = process.env.PORCH_LOG_LEVEL === "debug";
  const host = process.env.PORCH_HOST ?? "127.0.0.1";
  const port = portFromEnv("PORCH_PORT", 8787);
  // The demo blog is another origin than Porch's, as every real site is: the next port by default.
  const demoPort = portFromEnv("PORCH_DEMO_PORT", port === 0 ? 0 : port + 1);
  const stageThrottle = stageThrottleFromEnv();
  console.log("porch: starting the local stack…");
  const stack = await startStack({
    port,
    host,
    dataDir,
    ...(process.env.PORCH_DYNAMODB_ENDPOINT ? { dynamoEndpoint: process.env.PORCH_DYNAMODB_ENDPOINT } : {}),
    ...(process.env.PORCH_CONVERSATIONS_PER_ADDRESS ? { conversationsPerAddress: process.env.PORCH_CONVERSATIONS_PER_ADDRESS } : {}),
    gateway: {
      ...(stageThrottle ? { stageThrottle } : {}),
      ...(debug ? { log: (line: string) => console.log(`gateway: ${line}`) } : {}),
    },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof DataDirLockedError || error instanceof EmptyOwnerPasswordError || error instanceof RangeError) {
      console.error(`porch: ${error.message}`);
    } else if (error.code === "EADDRINUSE") {
      console.error(`porch: port ${port} is taken. Stop the other process or set PORCH_PORT.`);
    } else {
      console.error("porch: could not start:", error);
    }
    process.exit(1);
  });

  // A convenience: without it Porch still runs, so a taken port only costs the demo page.
  const demo: StaticServer | null = await startDemoSite({
    port: demoPort,
    host,
    scriptUrl: `${stack.url}porch.js`,
    endpoint: stack.socketUrl,
  }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "EADDRINUSE" ? `port ${demoPort} is taken (set PORCH_DEMO_PORT)` : error.message;
    console.error(`porch: no demo blog page: ${reason}`);
    return null;
  });

  const password = stack.ownerPasswordFile
    ? `${stack.ownerPassword}  (generated, kept in ${stack.ownerPasswordFile})`
    : `${stack.ownerPassword}  (from PORCH_OWNER_PASSWORD)`;
  console.log(`
  Porch is running (${Date.now() - started} ms)

  Demo blog page   ${demo ? `${demo.url}  (a blog on another origin, embedding the widget)` : "not running"}
  Owner inbox      ${stack.url}inbox.html
  Widget script    ${stack.url}porch.js
  WebSocket        ${stack.socketUrl}${stageThrottle ? `  (stage throttle ${stageThrottle.ratePerS}/s, bursts of ${stageThrottle.burst})` : ""}
  DynamoDB         ${process.env.PORCH_DYNAMODB_ENDPOINT ? stack.dynamoEndpoint : `dynalite, data in ${dataDir}`}
  Owner password   ${password}

  Press Ctrl-C to stop.
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nporch: ${signal}, closing connections and saving data…`);
    const timer = setTimeout(() => {
      console.error("porch: did not stop within 5 s, exiting anyway");
      process.exit(1);
    }, 5000);
    timer.unref();
    await demo?.close();
    await stack.close();
    console.log("porch: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
