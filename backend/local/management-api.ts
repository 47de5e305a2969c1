/**
 * The `@connections` management API (`POST|GET|DELETE /<stage>/@connections/<id>`), answering the way
 * `@aws-sdk/client-apigatewaymanagementapi` expects: errors carry `x-amzn-errortype` and a JSON
 * `{"message": …}` body so the SDK names them (`err.name === "GoneException"`).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebSocketIdentity } from "./gateway-events.ts";

export type ManagementMethod = "POST" | "GET" | "DELETE";

/**
 * An injected management API fault: "hang" never answers; "reset" drops the TCP connection without
 * acting or answering (what a client sees when it reuses a keep-alive connection the server has
 * just closed, or one that died while a Lambda was frozen); a number answers that HTTP status.
 */
export type ManagementFault = "hang" | "reset" | number;

/** A connection the management API may act on: open, its `$connect` finished. */
export interface ManagedConnection {
  connectedAtMs: number;
  lastActiveAtMs: number;
  identity: WebSocketIdentity;
  /** Send the POSTed bytes as one text frame. */
  post(data: Buffer): void;
  /** DeleteConnection: close the socket (the gateway then runs `$disconnect` with 1000). */
  disconnect(): void;
}

export interface ManagementApiOptions {
  stage: string;
  /** API Gateway's message limit: a larger POST is refused with 413 and reported to `tooLarge`. */
  maxMessageBytes: number;
  tooLarge(connectionId: string, bytes: number): void;
  /**
   * Fault injection, consulted before normal handling; a POST's `body` (its text) lets a test pick
   * the push of one message.
   */
  fault?: (req: { method: ManagementMethod; connectionId: string; body?: string }) => ManagementFault | undefined;
  openConnection(connectionId: string): ManagedConnection | undefined;
  /** Keeps a response that must never be answered, so shutdown can destroy it. */
  hold(res: ServerResponse): void;
  log(line: string): void;
}

const errorTypeByStatus: Readonly<Record<number, string>> = {
  400: "BadRequestException",
  403: "ForbiddenException",
  410: "GoneException",
  413: "PayloadTooLargeException",
  429: "LimitExceededException",
};

function errorTypeFor(status: number): string {
  return errorTypeByStatus[status] ?? (status >= 500 ? "InternalServerErrorException" : "BadRequestException");
}

/** The connection id a management request is about, or undefined when the path is not the gateway's. */
export function managementConnectionId(rawUrl: string | undefined, stage: string): string | undefined {
  const path = (rawUrl ?? "/").split("?")[0] as string;
  const segments = path.split("/");
  if (segments.length !== 4 || segments[0] !== "") return undefined;
  try {
    const [, stageSegment, collection, idSegment] = segments.map(decodeURIComponent);
    if (stageSegment !== stage || collection !== "@connections" || !idSegment) return undefined;
    return idSegment;
  } catch {
    return undefined;
  }
}

function answer(res: ServerResponse, status: number, body?: string, contentType = "application/json"): void {
  res.statusCode = status;
  res.setHeader("x-amzn-RequestId", randomUUID());
  res.setHeader("x-content-type-options", "nosniff");
  if (status >= 400) res.setHeader("x-amzn-errortype", errorTypeFor(status));
  if (body === undefined) {
    res.end();
  } else {
    res.setHeader("content-type", contentType);
    res.end(body);
  }
}

function answerError(res: ServerResponse, status: number, message: string): void {
  answer(res, status, JSON.stringify({ message }));
}

/** Reads the whole body, keeping at most `keepBytes` bytes so an oversized POST cannot fill memory. */
function readBody(req: IncomingMessage, keepBytes: number): Promise<{ data: Buffer; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total <= keepBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve({ data: Buffer.concat(chunks), bytes: total }));
    req.on("error", reject);
  });
}

/** Answers one request already known (by `managementConnectionId`) to be for the management API. */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  connectionId: string,
  options: ManagementApiOptions,
): Promise<void> {
  const method = req.method as ManagementMethod;
  if (method !== "POST" && method !== "GET" && method !== "DELETE") {
    req.resume();
    answerError(res, 403, `Method ${req.method} is not allowed on @connections`);
    return;
  }
  const body = method === "POST" ? await readBody(req, options.maxMessageBytes) : (req.resume(), undefined);
  const fault = options.fault?.({ method, connectionId, ...(body ? { body: body.data.toString("utf8") } : {}) });
  if (fault === "hang") {
    options.log(`management ${method} ${connectionId} fault: hang`);
    options.hold(res);
    return;
  }
  if (fault === "reset") {
    options.log(`management ${method} ${connectionId} fault: reset`);
    req.socket.resetAndDestroy();
    return;
  }
  if (typeof fault === "number") {
    options.log(`management ${method} ${connectionId} fault: ${fault}`);
    if (fault < 400) answer(res, fault);
    else answerError(res, fault, `Injected fault ${fault}`);
    return;
  }
  if (body && body.bytes > options.maxMessageBytes) {
    options.tooLarge(connectionId, body.bytes);
    answerError(res, 413, `Request body exceeds ${options.maxMessageBytes} bytes`);
    return;
  }
  const connection = options.openConnection(connectionId);
  if (!connection) {
    answerError(res, 410, `Connection ${connectionId} is gone`);
    return;
  }
  switch (method) {
    case "POST":
      connection.post(body?.data ?? Buffer.alloc(0));
      answer(res, 200);
      return;
    case "GET":
      answer(
        res,
        200,
        JSON.stringify({
          connectedAt: new Date(connection.connectedAtMs).toISOString(),
          identity: { ...connection.identity },
          lastActiveAt: new Date(connection.lastActiveAtMs).toISOString(),
        }),
      );
      return;
    case "DELETE":
      connection.disconnect();
      answer(res, 204);
      return;
  }
}
