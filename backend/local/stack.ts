import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import type { Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { attachmentEnv, attachmentPolicyFrom } from "../attachments/policy.ts";
import { conversationsPerAddressFrom } from "../chat/abuse-limits.ts";
import { ownerLeaseVariable } from "../chat/owner-lease.ts";
import { ownerProfileVariables } from "../chat/owner-profile.ts";
import { retentionDaysFrom, retentionEveryFrom, retentionVariables } from "../chat/retention.ts";
import { delaySecondsFrom, emailEnv } from "../email/settings.ts";
import { newLinkKey } from "../email/link-tokens.ts";
import { startNewContainers } from "../handlers/container.ts";
import { retentionJob } from "../jobs/job.ts";
import { inboundFunction, jobsFunction, notifyFunction, routes, unsubscribeFunction } from "../handlers/routes.ts";
import { rawMailEnv } from "../inbound/raw-mail.ts";
import { ownerEmailVariable } from "../notify/owner-email.ts";
import { pushAllowVariable } from "../notify/push-services.ts";
import { ensureTable } from "../store/create-table.ts";
import { declaredFiles, siteResponseHeaders } from "#infra/hosting.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { startDynaliteThread, type LocalDynamo } from "./dynamo.ts";
import { startFunctionThread } from "./function-thread.ts";
import { FunctionUrl } from "./function-url.ts";
import { createGateway, type Gateway, type GatewayOptions, type LambdaHandler } from "./gateway.ts";
import { LambdaApi } from "./lambda-api.ts";
import { provideLinks } from "./links.ts";
import { createLocalQueue, type LocalQueue, type LocalQueueOptions } from "./queue.ts";
import { startLocalS3, type LocalS3 } from "./s3.ts";
import { startLocalSes, type LocalSes, type SesFaults } from "./ses.ts";
import { LocalDnsTable } from "./dns-table.ts";
import { LocalSmtp } from "./smtp.ts";
import { LocalSchedule } from "./schedule.ts";
import { StackServers } from "./stack-servers.ts";
import { staticFiles } from "./static.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export type RouteKey = (typeof routes)[number]["routeKey"];
/** Every function the stack runs: the routes, `notify`, `jobs` and `unsubscribe`. */
export type FunctionKey = RouteKey | "notify" | "jobs" | "unsubscribe" | "inbound";

/**
 * The environment as it was when the stack module loaded: a stack's defaults come from it, never
 * from what an earlier stack in this process wrote for its handlers.
 */
const launchEnv: Readonly<Record<string, string | undefined>> = { ...process.env };

/** Reply emails to visitors on the local stack (backend/email/settings.ts names the variables). */
export interface LocalEmailOptions {
  /** Default: on (`PORCH_VISITOR_EMAILS`), when a site URL is known. */
  visitorEmails?: boolean;
  /** Seconds before an unseen owner reply is emailed. Default: `PORCH_VISITOR_EMAIL_DELAY_S`, else 180. */
  delayS?: number;
  /** The site the widget is on. Default: `PORCH_SITE_URL`; without one, visitor emails are off. */
  siteUrl?: string;
  siteName?: string;
  from?: string;
  /**
   * The domain the local SMTP server receives answers for, named in every email's `Reply-To`.
   * Default: `PORCH_INBOUND_DOMAIN`, else `porch.localhost`; "" turns answers by email off.
   */
  inboundDomain?: string;
}

/** The notify function's name, as the local Invoke API knows it. */
const notifyFunctionName = "porch-notify";
/** The jobs queue's name, in its URL. */
const jobsQueueName = "porch-jobs";
/** Where the jobs queue keeps its messages, in the data dir. */
const jobsQueueFile = "jobs-queue.json";

export interface StackOptions {
  /** Port for the Porch site and the WebSocket (0 picks a free one). Default 8787. */
  port?: number;
  /** Address the site and the WebSocket listen on. The internal APIs are on loopback whatever it is. */
  host?: string;
  /** Where data and the generated owner password live; `null` keeps everything in memory. Default `.porch`. */
  dataDir?: string | null;
  /** Use this DynamoDB endpoint instead of starting dynalite. */
  dynamoEndpoint?: string;
  tableName?: string;
  /**
   * Default: `PORCH_OWNER_PASSWORD`, else one generated once and kept in the data dir. An empty
   * (or blank) password given either way is refused: the stack does not start.
   */
  ownerPassword?: string;
  /** The key of reply emails' links. Default: `PORCH_LINK_SIGNING_KEY`, else one generated once and kept in the data dir. */
  linkSigningKey?: string;
  email?: LocalEmailOptions;
  /** The local S3 of attachments: its port on 127.0.0.1 (default: a free one). */
  s3?: { port?: number };
  /** What the site takes as attachments (`PORCH_ATTACHMENT_MAX_MB`, `PORCH_ATTACHMENT_TYPES`); default: as deployed. */
  attachments?: { maxMb?: number; types?: string };
  /** The local SES: its port on 127.0.0.1 (default: a free one) and faults for tests. */
  ses?: { port?: number; faults?: SesFaults };
  /** The local SMTP server of answers by email (backend/local/smtp.ts): its port on 127.0.0.1 (default: a free one). */
  smtp?: { port?: number };
  /** Who answers, in visitors' widgets. Default: `PORCH_OWNER_NAME`, `PORCH_OWNER_AVATAR`, `PORCH_OWNER_REPLY_TIME`. */
  ownerProfile?: { name?: string; avatar?: string; replyTime?: string };
  /** Seconds before visitors hear that the owner left (default 15, as deployed); tests shorten it. */
  ownerAwayGraceS?: number;
  /**
   * Seconds an owner connection counts as alive after its last hello or ping (`PORCH_OWNER_LEASE_S`,
   * default 300, as deployed); tests shorten it.
   */
  ownerLeaseS?: number;
  notifyWebhook?: string;
  /** The owner's address for notification emails. Default: `PORCH_OWNER_EMAIL`; none: no emails. */
  ownerEmail?: string;
  /**
   * A stand-in push service, `<host>:<port>`, that `subscribe` takes and the notify function
   * pushes to besides the browsers' push services (`PORCH_PUSH_ALLOW`; tests). Default: none, as
   * deployed (the deploy refuses the variable).
   */
  pushAllow?: string;
  /** API Gateway stage name: the WebSocket is at `/<stage>`. */
  stage?: string;
  /** SST's stage, which owner tokens are bound to (`Resource.App.stage`). Default "local". */
  appStage?: string;
  /** New conversations per source address, `<count>/<seconds>` (`PORCH_CONVERSATIONS_PER_ADDRESS`). Default 10/600. */
  conversationsPerAddress?: string;
  /** Days a conversation is kept after its last message (`PORCH_RETENTION_DAYS`, default 365; 0: until deleted). */
  retentionDays?: number;
  /** Seconds between runs of the retention job, which also runs at start (`PORCH_RETENTION_EVERY_S`, default 3600). */
  retentionEveryS?: number;
  /** Handlers to run instead of the source ones, e.g. the bundles `sst deploy` would upload. */
  handlers?: Partial<Record<FunctionKey, LambdaHandler>>;
  /**
   * Run the `$default` function (every protocol frame) in a worker thread of its own, as
   * `npm start` does, so the stack uses more than one core (backend/local/function-thread.ts).
   * Default false: tests run it in this process, where they can replace it.
   */
  functionThread?: boolean;
  /** Emulator settings for tests: timeouts, limits, faults. */
  gateway?: Partial<Omit<GatewayOptions, "stage" | "routes">>;
  /** Jobs queue settings for tests: visibility and function timeouts, receives, faults. */
  queue?: Partial<Omit<LocalQueueOptions, "name" | "origin" | "handler">>;
  /**
   * Folders of the Porch site, served over HTTP with the site's headers (infra/hosting.ts),
   * first match wins. Default: dist/, the files a deploy uploads.
   */
  staticRoots?: string[];
}

export interface Stack {
  /** The Porch site, as CloudFront serves it when deployed: `porch.js`, `inbox.html`. */
  url: string;
  socketUrl: string;
  /** The management API, on the internal port (loopback only). */
  managementEndpoint: string;
  /** The internal APIs' origin (management, Lambda Invoke, SQS): loopback, a port of its own. */
  internalUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  ownerPassword: string;
  /** Whether the owner password was generated (and where it is kept). */
  ownerPasswordFile: string | null;
  linkSigningKey: string;
  /** Whether visitor emails are on, with what their functions are given. */
  email: { visitorEmails: boolean; delayS: number; siteUrl: string | null; unsubscribeUrl: string };
  /** The local SES: its API and viewer at `ses.endpoint`, the emails at `GET <url>_aws/ses`. */
  ses: LocalSes;
  /** The local S3 of attachments (`s3.endpoint` is every presigned url's host), and its bucket. */
  s3: LocalS3;
  attachmentsBucket: string;
  /**
   * Answers by email: the SMTP server (`smtp://127.0.0.1:<port>`) taking mail for `domain` (none
   * without an inbound domain), and the DNS table senders are checked against.
   */
  inbound: { smtpUrl: string | null; domain: string; dns: LocalDnsTable };
  gateway: Gateway;
  /** The jobs queue, and the event source mapping that runs the jobs function. */
  queue: LocalQueue;
  /** The retention job's schedule (`run()` runs it now). */
  retention: LocalSchedule;
  /** The public server: the site and the WebSocket. */
  server: Server;
  /** The internal server (loopback): the management API, the Lambda Invoke API, the SQS API. */
  internalServer: Server;
  close(): Promise<void>;
}

/** The stack refuses a password that protects nothing; say why, and how to fix it. */
export class EmptyOwnerPasswordError extends Error {
  override readonly name = "EmptyOwnerPasswordError";
  constructor() {
    super("PORCH_OWNER_PASSWORD is set but empty: set a password, or unset it to have one generated");
  }
}

/** A secret given, or generated once and kept in the data dir (in memory without one). */
async function keptSecret(dataDir: string | null, fileName: string, given: string | undefined, generate: () => string) {
  if (given) return { value: given, file: null };
  if (!dataDir) return { value: generate(), file: null };
  const file = join(dataDir, fileName);
  const kept = await readFile(file, "utf8").catch(() => "");
  if (kept.trim()) return { value: kept.trim(), file };
  const value = generate();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return { value, file };
}

/**
 * The visitor-email settings the stack's functions get, as the deploy gives them on AWS: on unless
 * turned off, when a site URL is known; the local SES accepts any sender and recipient.
 */
function localEmailEnvironment(options: LocalEmailOptions, unsubscribeUrl: string) {
  const pick = (given: string | undefined, variable: string) => given ?? launchEnv[variable]?.trim() ?? "";
  const siteUrl = pick(options.siteUrl, emailEnv.siteUrl);
  const wanted = options.visitorEmails ?? launchEnv[emailEnv.visitorEmails]?.trim().toLowerCase() !== "off";
  const delayS = delaySecondsFrom(options.delayS === undefined ? launchEnv : { [emailEnv.delayS]: String(options.delayS) });
  const environment: Record<string, string> = {
    [emailEnv.visitorEmails]: wanted && siteUrl ? "on" : "off",
    [emailEnv.delayS]: String(delayS),
    [emailEnv.from]: pick(options.from, emailEnv.from) || "porch@localhost",
    [emailEnv.siteUrl]: siteUrl,
    [emailEnv.siteName]: pick(options.siteName, emailEnv.siteName),
    [emailEnv.unsubscribeUrl]: unsubscribeUrl,
    [emailEnv.inboundDomain]: localInboundDomain(options),
  };
  return { environment, visitorEmails: wanted && !!siteUrl, delayS, siteUrl: siteUrl || null };
}

/** The domain the local SMTP server receives answers for (`LocalEmailOptions.inboundDomain`). */
export function localInboundDomain(options: LocalEmailOptions): string {
  return (options.inboundDomain ?? (launchEnv[emailEnv.inboundDomain]?.trim() || "porch.localhost")).toLowerCase();
}

function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

async function loadExport(reference: string): Promise<LambdaHandler> {
  const dot = reference.lastIndexOf(".");
  const path = pathToFileURL(join(repoRoot, `${reference.slice(0, dot)}.ts`)).href;
  const handler = ((await import(path)) as Record<string, unknown>)[reference.slice(dot + 1)];
  if (typeof handler !== "function") throw new Error(`${reference} is not an exported function`);
  return handler as LambdaHandler;
}

async function sourceHandlers(): Promise<Record<FunctionKey, LambdaHandler>> {
  const loaded = {
    notify: await loadExport(notifyFunction.handler),
    jobs: await loadExport(jobsFunction.handler),
    unsubscribe: await loadExport(unsubscribeFunction.handler),
    inbound: await loadExport(inboundFunction.handler),
  } as Record<FunctionKey, LambdaHandler>;
  for (const route of routes) loaded[route.routeKey] = await loadExport(route.handler);
  return loaded;
}

/**
 * Porch on a laptop: a DynamoDB server (dynalite), the API Gateway WebSocket emulator running the
 * production handlers, and the Porch site (the widget and the inbox) on one port; the internal
 * APIs the handlers call (management, Lambda Invoke, SQS) and dynalite on loopback ports of their
 * own, whatever `host` is.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = options.dataDir === undefined ? join(repoRoot, ".porch") : options.dataDir;
  if (!dataDir) return startServers({ ...options, dataDir: null });
  await mkdir(dataDir, { recursive: true });
  // Before anything opens the folder: a second Porch on it stops here, naming the first.
  const host = options.host ?? "127.0.0.1";
  const lock = await lockDataDir(dataDir, options.port ? `${host}:${options.port}` : undefined);
  try {
    const stack = await startServers({ ...options, dataDir });
    return {
      ...stack,
      async close() {
        await stack.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Settings that would make a stack that protects nothing, or limits nothing, stop it here. Returns the password given. */
function refuseUselessSettings(options: StackOptions): string | undefined {
  const givenPassword = options.ownerPassword ?? process.env.PORCH_OWNER_PASSWORD;
  if (givenPassword !== undefined && givenPassword.trim() === "") throw new EmptyOwnerPasswordError();
  conversationsPerAddressFrom(options.conversationsPerAddress);
  attachmentPolicyFrom({
    [attachmentEnv.maxMb]: options.attachments?.maxMb === undefined ? launchEnv[attachmentEnv.maxMb] : String(options.attachments.maxMb),
    [attachmentEnv.types]: options.attachments?.types ?? launchEnv[attachmentEnv.types],
  });
  return givenPassword;
}

/**
 * DynamoDB with the table: the endpoint given, or dynalite on loopback whatever `host` is (it
 * accepts any signature), in a thread of its own so that the stack uses two cores, as `npm start`
 * runs it (docs/local-stack.md).
 */
async function startDynamo(options: StackOptions, dataDir: string | null, tableName: string) {
  let dynalite: LocalDynamo | null = null;
  const endpoint =
    options.dynamoEndpoint ?? (dynalite = await startDynaliteThread(dataDir ? { path: join(dataDir, "dynamodb") } : {})).endpoint;
  // The handlers' SDK clients find DynamoDB the standard way: AWS_ENDPOINT_URL_DYNAMODB.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  process.env.AWS_REGION ??= "us-east-1";
  // Lambda runs Node 22+; the SDK's notice that it will someday need Node 22 only adds noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (isLoopback(endpoint) && !process.env.AWS_ACCESS_KEY_ID) {
    process.env.AWS_ACCESS_KEY_ID = "local";
    process.env.AWS_SECRET_ACCESS_KEY = "local";
  }
  const client = new DynamoDBClient({ endpoint });
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return { endpoint, dynalite };
}

/** The owner password and the key of reply emails' links: given, or generated once and kept. */
async function stackSecrets(options: StackOptions, dataDir: string | null, givenPassword: string | undefined) {
  const newPassword = () => randomBytes(18).toString("base64url");
  const { value: ownerPassword, file: ownerPasswordFile } = await keptSecret(dataDir, "owner-password", givenPassword, newPassword);
  const givenKey = options.linkSigningKey ?? launchEnv.PORCH_LINK_SIGNING_KEY;
  const { value: linkSigningKey } = await keptSecret(dataDir, "link-signing-key", givenKey, newLinkKey);
  return { ownerPassword, ownerPasswordFile, linkSigningKey };
}

/**
 * The jobs queue and the event source mapping that runs the jobs function, served on the internal
 * port; its messages kept in the data dir. It delivers nothing until enabled, once the functions
 * a job calls answer.
 */
async function startJobsQueue(options: StackOptions, dataDir: string | null, internalOrigin: string, handler: LambdaHandler) {
  return createLocalQueue({
    log: options.gateway?.log,
    // As deployed (sst.config.ts reads the same settings).
    functionTimeoutMs: jobsFunction.timeoutS * 1000,
    visibilityTimeoutMs: jobsFunction.queue.visibilityTimeoutS * 1000,
    maxReceiveCount: jobsFunction.queue.maxReceiveCount,
    batchSize: jobsFunction.queue.batchSize,
    concurrency: jobsFunction.queue.maxConcurrency,
    ...options.queue,
    ...(dataDir ? { file: join(dataDir, jobsQueueFile) } : {}),
    enabled: false,
    name: jobsQueueName,
    origin: `http://${internalOrigin}`,
    handler,
  });
}

/**
 * The local SES, and the two servers listening: the site's (with the captured emails) and the
 * internal one. Should they not start, what started before them is closed.
 */
async function startSite(options: StackOptions, host: string, dynalite: LocalDynamo | null) {
  const ses = await startLocalSes({
    port: options.ses?.port ?? 0,
    ...(options.ses?.faults ? { faults: options.ses.faults } : {}),
    ...(options.gateway?.log ? { log: options.gateway.log } : {}),
  });
  const siteRoots = options.staticRoots ?? [join(repoRoot, "dist")];
  const servers = new StackServers(ses, staticFiles(siteRoots, { headers: siteResponseHeaders, contentTypes: declaredFiles }));
  const origins = await servers.listen(host, options.port ?? 8787).catch(async (error: unknown) => {
    await ses.close();
    await dynalite?.close();
    throw error;
  });
  return { ses, servers, ...origins };
}

/**
 * What the handlers read from their environment, as the deployed functions do: where the AWS APIs
 * are, the inbox, the email settings, the owner's profile and the limits. Returns the email settings.
 */
function setHandlerEnvironment(options: StackOptions, origin: string, internalOrigin: string, ses: LocalSes, s3: LocalS3): Stack["email"] {
  // As on AWS: the message handler invokes `notify` through the Lambda API, and notify links to the inbox.
  process.env.AWS_ENDPOINT_URL_LAMBDA = `http://${internalOrigin}`;
  // and enqueues jobs through the SQS API, which the local queue serves on the same internal port.
  process.env.AWS_ENDPOINT_URL_SQS = `http://${internalOrigin}`;
  process.env.PORCH_INBOX_URL = `http://${origin}/inbox.html`;
  // Reply emails: SES through the local one, links to this stack's unsubscribe endpoint.
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  const attachments = options.attachments ?? {};
  process.env[attachmentEnv.maxMb] = attachments.maxMb === undefined ? (launchEnv[attachmentEnv.maxMb] ?? "") : String(attachments.maxMb);
  process.env[attachmentEnv.types] = attachments.types ?? launchEnv[attachmentEnv.types] ?? "";
  const email = localEmailEnvironment(options.email ?? {}, `http://${origin}${unsubscribeFunction.localPath}`);
  Object.assign(process.env, email.environment);
  if (options.ownerProfile) {
    for (const [field, variable] of Object.entries(ownerProfileVariables)) {
      process.env[variable] = options.ownerProfile[field as keyof typeof ownerProfileVariables] ?? "";
    }
  }
  // Configuration, as the deploy gives the notify function: the owner's address for notification emails.
  process.env[ownerEmailVariable] = options.ownerEmail ?? launchEnv[ownerEmailVariable] ?? "";
  if (options.pushAllow) process.env[pushAllowVariable] = options.pushAllow;
  else delete process.env[pushAllowVariable];
  if (options.ownerAwayGraceS !== undefined) process.env.PORCH_OWNER_AWAY_GRACE_S = String(options.ownerAwayGraceS);
  // Read by the message function (hello, ping) and the jobs function (the owner-away job).
  const ownerLease = options.ownerLeaseS ?? launchEnv[ownerLeaseVariable];
  if (ownerLease === undefined) delete process.env[ownerLeaseVariable];
  else process.env[ownerLeaseVariable] = String(ownerLease);
  // Read by the handlers, as on AWS where sst.config.ts sets it on the message function.
  if (options.conversationsPerAddress === undefined) delete process.env.PORCH_CONVERSATIONS_PER_ADDRESS;
  else process.env.PORCH_CONVERSATIONS_PER_ADDRESS = options.conversationsPerAddress;
  // Read by the message handler (`hello`) and the jobs function (the retention job), as deployed.
  process.env[retentionVariables.days] = String(options.retentionDays ?? retentionDaysFrom(launchEnv[retentionVariables.days]));
  const { visitorEmails, delayS, siteUrl } = email;
  return { visitorEmails, delayS, siteUrl, unsubscribeUrl: email.environment[emailEnv.unsubscribeUrl]! };
}

/**
 * The gateway and the Lambda API with their functions, once the handlers' environment is set:
 * `$default` in a thread of its own when asked (it copies the environment, and loads the handler
 * on its first frame).
 */
async function startFunctions(options: StackOptions, stage: string, handlers: Record<FunctionKey, LambdaHandler>, servers: StackServers) {
  const defaultRoute = routes.find((route) => route.routeKey === "$default")!;
  const thread = options.functionThread && !options.handlers?.$default ? await startFunctionThread(repoRoot, defaultRoute.handler) : null;
  if (thread) handlers.$default = thread.handler;
  const lambdaApi = new LambdaApi({ [notifyFunctionName]: handlers.notify }, options.gateway?.log);
  const gateway = createGateway({
    ...options.gateway,
    stage,
    routes: Object.fromEntries(routes.map((route) => [route.routeKey, { handler: handlers[route.routeKey], twoWay: route.twoWay }])),
  });
  servers.serveInternally(gateway, lambdaApi);
  gateway.attachSockets(servers.site);
  return {
    gateway,
    async close() {
      await gateway.close();
      await thread?.close();
      await lambdaApi.drain();
    },
  };
}

const attachmentsBucket = "porch-attachments";

/** The attachments' bucket: its credentials are the handlers' (set with DynamoDB's); its events go to the jobs queue, as deployed. */
function startAttachmentsBucket(options: StackOptions, dataDir: string | null, queue: LocalQueue) {
  return startLocalS3({
    bucket: attachmentsBucket,
    ...(dataDir ? { directory: join(dataDir, "s3") } : {}),
    port: options.s3?.port ?? 0,
    onEvent: (body) => queue.deliver(body),
    ...(options.gateway?.log ? { log: options.gateway.log } : {}),
  });
}

/**
 * Answers by email, as SES receives them on AWS: the SMTP server for the inbound domain, the DNS
 * table it checks senders against, and the folder the raw mail goes to (the data folder's
 * `inbound/`, or a temporary one), which the inbound function reads (`PORCH_INBOUND_MAIL_DIR`).
 */
async function startInbound(options: StackOptions, dataDir: string | null, handler: LambdaHandler) {
  const domain = localInboundDomain(options.email ?? {});
  const dns = new LocalDnsTable(dataDir ? join(dataDir, "dns.json") : null);
  const mailDir = dataDir ? join(dataDir, "inbound") : await mkdtemp(join(tmpdir(), "porch-inbound-"));
  process.env[rawMailEnv.dir] = mailDir;
  if (!domain) return { domain, dns, smtp: null };
  const smtp = new LocalSmtp({
    port: options.smtp?.port ?? 0,
    domain,
    mailDir,
    dns,
    handler,
    ...(options.gateway?.log ? { log: options.gateway.log } : {}),
  });
  await smtp.listen();
  return { domain, dns, smtp };
}

async function startServers(options: StackOptions & { dataDir: string | null }): Promise<Stack> {
  const host = options.host ?? "127.0.0.1";
  const stage = options.stage ?? "local";
  const tableName = options.tableName ?? "porch";
  const { dataDir } = options;
  const givenPassword = refuseUselessSettings(options);
  const dynamo = await startDynamo(options, dataDir, tableName);
  const { ownerPassword, ownerPasswordFile, linkSigningKey } = await stackSecrets(options, dataDir, givenPassword);
  const { ses, servers, origin, internalOrigin } = await startSite(options, host, dynamo.dynalite);
  const socketUrl = `ws://${origin}/${stage}`;
  const managementEndpoint = `http://${internalOrigin}/${stage}`;
  const handlers = { ...(await sourceHandlers()), ...options.handlers };
  const queue = await startJobsQueue(options, dataDir, internalOrigin, handlers.jobs).catch(async (error: unknown) => {
    // A queue file it cannot read: what started before it stops too.
    await Promise.all([ses.close(), servers.close(), dynamo.dynalite?.close()]);
    throw error;
  });
  servers.serveInternally(queue);
  const s3 = await startAttachmentsBucket(options, dataDir, queue);

  provideLinks({
    tableName,
    socketUrl,
    managementEndpoint,
    ownerPassword,
    linkSigningKey,
    notifyWebhook: options.notifyWebhook ?? process.env.PORCH_NOTIFY_WEBHOOK ?? "",
    notifyFunctionName,
    jobsQueueUrl: queue.url,
    attachmentsBucket,
    appStage: options.appStage ?? "local",
  });
  const email = setHandlerEnvironment(options, origin, internalOrigin, ses, s3);
  // The handlers in this process build their clients again, from this stack's links and endpoints,
  // as new containers would (backend/handlers/container.ts).
  startNewContainers();
  servers.serveOnSite(
    new FunctionUrl({ path: unsubscribeFunction.localPath, handler: handlers.unsubscribe, functionName: "porch-local-unsubscribe" }),
  );
  const functions = await startFunctions(options, stage, handlers, servers);
  const inbound = await startInbound(options, dataDir, handlers.inbound);
  // As the deploy's daily schedule does (infra/retention.ts), and once at start.
  const retention = new LocalSchedule({
    handler: handlers.jobs,
    event: retentionJob,
    everyS: options.retentionEveryS ?? retentionEveryFrom(launchEnv[retentionVariables.everyS]),
    ...(options.gateway?.log ? { log: options.gateway.log } : {}),
  });
  // Its run at start ends before the stack is said to be up: nothing it logs follows the banner.
  await retention.run();
  queue.enable();

  return {
    url: `http://${origin}/`,
    socketUrl,
    managementEndpoint,
    internalUrl: `http://${internalOrigin}/`,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    ownerPassword,
    ownerPasswordFile,
    linkSigningKey,
    email,
    ses,
    s3,
    attachmentsBucket,
    inbound: { smtpUrl: inbound.smtp?.url ?? null, domain: inbound.domain, dns: inbound.dns },
    gateway: functions.gateway,
    queue,
    retention,
    server: servers.site,
    internalServer: servers.internal,
    async close() {
      await retention.close();
      await inbound.smtp?.close();
      await functions.close();
      await queue.close();
      await s3.close();
      await ses.close();
      await servers.close();
      await dynamo.dynalite?.close();
    },
  };
}
