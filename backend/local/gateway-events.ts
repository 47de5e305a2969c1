/**
 * The events API Gateway hands a WebSocket API's Lambda integrations, built the way AWS builds them
 * (docs/local-stack.md, "The events, field by field"). Pure functions: no sockets, no timers.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";

/** Who opened the connection, as API Gateway reports it in `requestContext.identity`. */
export interface WebSocketIdentity {
  sourceIp: string;
  userAgent: string;
}

/**
 * `@types/aws-lambda`'s WebSocket event plus what API Gateway really sends and the type lacks.
 * `requestContext.messageId` stays typed as a string (so the event is still an
 * `APIGatewayProxyWebsocketEventV2`) but is only present on MESSAGE events.
 */
export interface WebSocketEvent extends APIGatewayProxyWebsocketEventV2 {
  /** CONNECT: the upgrade request's headers (last value wins); DISCONNECT: four fixed headers. */
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  requestContext: APIGatewayProxyWebsocketEventV2["requestContext"] & {
    identity: WebSocketIdentity;
    /** DISCONNECT only. */
    disconnectStatusCode?: number;
    /** DISCONNECT only. */
    disconnectReason?: string;
  };
}

export type EventType = WebSocketEvent["requestContext"]["eventType"];

/** What every event of one connection repeats. */
export interface ConnectionFacts {
  connectionId: string;
  connectedAtMs: number;
  apiId: string;
  stage: string;
  /** `host:port` the client connected to. */
  domainName: string;
  identity: WebSocketIdentity;
}

/** An API Gateway id: 11 random bytes, URL-safe base64 (15 characters), then `=`, like `Kf2bqd9WywMCEng=`. */
export function gatewayId(): string {
  return randomBytes(11).toString("base64url") + "=";
}

export const gatewayIdPattern = /^[A-Za-z0-9_-]{15}=$/;

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `05/Apr/2020:05:20:58 +0000`: API Gateway's `requestTime`, always UTC. */
export function formatRequestTime(atMs: number): string {
  const at = new Date(atMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${two(at.getUTCDate())}/${monthNames[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
    `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`
  );
}

/** The request's headers with the client's spelling, the last value in `headers` and all in `multiValueHeaders`. */
function headersOf(rawHeaders: readonly string[]): Pick<WebSocketEvent, "headers" | "multiValueHeaders"> {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const spellingByLowerName = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const rawName = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    const name = spellingByLowerName.get(rawName.toLowerCase()) ?? rawName;
    spellingByLowerName.set(name.toLowerCase(), name);
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

/** Query parameters, present only when the URL has a query string (as API Gateway does). */
function queryOf(url: URL): Pick<WebSocketEvent, "queryStringParameters" | "multiValueQueryStringParameters"> {
  if (url.search.length <= 1) return {};
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] = value;
    (multiValueQueryStringParameters[name] ??= []).push(value);
  }
  return { queryStringParameters, multiValueQueryStringParameters };
}

function requestContextOf(facts: ConnectionFacts, routeKey: string, eventType: EventType, nowMs: number) {
  const requestId = gatewayId();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatRequestTime(nowMs),
    messageDirection: "IN" as const,
    stage: facts.stage,
    connectedAt: facts.connectedAtMs,
    requestTimeEpoch: nowMs,
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
    identity: { ...facts.identity },
  };
}

/** The address the client connected from, without Node's IPv4-mapped IPv6 prefix. */
export function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}

/**
 * CONNECT: the upgrade request's headers (plus the `X-Forwarded-*` and `X-Amzn-Trace-Id` headers API
 * Gateway adds) and query string; no body, no messageId.
 */
export function connectEvent(facts: ConnectionFacts, req: IncomingMessage, url: URL, nowMs: number): WebSocketEvent {
  const { headers, multiValueHeaders } = headersOf([
    ...req.rawHeaders,
    "X-Amzn-Trace-Id",
    `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${randomBytes(12).toString("hex")}`,
    "X-Forwarded-For",
    facts.identity.sourceIp,
    "X-Forwarded-Port",
    String(req.socket.localPort ?? ""),
    "X-Forwarded-Proto",
    "http",
  ]);
  return {
    headers,
    multiValueHeaders,
    ...queryOf(url),
    requestContext: requestContextOf(facts, "$connect", "CONNECT", nowMs) as WebSocketEvent["requestContext"],
    isBase64Encoded: false,
  };
}

/** MESSAGE: the frame as `body` (base64 for a binary frame), a fresh messageId; no headers. */
export function messageEvent(
  facts: ConnectionFacts,
  routeKey: string,
  frame: { body: string; isBase64Encoded: boolean },
  nowMs: number,
): WebSocketEvent {
  return {
    requestContext: { ...requestContextOf(facts, routeKey, "MESSAGE", nowMs), messageId: gatewayId() },
    body: frame.body,
    isBase64Encoded: frame.isBase64Encoded,
  };
}

/** DISCONNECT: four fixed headers and why the socket closed. */
export function disconnectEvent(facts: ConnectionFacts, closed: { statusCode: number; reason: string }, nowMs: number): WebSocketEvent {
  const { headers, multiValueHeaders } = headersOf(["Host", facts.domainName, "x-api-key", "", "X-Forwarded-For", "", "x-restapi", ""]);
  return {
    headers,
    multiValueHeaders,
    requestContext: {
      ...requestContextOf(facts, "$disconnect", "DISCONNECT", nowMs),
      disconnectStatusCode: closed.statusCode,
      disconnectReason: closed.reason,
    } as WebSocketEvent["requestContext"],
    isBase64Encoded: false,
  };
}

/**
 * Route selection by `$request.body.action`: a JSON object's string `action` naming a message route;
 * anything else (binary frame, non-JSON, other action) goes to `$default`. Returns undefined when
 * neither exists, which API Gateway answers with a Forbidden frame.
 */
export function selectRoute(frame: { body: string; isBase64Encoded: boolean }, routeKeys: ReadonlySet<string>): string | undefined {
  if (!frame.isBase64Encoded) {
    const action = actionOf(frame.body);
    if (action !== undefined && action !== "$connect" && action !== "$disconnect" && routeKeys.has(action)) {
      return action;
    }
  }
  return routeKeys.has("$default") ? "$default" : undefined;
}

function actionOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      const action = (parsed as { action?: unknown }).action;
      return typeof action === "string" ? action : undefined;
    }
  } catch {
    // Not JSON: $default.
  }
  return undefined;
}

/**
 * The frames API Gateway itself sends a client, spelled exactly like AWS's (note the space after the
 * first colon only): `{"message": "Forbidden", "connectionId":"…", "requestId":"…"}`.
 */
export function gatewayErrorFrame(
  message: "Forbidden" | "Internal server error" | "Endpoint request timed out" | "Too Many Requests",
  connectionId: string,
  requestId: string,
): string {
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}
