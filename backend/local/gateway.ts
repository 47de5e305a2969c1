/**
 * A local stand-in for an API Gateway WebSocket API with Lambda proxy integrations: real WebSockets on
 * `ws://host:port/<stage>`, the `@connections` management API on `http://host:port/<stage>`, and the
 * route handlers invoked in-process with the events, contexts and error frames AWS produces.
 *
 * Emulated (see docs/local-stack.md):
 * - CONNECT / MESSAGE / DISCONNECT events field for field, ids like `Kf2bqd9WywMCEng=`.
 * - `$request.body.action` route selection with `$default` fallback and the Forbidden frame.
 * - `$connect` rejecting the upgrade with its status (500 when it throws); the connection is unknown
 *   to the management API (410) until `$connect` has returned.
 * - Two-way routes (the handler's `body` reaches the client), the Internal server error frame, the
 *   integration timeout, binary frames as base64, the frame limit (close 1009), idle and lifetime
 *   limits (close 1001), `$disconnect` once per connection after the socket is gone.
 * - The 128 KB message limit on what goes to clients: a larger postToConnection gets 413, a larger
 *   route response is not sent; both are reported loudly (`onLimitExceeded`, `limitViolations`).
 * - POST / GET / DELETE on `@connections/<id>` with AWS's error types, and injectable faults
 *   (duplicate deliveries, management errors and hangs).
 * - The stage throttle, when `stageThrottle` is set: a token bucket (rate, burst) over CONNECT and
 *   MESSAGE, as API Gateway's; a throttled upgrade is refused with 429, a throttled message is not
 *   delivered and the client gets `{"message": "Too Many Requests", …}`.
 *
 * Knowingly different from AWS:
 * - `ws` enforces the frame limit on whole messages, so a fragmented message is limited to
 *   `maxFrameBytes` too (AWS allows 128 KB in 32 KB fragments).
 * - Only data frames count as activity for the idle timeout, in both directions (AWS's exact rule
 *   for pings is not documented).
 * - An integration timeout sends `{"message": "Endpoint request timed out", …}`; the handler keeps
 *   running (Lambda would go on too, until its own timeout), its late answer is dropped.
 * - An oversized route response is dropped without a word to the client; what AWS sends the client
 *   then is not documented (see docs/local-stack.md).
 * - A `$connect` result without a numeric `statusCode` (including `undefined`) accepts the connection.
 * - If the client goes away while `$connect` runs, or the gateway is shutting down when it returns, the
 *   connection never opens but `$disconnect` still runs (1006 / 1001), so stored state is cleaned up.
 * - No authorizers, no API keys, no request/response templates, no stage variables, no SigV4 checks,
 *   no account-level throttling; the stage throttle only when asked for (off by default, so a
 *   benchmark measures the stack). The throttled message's frame is our reading of AWS's 429.
 * - `identity.userAgent` is `""` when the client sends no User-Agent.
 */
import { randomUUID } from "node:crypto";
import { createServer, STATUS_CODES } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { WebSocket, WebSocketServer } from "ws";
import type { RawData } from "ws";
import { connectEvent, disconnectEvent, gatewayErrorFrame, gatewayId, messageEvent, selectRoute, sourceIpOf } from "./gateway-events.ts";
import type { ConnectionFacts, WebSocketEvent } from "./gateway-events.ts";
import { functionNameFor, invokeHandler } from "./lambda-invoke.ts";
import type { InvocationOutcome, LambdaHandler } from "./lambda-invoke.ts";
import { handleManagementRequest, managementConnectionId } from "./management-api.ts";
import type { ManagedConnection, ManagementApiOptions } from "./management-api.ts";

export type { WebSocketEvent, WebSocketIdentity } from "./gateway-events.ts";
export { gatewayIdPattern } from "./gateway-events.ts";
export type { LambdaCallback, LambdaContext, LambdaHandler } from "./lambda-invoke.ts";

/** One route's integration. */
export interface RouteConfig {
  handler: LambdaHandler;
  /** The route has a route response: the handler's returned `body` (or string) is sent to the client. */
  twoWay?: boolean;
}

/** Deliveries of one MESSAGE event, as returned by `GatewayFaults.deliveries`. */
export interface DeliveryPlan {
  copies: number;
  /** Delay before the extra copies (each one, when not concurrent). */
  delayMs?: number;
  /** Fire the extra copies together (default) or one after another finishes. */
  concurrent?: boolean;
}

export interface GatewayFaults {
  /** How many times to deliver one MESSAGE event to the handler (default 1); extra copies get the SAME requestId/messageId like a Lambda retry. `delayMs` delays the extra copies; `concurrent` (default true) fires copies at once. */
  deliveries?: (event: WebSocketEvent) => number | DeliveryPlan | undefined;
  /** Management API fault for one request (`ManagementFault`: hang, reset, or an HTTP status with its x-amzn-errortype). */
  management?: ManagementApiOptions["fault"];
}

/** A message the gateway refused to deliver because it is over API Gateway's message limit. */
export interface LimitViolation {
  kind: "route response" | "postToConnection";
  connectionId: string;
  /** UTF-8 bytes of the message. */
  bytes: number;
  limitBytes: number;
  /** The MESSAGE's route and request id, for a route response. */
  routeKey?: string;
  requestId?: string;
}

export interface GatewayOptions {
  /** e.g. "local"; WebSocket path "/<stage>", management "/<stage>/@connections/<id>". */
  stage: string;
  /** Keys "$connect" | "$disconnect" | "$default" | any action name. */
  routes: Record<string, RouteConfig>;
  /** Default: a random 10-character lowercase id. */
  apiId?: string;
  /** Default 10 min. */
  idleTimeoutMs?: number;
  /** Default 2 h. */
  maxConnectionMs?: number;
  /** Default 32 KiB; a larger frame closes the connection with 1009. */
  maxFrameBytes?: number;
  /**
   * Default 128 KiB, API Gateway's message limit: a larger postToConnection gets 413
   * PayloadTooLargeException, a larger route response is not sent. Either is a limit violation.
   */
  maxMessageBytes?: number;
  /** Told about every limit violation. Default: a line on stderr, whatever `log` is. */
  onLimitExceeded?: (violation: LimitViolation) => void;
  /** Default 29 s; a slower handler's client gets API Gateway's timeout frame. */
  integrationTimeoutMs?: number;
  faults?: GatewayFaults;
  /**
   * The stage's throttle (`defaultRouteSettings` in sst.config.ts): a token bucket refilled at
   * `ratePerS` up to `burst`, one token per CONNECT and per MESSAGE. Default: none.
   */
  stageThrottle?: { ratePerS: number; burst: number };
  /** One line per connect, disconnect, route invocation and error; default silent. */
  log?: (line: string) => void;
}

export interface Gateway {
  /** Attach to an existing http.Server: handles WebSocket upgrades on "/<stage>" and management API requests under "/<stage>/@connections/"; every other request is left to the server's other listeners (call `handleRequest` from your own request listener; it returns false when the request is not for the gateway). */
  attach(server: Server): void;
  /** Attach only the WebSocket upgrades on "/<stage>" (the public side; the local stack serves the management API elsewhere). */
  attachSockets(server: Server): void;
  /** Answers a management API request and returns true, or returns false when the request is not for the gateway. Safe to call for a request `attach` already answered (returns true, does nothing). */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Open connection ids. */
  connectionIds(): string[];
  /** Every message refused for its size so far (a test asserts there were none). */
  limitViolations(): LimitViolation[];
  /** Close every socket (code 1001 "Going Away"), run $disconnect for each, wait for in-flight invocations. */
  close(): Promise<void>;
}

/** Why a socket closed, as `$disconnect` is told. */
interface CloseCause {
  statusCode: number;
  reason: string;
}

interface Connection {
  facts: ConnectionFacts;
  /** `connecting` while `$connect` runs; only `open` connections exist for the management API. */
  state: "connecting" | "open" | "closing" | "closed";
  ws?: WebSocket;
  lastActiveAtMs: number;
  /** Set when the gateway closes the socket, so its code wins over the client's echo. */
  closedByGateway?: CloseCause;
  timers: NodeJS.Timeout[];
  /** Resolves once the socket is gone and `$disconnect` has been started. */
  gone: Promise<void>;
  markGone(): void;
}

const defaults = {
  idleTimeoutMs: 10 * 60_000,
  maxConnectionMs: 2 * 3600_000,
  maxFrameBytes: 32 * 1024,
  maxMessageBytes: 128 * 1024,
  integrationTimeoutMs: 29_000,
} as const;

/** How long a closing socket may take to answer the close frame before it is cut. */
const closeHandshakeMs = 1_000;

const closeReasons = {
  goingAway: "Going away",
  shutdown: "Going Away",
  deleted: "Connection Closed Normally",
  tooBig: "Message too big",
  noStatus: "Client-side close frame status not set",
  abnormal: "Connection closed abnormally",
} as const;

function randomApiId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: 10 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
}

function deliveryPlanOf(planned: number | DeliveryPlan | undefined): Required<DeliveryPlan> {
  const plan = typeof planned === "number" ? { copies: planned } : (planned ?? { copies: 1 });
  return { copies: Math.max(1, Math.floor(plan.copies)), delayMs: plan.delayMs ?? 0, concurrent: plan.concurrent ?? true };
}

/** The text a two-way route sends back: a returned string, or a returned object's string `body`. */
function routeResponseBody(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && typeof (value as { body?: unknown }).body === "string") {
    return (value as { body: string }).body;
  }
  return undefined;
}

/** `$connect`'s verdict as an HTTP status: its `statusCode`, 200 without one, 500 on a throw, 504 on a timeout. */
function connectStatusOf(outcome: InvocationOutcome): number {
  if (outcome.kind === "threw") return 500;
  if (outcome.kind === "timedOut") return 504;
  const statusCode = (outcome.value as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof statusCode === "number" ? statusCode : 200;
}

function rejectUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 0\r\n\r\n`,
  );
}

function frameOf(data: RawData, isBinary: boolean): { body: string; isBase64Encoded: boolean } {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return isBinary ? { body: bytes.toString("base64"), isBase64Encoded: true } : { body: bytes.toString("utf8"), isBase64Encoded: false };
}

function describe(outcome: InvocationOutcome): string {
  if (outcome.kind === "returned") return "returned";
  if (outcome.kind === "timedOut") return "timed out";
  return `threw ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
}

export function createGateway(options: GatewayOptions): Gateway {
  const settings = { ...defaults, ...definedOnly(options) };
  const apiId = options.apiId ?? randomApiId();
  const log = options.log ?? (() => {});
  const routeKeys = new Set(Object.keys(options.routes));
  const connections = new Map<string, Connection>();
  const inFlight = new Set<Promise<unknown>>();
  const heldResponses = new Set<ServerResponse>();
  const answeredRequests = new WeakSet<IncomingMessage>();
  const attachedServers = new Set<Server>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxFrameBytes });
  let closing: Promise<void> | undefined;
  const violations: LimitViolation[] = [];
  const throttle = options.stageThrottle;
  const stageBucket = { tokens: throttle?.burst ?? 0, updatedAtMs: Date.now() };

  /** One request against the stage throttle: false when API Gateway would answer 429. */
  function withinStageThrottle(): boolean {
    if (!throttle) return true;
    const nowMs = Date.now();
    stageBucket.tokens = Math.min(throttle.burst, stageBucket.tokens + ((nowMs - stageBucket.updatedAtMs) / 1000) * throttle.ratePerS);
    stageBucket.updatedAtMs = nowMs;
    if (stageBucket.tokens < 1) return false;
    stageBucket.tokens -= 1;
    return true;
  }

  function limitExceeded(violation: LimitViolation): void {
    violations.push(violation);
    const where = violation.routeKey ? ` (${violation.routeKey} ${violation.requestId})` : "";
    log(
      `ERROR ${violation.kind} to ${violation.connectionId}${where}: ${violation.bytes} bytes, over the ${violation.limitBytes}-byte message limit`,
    );
    if (options.onLimitExceeded) options.onLimitExceeded(violation);
    else {
      console.error(
        `gateway: a ${violation.kind} of ${violation.bytes} bytes to ${violation.connectionId}${where} is over API Gateway's ` +
          `${violation.limitBytes}-byte message limit; on AWS it would not reach the client (docs/local-stack.md)`,
      );
    }
  }

  /** Keeps work in flight until it settles, so `close()` can wait for it; its failure is its own to log. */
  function track(work: Promise<unknown>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
  }

  async function invokeRoute(routeKey: string, event: WebSocketEvent, awsRequestId?: string): Promise<InvocationOutcome | undefined> {
    const route = options.routes[routeKey];
    if (!route) return undefined;
    const startedMs = Date.now();
    const outcome = await invokeHandler(route.handler, event, {
      functionName: functionNameFor(routeKey),
      timeoutMs: settings.integrationTimeoutMs,
      ...(awsRequestId === undefined ? {} : { awsRequestId }),
    });
    log(
      `${event.requestContext.eventType} ${routeKey} ${event.requestContext.connectionId} ` +
        `${event.requestContext.requestId} ${describe(outcome)} (${Date.now() - startedMs} ms)`,
    );
    return outcome;
  }

  function isStagePath(req: IncomingMessage): URL | undefined {
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    try {
      return decodeURIComponent(url.pathname) === `/${options.stage}` ? url : undefined;
    } catch {
      return undefined;
    }
  }

  function touch(connection: Connection): void {
    connection.lastActiveAtMs = Date.now();
    connection.timers[0]?.refresh();
  }

  function sendToClient(connection: Connection, data: string | Buffer): void {
    const ws = connection.ws;
    if (connection.state !== "open" || !ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(data, { binary: false });
    touch(connection);
  }

  function closeByGateway(connection: Connection, cause: CloseCause): void {
    if (connection.state !== "open") return;
    connection.state = "closing";
    connection.closedByGateway = cause;
    connection.ws?.close(cause.statusCode, cause.reason);
    const cut = setTimeout(() => connection.ws?.terminate(), closeHandshakeMs);
    cut.unref();
    connection.timers.push(cut);
  }

  function runDisconnect(connection: Connection, cause: CloseCause): void {
    connection.state = "closed";
    for (const timer of connection.timers) clearTimeout(timer);
    connections.delete(connection.facts.connectionId);
    log(`DISCONNECT ${connection.facts.connectionId} ${cause.statusCode} ${cause.reason}`);
    if (routeKeys.has("$disconnect")) {
      track(invokeRoute("$disconnect", disconnectEvent(connection.facts, cause, Date.now())));
    }
    connection.markGone();
  }

  function onFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    if (connection.state !== "open") return;
    touch(connection);
    if (!withinStageThrottle()) {
      const requestId = gatewayId();
      log(`MESSAGE ${connection.facts.connectionId} ${requestId} throttled: Too Many Requests`);
      sendToClient(connection, gatewayErrorFrame("Too Many Requests", connection.facts.connectionId, requestId));
      return;
    }
    const frame = frameOf(data, isBinary);
    const routeKey = selectRoute(frame, routeKeys);
    if (routeKey === undefined) {
      const requestId = gatewayId();
      log(`MESSAGE ${connection.facts.connectionId} ${requestId} no route: Forbidden`);
      sendToClient(connection, gatewayErrorFrame("Forbidden", connection.facts.connectionId, requestId));
      return;
    }
    const event = messageEvent(connection.facts, routeKey, frame, Date.now());
    track(deliver(connection, routeKey, event));
  }

  /** Delivers one MESSAGE event, more than once when the `deliveries` fault says so. */
  async function deliver(connection: Connection, routeKey: string, event: WebSocketEvent): Promise<void> {
    const plan = deliveryPlanOf(options.faults?.deliveries?.(event));
    const awsRequestId = randomUUID();
    const deliverCopy = async () => answerClient(connection, event, await invokeRoute(routeKey, structuredClone(event), awsRequestId));
    const first = deliverCopy();
    const extras = plan.copies - 1;
    if (extras === 0) return first;
    if (plan.concurrent) {
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      await Promise.all([first, ...Array.from({ length: extras }, deliverCopy)]);
      return;
    }
    await first;
    for (let copy = 0; copy < extras; copy++) {
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      await deliverCopy();
    }
  }

  function answerClient(connection: Connection, event: WebSocketEvent, outcome: InvocationOutcome | undefined): void {
    const { connectionId, requestId, routeKey } = event.requestContext;
    if (outcome?.kind === "threw") sendToClient(connection, gatewayErrorFrame("Internal server error", connectionId, requestId));
    if (outcome?.kind === "timedOut") sendToClient(connection, gatewayErrorFrame("Endpoint request timed out", connectionId, requestId));
    if (outcome?.kind === "returned" && options.routes[routeKey]?.twoWay) {
      const body = routeResponseBody(outcome.value);
      if (body === undefined) return;
      const bytes = Buffer.byteLength(body, "utf8");
      if (bytes > settings.maxMessageBytes) {
        limitExceeded({ kind: "route response", connectionId, bytes, limitBytes: settings.maxMessageBytes, routeKey, requestId });
        return;
      }
      sendToClient(connection, body);
    }
  }

  function open(connection: Connection, ws: WebSocket): void {
    connection.ws = ws;
    connection.state = "open";
    connection.lastActiveAtMs = Date.now();
    const goingAway = { statusCode: 1001, reason: closeReasons.goingAway };
    const idle = setTimeout(() => closeByGateway(connection, goingAway), settings.idleTimeoutMs);
    const lifetime = setTimeout(() => closeByGateway(connection, goingAway), settings.maxConnectionMs);
    idle.unref();
    lifetime.unref();
    connection.timers.push(idle, lifetime);
    ws.on("error", (error: Error & { code?: string }) => {
      // `ws` has already sent the close frame (1009 for an oversized frame); record why.
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        connection.closedByGateway ??= { statusCode: 1009, reason: closeReasons.tooBig };
      }
      if (connection.state === "open") connection.state = "closing";
      log(`ERROR ${connection.facts.connectionId} ${error.message}`);
    });
    ws.on("message", (data, isBinary) => onFrame(connection, data, isBinary));
    ws.on("close", (code, reason) => {
      const cause =
        connection.closedByGateway ??
        (code === 1005
          ? { statusCode: 1005, reason: closeReasons.noStatus }
          : code === 1006
            ? { statusCode: 1006, reason: closeReasons.abnormal }
            : { statusCode: code, reason: reason.toString("utf8") });
      runDisconnect(connection, cause);
    });
  }

  async function connect(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const connectedAtMs = Date.now();
    const local = socket as Socket;
    const facts: ConnectionFacts = {
      connectionId: gatewayId(),
      connectedAtMs,
      apiId,
      stage: options.stage,
      domainName: req.headers.host ?? `${local.localAddress}:${local.localPort}`,
      identity: { sourceIp: sourceIpOf(req), userAgent: req.headers["user-agent"] ?? "" },
    };
    let markGone = () => {};
    const gone = new Promise<void>((resolve) => (markGone = resolve));
    const connection: Connection = { facts, state: "connecting", lastActiveAtMs: connectedAtMs, timers: [], gone, markGone };
    connections.set(facts.connectionId, connection);

    const outcome = await invokeRoute("$connect", connectEvent(facts, req, url, connectedAtMs));
    const status = outcome ? connectStatusOf(outcome) : 200;
    log(`CONNECT ${facts.connectionId} ${status}`);
    if (status < 200 || status > 299) {
      connections.delete(facts.connectionId);
      markGone();
      rejectUpgrade(socket, status);
      return;
    }
    if (closing || socket.destroyed) {
      rejectUpgrade(socket, 503);
      runDisconnect(
        connection,
        closing ? { statusCode: 1001, reason: closeReasons.shutdown } : { statusCode: 1006, reason: closeReasons.abnormal },
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => open(connection, ws));
  }

  function onUpgrade(this: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = isStagePath(req);
    if (!url) {
      // Another upgrade listener may want it; if there is none, nobody would ever answer.
      if (this.listenerCount("upgrade") <= 1) rejectUpgrade(socket, 404);
      return;
    }
    socket.on("error", (error) => log(`ERROR upgrade socket ${error.message}`));
    if (closing) {
      rejectUpgrade(socket, 503);
      return;
    }
    if (!withinStageThrottle()) {
      log(`CONNECT throttled: 429`);
      rejectUpgrade(socket, 429);
      return;
    }
    track(connect(req, socket, head, url));
  }

  function openConnection(connectionId: string): ManagedConnection | undefined {
    const connection = connections.get(connectionId);
    if (!connection || connection.state !== "open") return undefined;
    return {
      connectedAtMs: connection.facts.connectedAtMs,
      lastActiveAtMs: connection.lastActiveAtMs,
      identity: connection.facts.identity,
      post: (data) => sendToClient(connection, data),
      disconnect: () => closeByGateway(connection, { statusCode: 1000, reason: closeReasons.deleted }),
    };
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (answeredRequests.has(req)) return true;
    const connectionId = managementConnectionId(req.url, options.stage);
    if (connectionId === undefined) return false;
    answeredRequests.add(req);
    const answering = handleManagementRequest(req, res, connectionId, {
      stage: options.stage,
      maxMessageBytes: settings.maxMessageBytes,
      tooLarge: (id, bytes) => limitExceeded({ kind: "postToConnection", connectionId: id, bytes, limitBytes: settings.maxMessageBytes }),
      fault: options.faults?.management,
      openConnection,
      hold: (held) => {
        heldResponses.add(held);
        held.on("close", () => heldResponses.delete(held));
      },
      log,
    }).catch((error: unknown) => {
      log(`ERROR management ${req.method} ${connectionId} ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
    track(answering);
    return true;
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    handleRequest(req, res);
  }

  async function shutDown(): Promise<void> {
    for (const connection of connections.values()) {
      closeByGateway(connection, { statusCode: 1001, reason: closeReasons.shutdown });
    }
    for (;;) {
      const pending = [...inFlight, ...[...connections.values()].map((connection) => connection.gone)];
      if (pending.length === 0) break;
      await Promise.allSettled(pending);
    }
    for (const res of heldResponses) res.destroy();
    for (const server of attachedServers) {
      server.off("upgrade", onUpgrade);
      server.off("request", onRequest);
    }
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    attach(server) {
      if (attachedServers.has(server)) return;
      attachedServers.add(server);
      server.on("upgrade", onUpgrade);
      server.on("request", onRequest);
    },
    attachSockets(server) {
      if (attachedServers.has(server)) return;
      attachedServers.add(server);
      server.on("upgrade", onUpgrade);
    },
    handleRequest,
    connectionIds: () => [...connections.values()].filter((c) => c.state === "open").map((c) => c.facts.connectionId),
    limitViolations: () => [...violations],
    close: () => (closing ??= shutDown()),
  };
}

/** The options that were given, so `{ ...defaults, ...definedOnly(options) }` keeps defaults for `undefined`. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export interface StartedGateway {
  gateway: Gateway;
  server: Server;
  /** `ws://host:port/<stage>` */
  url: string;
  /** `http://host:port/<stage>`, for `ApiGatewayManagementApiClient({ endpoint })`. */
  managementEndpoint: string;
  /** Closes the gateway, then the HTTP server and its keep-alive connections. */
  close(): Promise<void>;
}

/** A gateway on its own HTTP server (404 for anything that is not the gateway's). Port 0 picks a free port. */
export async function startGateway(options: GatewayOptions & { port?: number; host?: string }): Promise<StartedGateway> {
  const { port = 0, host = "127.0.0.1", ...gatewayOptions } = options;
  const gateway = createGateway(gatewayOptions);
  const server = createServer();
  gateway.attach(server);
  server.on("request", (req, res) => {
    if (!gateway.handleRequest(req, res)) res.writeHead(404, { "x-content-type-options": "nosniff" }).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const stagePath = encodeURI(`/${options.stage}`);
  return {
    gateway,
    server,
    url: `ws://${origin}${stagePath}`,
    managementEndpoint: `http://${origin}${stagePath}`,
    async close() {
      await gateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
