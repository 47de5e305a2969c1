/**
 * Step 3: the handler bundles step 2 built for the deploy (the files SST would zip) answer a
 * visitor over a real WebSocket on the local stack: hello, send, list.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { routes } from "../../backend/handlers/routes.ts";
import type { HandlerBuild } from "./mock-deploy.ts";

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

export interface SmokeResult {
  failures: string[];
  /** Why the conversation did not run, when it could not. */
  skipped?: string;
}

/** Imports each route's deployed bundle and returns its handler export, by route key. */
export async function loadBundledHandlers(builds: HandlerBuild[]) {
  const handlers: Record<string, Handler> = {};
  const failures: string[] = [];
  for (const route of routes) {
    const build = builds.find((candidate) => candidate.bundle.handler === route.handler);
    if (!build) {
      failures.push(`no bundle was built for ${route.routeKey} (${route.handler})`);
      continue;
    }
    const module = await import(pathToFileURL(build.bundle.file).href);
    const handler = module[build.bundle.exportName];
    if (typeof handler !== "function") {
      failures.push(`${path.basename(build.bundle.file)} exports no function "${build.bundle.exportName}"`);
      continue;
    }
    handlers[route.routeKey] = handler;
  }
  return { handlers, failures };
}

export async function runSmoke(root: string, builds: HandlerBuild[]): Promise<SmokeResult> {
  const { handlers, failures } = await loadBundledHandlers(builds);
  if (failures.length > 0) return { failures };

  const stackModule = path.join(root, "backend", "local", "stack.ts");
  if (!existsSync(stackModule)) {
    return {
      failures: [],
      skipped: "backend/local/stack.ts is not in this branch yet: bundles imported, conversation not run",
    };
  }
  // Wired once the local stack lands: start it with `handlers` in place of the source ones,
  // then hold the conversation below against its URL.
  return {
    failures: [],
    skipped: "the local stack exists but step 3 is not wired to it yet",
  };
}

/** What a visitor does first: say hello, send a message, read the history back. */
export async function visitorConversation(url: string): Promise<string[]> {
  const failures: string[] = [];
  const socket = await connect(url);
  try {
    const visitorId = randomUUID();
    const hello = await request(socket, { action: "hello", visitorId });
    if (hello.type !== "hello") failures.push(`hello answered ${JSON.stringify(hello)}`);

    const id = randomUUID();
    const text = "Hello from verify:deploy";
    const sent = await request(socket, { action: "send", visitorId, id, text });
    if (sent.type !== "sent" || sent.message?.id !== id || sent.message?.text !== text) {
      failures.push(`send answered ${JSON.stringify(sent)}`);
    }

    const history = await request(socket, { action: "list", visitorId });
    const listed = history.messages?.some((message: { id: string }) => message.id === id);
    if (history.type !== "history" || !listed) failures.push(`list answered ${JSON.stringify(history)}`);
  } finally {
    socket.close();
  }
  return failures;
}

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

let ridCounter = 0;

/** Sends a frame with a fresh `rid` and resolves with the reply that echoes it. */
function request(socket: WebSocket, frame: Record<string, unknown>, timeoutMs = 5000): Promise<any> {
  const rid = `smoke-${++ridCounter}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off("message", onMessage);
      reject(new Error(`no reply to ${String(frame.action)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString());
      if (reply.rid !== rid) return;
      clearTimeout(timer);
      socket.off("message", onMessage);
      resolve(reply);
    };
    socket.on("message", onMessage);
    socket.send(JSON.stringify({ ...frame, rid }));
  });
}
