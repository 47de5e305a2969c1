/**
 * A small HTTP proxy in front of a DynamoDB server (dynalite) that sees every request the handlers
 * make: it counts them by operation with the ConsumedCapacity the server returned, and can inject
 * the faults real DynamoDB produces (throttling, a 500 after the write was applied, a request that
 * never answers). Point the stack at it with `startStack({ dynamoEndpoint: proxy.endpoint })`.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy saw of one request. */
export interface DynamoCall {
  /** e.g. "PutItem", from `X-Amz-Target: DynamoDB_20120810.PutItem`. */
  operation: string;
  /** The request body, parsed. */
  input: Record<string, unknown>;
  /** The SDK's attempt number for this call (1 for a first try), from `amz-sdk-request`. */
  attempt: number;
  /** HTTP status the client got. */
  status: number;
  /** The response body, parsed (the error body for a fault). */
  output: Record<string, unknown>;
  /** Capacity units the server reported (ConsumedCapacity, summed over tables); 0 when it reported none. */
  capacityUnits: number;
  /** Set when the proxy injected a fault instead of (or after) forwarding. */
  fault?: DynamoFault["kind"];
  /** When the proxy received the request and when it answered (performance.now()): which calls ran one after another. */
  receivedAt: number;
  answeredAt: number;
}

/**
 * - `throttle`: answer 400 ProvisionedThroughputExceededException without forwarding (the SDK retries).
 * - `errorAfterForward`: forward, let the server apply it, then answer 500 InternalServerError (the SDK retries).
 * - `hold`: keep the request unanswered until `release` resolves, then answer with `then` (never forwarded).
 */
export type DynamoFault =
  { kind: "throttle" } | { kind: "errorAfterForward" } | { kind: "hold"; release: Promise<void>; then: "validationError" | "forward" };

export interface DynamoProxyOptions {
  /** The DynamoDB server, e.g. dynalite's `http://127.0.0.1:PORT`. */
  target: string;
  /** Consulted for every request before it is forwarded. */
  fault?: (call: Pick<DynamoCall, "operation" | "input" | "attempt">) => DynamoFault | undefined;
  /** Runs before a request is forwarded; the proxy waits for it (used to read an item before a write). */
  beforeForward?: (call: Pick<DynamoCall, "operation" | "input">) => Promise<unknown>;
  /** Told about every answered request; `before` is what `beforeForward` returned. */
  onCall?: (call: DynamoCall, before: unknown) => void | Promise<void>;
}

export interface DynamoProxy {
  endpoint: string;
  /** Every answered request since the start or the last `reset`. */
  readonly calls: DynamoCall[];
  reset(): void;
  close(): Promise<void>;
}

const errorTypes = {
  throttle: ["ProvisionedThroughputExceededException", 400, "The level of configured provisioned throughput for the table was exceeded."],
  internal: ["InternalServerError", 500, "Internal server error (injected after the request was applied)"],
  validation: ["ValidationException", 400, "Injected: the request was abandoned"],
} as const;

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function parseJson(bytes: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8") || "{}");
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Capacity units in a ConsumedCapacity that is one object (single-item calls) or a list (batches). */
export function capacityUnitsOf(output: Record<string, unknown>): number {
  const consumed = output.ConsumedCapacity;
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return entries.reduce((sum: number, entry) => sum + (Number((entry as { CapacityUnits?: unknown }).CapacityUnits) || 0), 0);
}

function attemptOf(req: IncomingMessage): number {
  const header = req.headers["amz-sdk-request"];
  const match = typeof header === "string" ? /attempt=(\d+)/.exec(header) : null;
  return match ? Number(match[1]) : 1;
}

export async function startDynamoProxy(options: DynamoProxyOptions): Promise<DynamoProxy> {
  const target = new URL(options.target);
  const calls: DynamoCall[] = [];

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) => void readAll(res).then((bytes) => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: bytes }), reject),
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  function answerError(res: ServerResponse, [type, status, message]: readonly [string, number, string]): Record<string, unknown> {
    const output = { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message };
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "injected" });
    res.end(JSON.stringify(output));
    return output;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const body = await readAll(req);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.slice(target.indexOf(".") + 1);
    const input = parseJson(body);
    const attempt = attemptOf(req);
    const fault = options.fault?.({ operation, input, attempt });
    const record = async (call: Omit<DynamoCall, "operation" | "input" | "attempt" | "receivedAt" | "answeredAt">, before?: unknown) => {
      const full: DynamoCall = { operation, input, attempt, receivedAt, answeredAt: performance.now(), ...call };
      calls.push(full);
      await options.onCall?.(full, before);
    };

    if (fault?.kind === "throttle") {
      await record({ status: 400, output: answerError(res, errorTypes.throttle), capacityUnits: 0, fault: fault.kind });
      return;
    }
    if (fault?.kind === "hold") {
      await fault.release;
      if (fault.then === "validationError") {
        if (!res.destroyed) answerError(res, errorTypes.validation);
        return;
      }
    }
    const before = await options.beforeForward?.({ operation, input });
    const answer = await forward(req, body);
    const output = parseJson(answer.body);
    if (fault?.kind === "errorAfterForward") {
      await record(
        { status: 500, output: answerError(res, errorTypes.internal), capacityUnits: capacityUnitsOf(output), fault: fault.kind },
        before,
      );
      return;
    }
    // Recorded before answering, so an observer can read the item before the next request changes it.
    await record({ status: answer.status, output, capacityUnits: capacityUnitsOf(output) }, before);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    reset: () => void calls.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
