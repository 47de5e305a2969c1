/**
 * `npm start`: Porch on this machine. Settings come from the environment (read by
 * backend/local/start-options.ts, which the benchmark starts the stack with too):
 * PORCH_PORT (8787), PORCH_DEMO_PORT (PORCH_PORT + 1), PORCH_HOST (127.0.0.1),
 * PORCH_DATA_DIR (.porch), PORCH_DYNAMODB_ENDPOINT, PORCH_OWNER_PASSWORD, PORCH_NOTIFY_WEBHOOK,
 * PORCH_OWNER_NAME, PORCH_OWNER_AVATAR, PORCH_OWNER_REPLY_TIME (the demo blog's author by default),
 * PORCH_CONVERSATIONS_PER_ADDRESS (10/600), PORCH_STAGE_THROTTLE (off; `50/100` as deployed),
 * PORCH_LOG_LEVEL (info; debug also logs every frame), PORCH_LOG_FORMAT (pretty in a terminal,
 * json otherwise), PORCH_FUNCTION_THREAD (on; off serves
 * protocol frames in the main thread); reply emails: PORCH_SES_PORT
 * (PORCH_PORT + 4), PORCH_SITE_URL (the demo blog), PORCH_VISITOR_EMAILS (on),
 * PORCH_VISITOR_EMAIL_DELAY_S (180), PORCH_SITE_NAME, PORCH_EMAIL_FROM, PORCH_LINK_SIGNING_KEY;
 * the owner's notification emails: PORCH_OWNER_EMAIL; answers by email: PORCH_INBOUND_DOMAIN
 * (porch.localhost), PORCH_SMTP_PORT (PORCH_PORT + 5); PORCH_PUSH_ALLOW (none: a stand-in push
 * service, `<host>:<port>`, that Web Push may use besides the browsers' own).
 */
import { OwnerProfileError, ownerProfileFrom, ownerProfileVariables } from "../chat/owner-profile.ts";
import { DataDirLockedError } from "./data-dir-lock.ts";
import { startDemoSite } from "./demo-site.ts";
import type { StaticServer } from "./static.ts";
import { startSettingsFrom, StartSettingError } from "./start-options.ts";
import { EmptyOwnerPasswordError, startStack, type Stack } from "./stack.ts";

type StartSettings = ReturnType<typeof startSettingsFrom>;

/** Stops `npm start` with a line that says what to fix. */
function exitWith(message: string, code: number): never {
  console.error(`porch: ${message}`);
  process.exit(code);
}

function settingsOrExit(): StartSettings {
  try {
    return startSettingsFrom(process.env);
  } catch (error) {
    if (!(error instanceof StartSettingError)) throw error;
    exitWith(error.message, 2);
  }
}

/** Who answers: the demo blog's author unless the environment names someone (as a deploy's .env does). */
function ownerOrExit(): { owner: ReturnType<typeof ownerProfileFrom>; demoOwner: boolean } {
  const demoOwner = !process.env[ownerProfileVariables.name] && !process.env[ownerProfileVariables.avatar];
  if (demoOwner) {
    process.env[ownerProfileVariables.name] = "Marta Lindqvist";
    process.env[ownerProfileVariables.replyTime] ??= "Usually replies within a few hours";
  }
  try {
    return { owner: ownerProfileFrom(process.env), demoOwner };
  } catch (error) {
    if (!(error instanceof OwnerProfileError)) throw error;
    exitWith(error.message, 2);
  }
}

function startStackOrExit(options: StartSettings["stack"]): Promise<Stack> {
  return startStack(options).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof DataDirLockedError || error instanceof EmptyOwnerPasswordError || error instanceof RangeError) {
      exitWith(error.message, 1);
    }
    if (error.code === "EADDRINUSE") {
      exitWith(
        `port ${options.port}, ${options.ses.port} or ${options.smtp.port} is taken. Stop the other process or set PORCH_PORT (and PORCH_SES_PORT, PORCH_SMTP_PORT).`,
        1,
      );
    }
    console.error("porch: could not start:", error);
    process.exit(1);
  });
}

/** A convenience: without it Porch still runs, so a taken port only costs the demo page. */
function startDemoOrNone(stack: Stack, demoPort: number, host: string): Promise<StaticServer | null> {
  return startDemoSite({
    port: demoPort,
    host,
    scriptUrl: `${stack.url}porch.js`,
    endpoint: stack.socketUrl,
    attachmentsOrigin: stack.s3.endpoint,
  }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === "EADDRINUSE" ? `port ${demoPort} is taken (set PORCH_DEMO_PORT)` : error.message;
    console.error(`porch: no demo blog page: ${reason}`);
    return null;
  });
}

function printBanner(
  startupMs: number,
  settings: StartSettings,
  stack: Stack,
  demo: StaticServer | null,
  owner: ReturnType<typeof ownerOrExit>,
) {
  const { stageThrottle } = settings;
  const password = stack.ownerPasswordFile
    ? `${stack.ownerPassword}  (generated, kept in ${stack.ownerPasswordFile})`
    : `${stack.ownerPassword}  (from PORCH_OWNER_PASSWORD)`;
  console.log(`
  Porch is running (started in ${startupMs} ms)

  Demo blog page   ${demo ? `${demo.url}  (a blog on another origin, embedding the widget)` : "not running"}
  Owner inbox      ${stack.url}inbox.html
  Widget script    ${stack.url}porch.js
  WebSocket        ${stack.socketUrl}${stageThrottle ? `  (stage throttle ${stageThrottle.ratePerS}/s, bursts of ${stageThrottle.burst})` : ""}
  DynamoDB         ${process.env.PORCH_DYNAMODB_ENDPOINT ? stack.dynamoEndpoint : `dynalite, data in ${settings.stack.dataDir}`}
  Owner password   ${password}
  Who answers      ${owner.owner.name ?? "(no name)"}${owner.demoOwner ? "  (the demo's author: set PORCH_OWNER_NAME for yours)" : ""}
  Emails sent      ${stack.ses.endpoint}/  (the local SES's viewer; as JSON: ${stack.url}_aws/ses)
  Owner emails     ${process.env.PORCH_OWNER_EMAIL?.trim() ? `on: notifications go to ${process.env.PORCH_OWNER_EMAIL.trim()}` : "off (set PORCH_OWNER_EMAIL)"}
  Answers by email ${stack.inbound.smtpUrl ? `${stack.inbound.smtpUrl}  (mail to reply+…@${stack.inbound.domain}; senders' DNS in ${settings.stack.dataDir}/dns.json)` : "off (PORCH_INBOUND_DOMAIN is empty)"}
  Reply emails     ${stack.email.visitorEmails ? `on: owner replies a visitor has not seen for ${stack.email.delayS} s are emailed` : "off (set PORCH_SITE_URL, or unset PORCH_VISITOR_EMAILS=off)"}
  Logs             ${process.env.PORCH_LOG_FORMAT === "pretty" ? "one line per event below (PORCH_LOG_FORMAT=json for JSON)" : "JSON, one line per event (PORCH_LOG_FORMAT=pretty for lines)"}

  ${process.stdin.isTTY ? "Press Enter to show this again, Ctrl-C to stop." : "Press Ctrl-C to stop."}
`);
}

/**
 * Log lines for a person in a terminal, JSON (as deployed) when the output goes to a file or
 * another program; set before the stack starts, so its worker threads inherit it.
 */
function chooseLogFormat(): void {
  if (process.env.PORCH_LOG_FORMAT !== "json" && process.env.PORCH_LOG_FORMAT !== "pretty") {
    process.env.PORCH_LOG_FORMAT = process.stdout.isTTY ? "pretty" : "json";
  }
}

/** In a terminal, Enter shows the banner again, once log lines have pushed it out of sight. */
function showBannerOnEnter(show: () => void): void {
  if (!process.stdin.isTTY) return;
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (input: string) => {
    if (input.includes("\n") || input.includes("\r")) show();
  });
}

/** Ctrl-C or SIGTERM: close connections and save data, or exit anyway after 5 s. */
function stopOnSignals(stack: Stack, demo: StaticServer | null): void {
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

async function main(): Promise<void> {
  const startedMs = Date.now();
  const settings = settingsOrExit();
  const owner = ownerOrExit();
  chooseLogFormat();
  console.log("porch: starting the local stack…");
  const stack = await startStackOrExit(settings.stack);
  const demo = await startDemoOrNone(stack, settings.demoPort, settings.stack.host);
  // Last, once everything has started and said so: what a person needs stays at the bottom.
  const startupMs = Date.now() - startedMs;
  const show = () => printBanner(startupMs, settings, stack, demo, owner);
  show();
  showBannerOnEnter(show);
  stopOnSignals(stack, demo);
}

await main();
