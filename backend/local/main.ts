/**
 * `npm start`: Porch on this machine. Settings come from the environment:
 * PORCH_PORT (8787), PORCH_DEMO_PORT (PORCH_PORT + 1), PORCH_HOST (127.0.0.1),
 * PORCH_DATA_DIR (.porch), PORCH_DYNAMODB_ENDPOINT, PORCH_OWNER_PASSWORD, PORCH_NOTIFY_WEBHOOK,
 * PORCH_OWNER_NAME, PORCH_OWNER_AVATAR, PORCH_OWNER_REPLY_TIME (the demo blog's author by default),
 * PORCH_CONVERSATIONS_PER_ADDRESS (10/600), PORCH_STAGE_THROTTLE (off; `50/100` as deployed),
 * PORCH_LOG_LEVEL (info; debug also logs every frame); reply emails: PORCH_SES_PORT
 * (PORCH_PORT + 4), PORCH_SITE_URL (the demo blog), PORCH_VISITOR_EMAILS (on),
 * PORCH_VISITOR_EMAIL_DELAY_S (180), PORCH_SITE_NAME, PORCH_EMAIL_FROM, PORCH_LINK_SIGNING_KEY;
 * the owner's notification emails: PORCH_OWNER_EMAIL.
 */
import { resolve } from "node:path";
import { OwnerProfileError, ownerProfileFrom, ownerProfileVariables } from "../chat/owner-profile.ts";
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
  // The local SES's API and viewer, on loopback (8789 and 8790 are `npm run dev:site`'s).
  const sesPort = portFromEnv("PORCH_SES_PORT", port === 0 ? 0 : port + 4);
  // Who answers: the demo blog's author unless the environment names someone (as a deploy's .env does).
  const demoOwner = !process.env[ownerProfileVariables.name] && !process.env[ownerProfileVariables.avatar];
  if (demoOwner) {
    process.env[ownerProfileVariables.name] = "Marta Lindqvist";
    process.env[ownerProfileVariables.replyTime] ??= "Usually replies within a few hours";
  }
  let owner: ReturnType<typeof ownerProfileFrom>;
  try {
    owner = ownerProfileFrom(process.env);
  } catch (error) {
    if (!(error instanceof OwnerProfileError)) throw error;
    console.error(`porch: ${error.message}`);
    process.exit(2);
  }
  console.log("porch: starting the local stack…");
  const stack = await startStack({
    port,
    host,
    dataDir,
    ses: { port: sesPort },
    // Reply emails' "Continue the conversation" links go back to the demo blog.
    ...(demoPort && !process.env.PORCH_SITE_URL
      ? { email: { siteUrl: `http://${host}:${demoPort}/`, siteName: process.env.PORCH_SITE_NAME ?? "Crumb & Crust" } }
      : {}),
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
      console.error(`porch: port ${port} or ${sesPort} is taken. Stop the other process or set PORCH_PORT (and PORCH_SES_PORT).`);
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
  Who answers      ${owner.name ?? "(no name)"}${demoOwner ? "  (the demo's author: set PORCH_OWNER_NAME for yours)" : ""}
  Emails sent      ${stack.ses.endpoint}/  (the local SES's viewer; as JSON: ${stack.url}_aws/ses)
  Owner emails     ${process.env.PORCH_OWNER_EMAIL?.trim() ? `on: notifications go to ${process.env.PORCH_OWNER_EMAIL.trim()}` : "off (set PORCH_OWNER_EMAIL)"}
  Reply emails     ${stack.email.visitorEmails ? `on: owner replies a visitor has not seen for ${stack.email.delayS} s are emailed` : "off (set PORCH_SITE_URL, or unset PORCH_VISITOR_EMAILS=off)"}

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
