/**
 * `npm start`: Porch on this machine. Settings come from the environment:
 * PORCH_PORT (8787), PORCH_HOST (127.0.0.1), PORCH_DATA_DIR (.porch), PORCH_DYNAMODB_ENDPOINT,
 * PORCH_OWNER_PASSWORD, PORCH_NOTIFY_WEBHOOK, PORCH_LOG_LEVEL (info; debug also logs every frame).
 */
import { resolve } from "node:path";
import { startStack } from "./stack.ts";

function portFromEnv(): number {
  const raw = process.env.PORCH_PORT ?? "8787";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`porch: PORCH_PORT must be a port number, not "${raw}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = resolve(process.env.PORCH_DATA_DIR ?? ".porch");
  const debug = process.env.PORCH_LOG_LEVEL === "debug";
  console.log("porch: starting the local stack…");
  const stack = await startStack({
    port: portFromEnv(),
    host: process.env.PORCH_HOST ?? "127.0.0.1",
    dataDir,
    ...(process.env.PORCH_DYNAMODB_ENDPOINT ? { dynamoEndpoint: process.env.PORCH_DYNAMODB_ENDPOINT } : {}),
    ...(debug ? { gateway: { log: (line: string) => console.log(`gateway: ${line}`) } } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") {
      console.error(`porch: port ${portFromEnv()} is taken. Stop the other process or set PORCH_PORT.`);
    } else {
      console.error("porch: could not start:", error);
    }
    process.exit(1);
  });

  const password = stack.ownerPasswordFile
    ? `${stack.ownerPassword}  (generated, kept in ${stack.ownerPasswordFile})`
    : `${stack.ownerPassword}  (from PORCH_OWNER_PASSWORD)`;
  console.log(`
  Porch is running (${Date.now() - started} ms)

  Demo blog page   ${stack.url}
  Owner inbox      ${stack.url}inbox.html
  WebSocket        ${stack.socketUrl}
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
    await stack.close();
    console.log("porch: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
