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
import { WebSocketServer } from "ws";
import { closeReasons, GatewayConnection } from "./gateway-connection.ts";
import type { CloseCause, ConnectionListener, Frame } from "./gateway-connection.ts";
import { connectEvent, disconnectEvent, gatewayErrorFrame, gatewayId, messageEvent, selectRoute, sourceIpOf } from "./gateway-events.ts";
import type { WebSocketEvent } from "./gateway-events.ts";
import { closeServer, listen } from "./http-server.ts";
import { functionNameFor, invokeHandler } from "./lambda-invoke.ts";
import type { InvocationOutcome, LambdaHandler } from "./lambda-invoke.ts";
import { handleManagementRequest, managementConnectionId } from "./management-api.ts";
import type { ManagementApiOptions } from "./management-api.ts";
import { StageThrottle } from "./stage-throttle.ts";
import type { StageThrottleLimit } from "./stage-throttle.ts";

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
  stageThrottle?: StageThrottleLimit;
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

const defaults = {
  idleTimeoutMs: 10 * 60_000,
  maxConnectionMs: 2 * 3600_000,
  maxFrameBytes: 32 * 1024,
  maxMessageBytes: 128 * 1024,
  integrationTimeoutMs: 29_000,
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

function describe(outcome: InvocationOutcome): string {
  if (outcome.kind === "returned") return "returned";
  if (outcome.kind === "timedOut") return "timed out";
  return `threw ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
}

/** The stage's path on a request, as a URL, or undefined when the request is for something else. */
function stageUrlOf(req: IncomingMessage, stage: string): URL | undefined {
  const url = new URL(req.url ?? "/", "http://gateway.invalid");
  try {
    return decodeURIComponent(url.pathname) === `/${stage}` ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The emulator: WebSocket upgrades become connections (backend/local/gateway-connection.ts), their
 * frames MESSAGE events for the routes, management requests answers (backend/local/management-api.ts).
 */
class LocalGateway implements Gateway, ConnectionListener {
  /** The limits, given or API Gateway's. */
  private readonly limits: Record<keyof typeof defaults, number>;
  private readonly apiId: string;
  private readonly routeKeys: ReadonlySet<string>;
  private readonly throttle: StageThrottle;
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, GatewayConnection>();
  /** Invocations and management answers under way, which `close()` waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Management answers a `hang` fault holds, which `close()` destroys. */
  private readonly heldResponses = new Set<ServerResponse>();
  private readonly answeredRequests = new WeakSet<IncomingMessage>();
  /** Each attached server, and how to take the gateway's listeners off it. */
  private readonly detachers = new Map<Server, () => void>();
  private readonly violations: LimitViolation[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly options: GatewayOptions) {
    this.limits = { ...defaults, ...definedOnly(options) };
    this.apiId = options.apiId ?? randomApiId();
    this.routeKeys = new Set(Object.keys(options.routes));
    this.throttle = new StageThrottle(options.stageThrottle);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxFrameBytes });
  }

  attach(server: Server): void {
    this.attachTo(server, { requests: true });
  }

  attachSockets(server: Server): void {
    this.attachTo(server, { requests: false });
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.answeredRequests.has(req)) return true;
    const connectionId = managementConnectionId(req.url, this.options.stage);
    if (connectionId === undefined) return false;
    this.answeredRequests.add(req);
    const answering = handleManagementRequest(req, res, connectionId, this.managementApi()).catch((error: unknown) => {
      this.log(`ERROR management ${req.method} ${connectionId} ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
    this.track(answering);
    return true;
  }

  connectionIds(): string[] {
    return [...this.connections.values()].filter((connection) => connection.isOpen).map((connection) => connection.id);
  }

  limitViolations(): LimitViolation[] {
    return [...this.violations];
  }

  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  /** A frame on an open connection: throttled, refused for want of a route, or delivered to one. */
  frame(connection: GatewayConnection, frame: Frame): void {
    if (!this.throttle.admits()) return this.refuseFrame(connection, "Too Many Requests", "throttled");
    const routeKey = selectRoute(frame, this.routeKeys);
    if (routeKey === undefined) return this.refuseFrame(connection, "Forbidden", "no route");
    const event = messageEvent(connection.facts, routeKey, frame, Date.now());
    this.track(this.deliver(connection, routeKey, event));
  }

  ended(connection: GatewayConnection, cause: CloseCause): void {
    this.connections.delete(connection.id);
    this.log(`DISCONNECT ${connection.id} ${cause.statusCode} ${cause.reason}`);
    if (this.routeKeys.has("$disconnect")) {
      this.track(this.invokeRoute("$disconnect", disconnectEvent(connection.facts, cause, Date.now())));
    }
  }

  log(line: string): void {
    this.options.log?.(line);
  }

  private attachTo(server: Server, { requests }: { requests: boolean }): void {
    if (this.detachers.has(server)) return;
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(server, req, socket, head);
    const onRequest = (req: IncomingMessage, res: ServerResponse) => void this.handleRequest(req, res);
    server.on("upgrade", onUpgrade);
    if (requests) server.on("request", onRequest);
    this.detachers.set(server, () => {
      server.off("upgrade", onUpgrade);
      server.off("request", onRequest);
    });
  }

  private upgrade(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = stageUrlOf(req, this.options.stage);
    if (!url) {
      // Another upgrade listener may want it; if there is none, nobody would ever answer.
      if (server.listenerCount("upgrade") <= 1) rejectUpgrade(socket, 404);
      return;
    }
    socket.on("error", (error) => this.log(`ERROR upgrade socket ${error.message}`));
    if (this.closing) return rejectUpgrade(socket, 503);
    if (!this.throttle.admits()) {
      this.log(`CONNECT throttled: 429`);
      return rejectUpgrade(socket, 429);
    }
    this.track(this.connect(req, socket, head, url));
  }

  /** Runs `$connect`, then completes the upgrade or refuses it with `$connect`'s status. */
  private async connect(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const connection = this.newConnection(req, socket as Socket);
    this.connections.set(connection.id, connection);
    const outcome = await this.invokeRoute("$connect", connectEvent(connection.facts, req, url, connection.facts.connectedAtMs));
    const status = outcome ? connectStatusOf(outcome) : 200;
    this.log(`CONNECT ${connection.id} ${status}`);
    if (status < 200 || status > 299) {
      this.connections.delete(connection.id);
      connection.refused();
      return rejectUpgrade(socket, status);
    }
    if (this.closing || socket.destroyed) {
      rejectUpgrade(socket, 503);
      return connection.end(
        this.closing ? { statusCode: 1001, reason: closeReasons.shutdown } : { statusCode: 1006, reason: closeReasons.abnormal },
      );
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => connection.open(ws, this.limits));
  }

  private newConnection(req: IncomingMessage, local: Socket): GatewayConnection {
    const facts = {
      connectionId: gatewayId(),
      connectedAtMs: Date.now(),
      apiId: this.apiId,
      stage: this.options.stage,
      domainName: req.headers.host ?? `${local.localAddress}:${local.localPort}`,
      identity: { sourceIp: sourceIpOf(req), userAgent: req.headers["user-agent"] ?? "" },
    };
    return new GatewayConnection(facts, this);
  }

  /** API Gateway's own answer to a frame no route gets. */
  private refuseFrame(connection: GatewayConnection, message: "Too Many Requests" | "Forbidden", why: string): void {
    const requestId = gatewayId();
    this.log(`MESSAGE ${connection.id} ${requestId} ${why}: ${message}`);
    connection.send(gatewayErrorFrame(message, connection.id, requestId));
  }

  /** Delivers one MESSAGE event, more than once when the `deliveries` fault says so. */
  private async deliver(connection: GatewayConnection, routeKey: string, event: WebSocketEvent): Promise<void> {
    const plan = deliveryPlanOf(this.options.faults?.deliveries?.(event));
    const awsRequestId = randomUUID();
    const deliverCopy = async () =>
      this.answerClient(connection, event, await this.invokeRoute(routeKey, structuredClone(event), awsRequestId));
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

  private async invokeRoute(routeKey: string, event: WebSocketEvent, awsRequestId?: string): Promise<InvocationOutcome | undefined> {
    const route = this.options.routes[routeKey];
    if (!route) return undefined;
    const startedMs = Date.now();
    const outcome = await invokeHandler(route.handler, event, {
      functionName: functionNameFor(routeKey),
      timeoutMs: this.limits.integrationTimeoutMs,
      ...(awsRequestId === undefined ? {} : { awsRequestId }),
    });
    const { eventType, connectionId, requestId } = event.requestContext;
    this.log(`${eventType} ${routeKey} ${connectionId} ${requestId} ${describe(outcome)} (${Date.now() - startedMs} ms)`);
    return outcome;
  }

  /** What the client hears of one invocation: an error frame, a two-way route's response, or nothing. */
  private answerClient(connection: GatewayConnection, event: WebSocketEvent, outcome: InvocationOutcome | undefined): void {
    const { connectionId, requestId, routeKey } = event.requestContext;
    if (outcome?.kind === "threw") connection.send(gatewayErrorFrame("Internal server error", connectionId, requestId));
    if (outcome?.kind === "timedOut") connection.send(gatewayErrorFrame("Endpoint request timed out", connectionId, requestId));
    if (outcome?.kind !== "returned" || !this.options.routes[routeKey]?.twoWay) return;
    const body = routeResponseBody(outcome.value);
    if (body === undefined) return;
    const bytes = Buffer.byteLength(body, "utf8");
    const limitBytes = this.limits.maxMessageBytes;
    if (bytes > limitBytes) return this.limitExceeded({ kind: "route response", connectionId, bytes, limitBytes, routeKey, requestId });
    connection.send(body);
  }

  private managementApi(): ManagementApiOptions {
    const limitBytes = this.limits.maxMessageBytes;
    return {
      stage: this.options.stage,
      maxMessageBytes: limitBytes,
      tooLarge: (connectionId, bytes) => this.limitExceeded({ kind: "postToConnection", connectionId, bytes, limitBytes }),
      fault: this.options.faults?.management,
      openConnection: (connectionId) => this.connections.get(connectionId)?.managed(),
      hold: (held) => {
        this.heldResponses.add(held);
        held.on("close", () => this.heldResponses.delete(held));
      },
      log: (line) => this.log(line),
    };
  }

  private limitExceeded(violation: LimitViolation): void {
    this.violations.push(violation);
    const where = violation.routeKey ? ` (${violation.routeKey} ${violation.requestId})` : "";
    this.log(
      `ERROR ${violation.kind} to ${violation.connectionId}${where}: ${violation.bytes} bytes, over the ${violation.limitBytes}-byte message limit`,
    );
    if (this.options.onLimitExceeded) return this.options.onLimitExceeded(violation);
    console.error(
      `gateway: a ${violation.kind} of ${violation.bytes} bytes to ${violation.connectionId}${where} is over API Gateway's ` +
        `${violation.limitBytes}-byte message limit; on AWS it would not reach the client (docs/local-stack.md)`,
    );
  }

  /** Keeps work in flight until it settles, so `close()` can wait for it; its failure is its own to log. */
  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
  }

  private async shutDown(): Promise<void> {
    for (const connection of this.connections.values()) {
      connection.closeByGateway({ statusCode: 1001, reason: closeReasons.shutdown });
    }
    for (;;) {
      const pending = [...this.inFlight, ...[...this.connections.values()].map((connection) => connection.gone)];
      if (pending.length === 0) break;
      await Promise.allSettled(pending);
    }
    for (const res of this.heldResponses) res.destroy();
    for (const detach of this.detachers.values()) detach();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

export function createGateway(options: GatewayOptions): Gateway {
  return new LocalGateway(options);
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
  await listen(server, port, host);
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
      await closeServer(server);
    },
  };
}
