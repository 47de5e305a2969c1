/**
 * Step 4: the handler bundles step 2 built for the deploy (the files SST would zip) run on the
 * local stack in place of the source handlers, and answer a visitor over a real WebSocket:
 * hello, send, list; the jobs bundle erases a conversation the owner deletes, and emails an
 * address's confirmation and a reply through SES (the local one), whose links (confirm,
 * unsubscribe) the unsubscribe bundle answers. Modules the
 * bundles leave to Lambda's runtime SDK resolve from this repository's node_modules here.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { jobsFunction, notifyFunction, routes, unsubscribeFunction } from "#backend/handlers/routes.ts";
import { startStack, type FunctionKey, type Stack } from "#backend/local/stack.ts";
import type { LambdaHandler } from "#backend/local/gateway.ts";
import { TestClient } from "#test/support/client.ts";
import type { HandlerBuild } from "./mock-deploy.ts";

/** Imports each function's deployed bundle and returns its handler export. */
export async function loadBundledHandlers(builds: HandlerBuild[]) {
  const handlers: Partial<Record<FunctionKey, LambdaHandler>> = {};
  const failures: string[] = [];
  const functions: { key: FunctionKey; handler: string }[] = [
    ...routes.map((route) => ({ key: route.routeKey, handler: route.handler })),
    { key: "notify", handler: notifyFunction.handler },
    { key: "jobs", handler: jobsFunction.handler },
    { key: "unsubscribe", handler: unsubscribeFunction.handler },
  ];
  for (const { key, handler } of functions) {
    const build = builds.find((candidate) => candidate.bundle.handler === handler);
    if (!build) {
      failures.push(`no bundle was built for ${key} (${handler})`);
      continue;
    }
    const module = await import(pathToFileURL(build.bundle.file).href);
    const exported = module[build.bundle.exportName];
    if (typeof exported !== "function") {
      failures.push(`${path.basename(build.bundle.file)} exports no function "${build.bundle.exportName}"`);
      continue;
    }
    handlers[key] = exported as LambdaHandler;
  }
  return { handlers, failures };
}

export async function runSmoke(builds: HandlerBuild[]): Promise<string[]> {
  const { handlers, failures } = await loadBundledHandlers(builds);
  if (failures.length > 0) return failures;
  const stack = await startStack({
    port: 0,
    dataDir: null,
    handlers,
    email: { visitorEmails: true, siteUrl: "https://blog.example.com/", delayS: 1 },
  });
  try {
    return [...(await visitorConversation(stack.socketUrl)), ...(await deletedAndSwept(stack)), ...(await replyEmailed(stack))];
  } finally {
    await stack.close();
  }
}

/** What a visitor does first: say hello, send a message, read the history back. */
export async function visitorConversation(url: string): Promise<string[]> {
  const failures: string[] = [];
  const client = await TestClient.open(url);
  try {
    const visitorId = randomUUID();
    const hello = await client.request({ action: "hello", visitorId });
    if (hello.type !== "hello") failures.push(`hello answered ${JSON.stringify(hello)}`);

    const id = randomUUID();
    const text = "Hello from verify:deploy";
    const sent = await client.request({ action: "send", visitorId, id, text });
    if (sent.type !== "sent" || sent.message.id !== id || sent.message.text !== text) {
      failures.push(`send answered ${JSON.stringify(sent)}`);
    }

    const history = await client.request({ action: "list", visitorId });
    if (history.type !== "history" || !history.messages.some((message) => message.id === id)) {
      failures.push(`list answered ${JSON.stringify(history)}`);
    }
  } finally {
    client.socket.close();
  }
  return failures;
}

/** The owner deletes a conversation; the bundled jobs function, fed by the local queue, erases its messages. */
async function deletedAndSwept(stack: Stack): Promise<string[]> {
  const failures: string[] = [];
  const visitorId = randomUUID();
  const visitor = await TestClient.open(stack.socketUrl);
  const owner = await TestClient.open(stack.socketUrl);
  try {
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Erase me, verify:deploy" });
    const session = await owner.request({ action: "login", password: stack.ownerPassword });
    const deleted = session.type === "session" ? await owner.request({ action: "delete", token: session.token, visitorId }) : session;
    if (deleted.type !== "deleted") failures.push(`delete answered ${JSON.stringify(deleted)}`);
    // The sweep runs at once; an owner's digest job waits for its window's end (minutes), not for this.
    await stack.queue.idle(30_000, { dueWithinMs: 1000 });
    const run = stack.queue.invocations().at(-1);
    if (!run?.outcome.startsWith("returned, 0 failed")) failures.push(`the jobs bundle's sweep ended: ${run?.outcome ?? "never ran"}`);
  } finally {
    visitor.socket.close();
    owner.socket.close();
  }
  return failures;
}

/**
 * A visitor leaves an address: the jobs bundle asks its recipient to confirm it, the unsubscribe
 * bundle's page confirms it; the owner answers: the jobs bundle emails the reply, the unsubscribe
 * bundle answers its link.
 */
async function replyEmailed(stack: Stack): Promise<string[]> {
  const failures: string[] = [];
  const visitorId = randomUUID();
  const address = `smoke-${visitorId}@example.com`;
  const sentTo = async () => (await stack.ses.messages()).filter((email) => email.Destination.ToAddresses.includes(address));
  // The emails are due at once and in a second; the visitor's message scheduled its window's digest for minutes later.
  const jobsDone = () => stack.queue.idle(30_000, { dueWithinMs: 5000 });
  const visitor = await TestClient.open(stack.socketUrl);
  const owner = await TestClient.open(stack.socketUrl);
  try {
    await visitor.request({ action: "register", visitorId, email: address });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Email me, verify:deploy" });
    visitor.socket.close();
    await jobsDone();
    const asked = await sentTo();
    const confirmUrl = /Confirm: (\S+)/.exec(asked[0]?.Body.text_part ?? "")?.[1];
    if (asked.length !== 1 || !confirmUrl) return [`the jobs bundle sent ${asked.length} emails to confirm one address, with no link`];
    const confirmed = await fetch(confirmUrl, { method: "POST" });
    if (confirmed.status !== 200) return [`the unsubscribe bundle answered ${confirmed.status} to the confirmation link's button`];
    const session = await owner.request({ action: "login", password: stack.ownerPassword });
    if (session.type !== "session") return [`login answered ${JSON.stringify(session)}`];
    await owner.request({ action: "send", token: session.token, visitorId, id: randomUUID(), text: "Here is your reply" });
    await jobsDone();
    const emails = (await sentTo()).slice(asked.length);
    if (emails.length !== 1)
      return [`the jobs bundle sent ${emails.length} emails for one reply (jobs: ${JSON.stringify(stack.queue.invocations().at(-1))})`];
    const unsubscribe = emails[0]!.Headers.find((header) => header.Name === "List-Unsubscribe")?.Value.slice(1, -1) ?? "";
    const response = await fetch(unsubscribe, { method: "POST", body: "List-Unsubscribe=One-Click" });
    if (response.status !== 200) failures.push(`the unsubscribe bundle answered ${response.status} to the email's one-click unsubscribe`);
  } finally {
    visitor.socket.close();
    owner.socket.close();
  }
  return failures;
}
