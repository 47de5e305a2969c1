/**
 * What `npm start` passes to `startStack`, read from the environment (backend/local/main.ts lists
 * the variables). One function, so that the benchmark starts the stack exactly as `npm start`
 * does (bench/child.ts).
 */
import { resolve } from "node:path";
import { pushAllowPattern, pushAllowVariable } from "../notify/push-services.ts";
import type { StackOptions } from "./stack.ts";

/** A setting `npm start` cannot run with; its message says which and why. */
export class StartSettingError extends Error {
  override readonly name = "StartSettingError";
}

export interface StartSettings {
  stack: StackOptions & { port: number; host: string; dataDir: string; ses: { port: number }; smtp: { port: number } };
  /** The demo blog's port (0: a free one). */
  demoPort: number;
  stageThrottle: { ratePerS: number; burst: number } | undefined;
  debug: boolean;
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name] ?? String(fallback);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartSettingError(`${name} must be a port number, not "${raw}"`);
  return port;
}

/** `PORCH_STAGE_THROTTLE=<rate>/<burst>`: the gateway throttles the stage as API Gateway does. */
function stageThrottleFrom(env: NodeJS.ProcessEnv): { ratePerS: number; burst: number } | undefined {
  const raw = env.PORCH_STAGE_THROTTLE;
  if (raw === undefined || raw.trim() === "" || raw === "off") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) {
    throw new StartSettingError(`PORCH_STAGE_THROTTLE must be <requests per second>/<burst>, e.g. 50/100 (as deployed), not "${raw}"`);
  }
  return { ratePerS: Number(match[1]), burst: Number(match[2]) };
}

/** `PORCH_PUSH_ALLOW=<host>:<port>`: a stand-in push service the stack pushes to (backend/notify/push-services.ts). */
function pushAllowFrom(raw: string): string {
  if (!pushAllowPattern.test(raw))
    throw new StartSettingError(`${pushAllowVariable} must be <host>:<port>, e.g. 127.0.0.1:9000, not "${raw}"`);
  return raw;
}

export function startSettingsFrom(env: NodeJS.ProcessEnv): StartSettings {
  const dataDir = resolve(env.PORCH_DATA_DIR ?? ".porch");
  const debug = env.PORCH_LOG_LEVEL === "debug";
  const host = env.PORCH_HOST ?? "127.0.0.1";
  const port = portFrom(env, "PORCH_PORT", 8787);
  // The demo blog is another origin than Porch's, as every real site is: the next port by default.
  const demoPort = portFrom(env, "PORCH_DEMO_PORT", port === 0 ? 0 : port + 1);
  const stageThrottle = stageThrottleFrom(env);
  // The local SES's API and viewer, on loopback (8789 and 8790 are `npm run dev:site`'s).
  const sesPort = portFrom(env, "PORCH_SES_PORT", port === 0 ? 0 : port + 4);
  // The SMTP server answers by email arrive at (backend/local/smtp.ts), on loopback.
  const smtpPort = portFrom(env, "PORCH_SMTP_PORT", port === 0 ? 0 : port + 5);
  return {
    stack: {
      port,
      host,
      dataDir,
      ses: { port: sesPort },
      smtp: { port: smtpPort },
      // Reply emails' "Continue the conversation" links go back to the demo blog.
      ...(demoPort && !env.PORCH_SITE_URL
        ? { email: { siteUrl: `http://${host}:${demoPort}/`, siteName: env.PORCH_SITE_NAME ?? "Crumb & Crust" } }
        : {}),
      // Protocol frames are served in a thread of their own, so the stack uses both cores
      // (PORCH_FUNCTION_THREAD=off serves them in the main thread, e.g. for a debugger).
      functionThread: env.PORCH_FUNCTION_THREAD?.trim().toLowerCase() !== "off",
      ...(env.PORCH_DYNAMODB_ENDPOINT ? { dynamoEndpoint: env.PORCH_DYNAMODB_ENDPOINT } : {}),
      ...(env.PORCH_CONVERSATIONS_PER_ADDRESS ? { conversationsPerAddress: env.PORCH_CONVERSATIONS_PER_ADDRESS } : {}),
      ...(env[pushAllowVariable] ? { pushAllow: pushAllowFrom(env[pushAllowVariable]) } : {}),
      gateway: {
        ...(stageThrottle ? { stageThrottle } : {}),
        ...(debug ? { log: (line: string) => console.log(`gateway: ${line}`) } : {}),
      },
    },
    demoPort,
    stageThrottle,
    debug,
  };
}
