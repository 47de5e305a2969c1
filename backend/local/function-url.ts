/**
 * A Lambda function URL on the local stack's port: requests under `path` become the events a
 * function URL sends (payload format 2.0), and the function's answer becomes the response, as
 * AWS maps it. The reply emails' unsubscribe endpoint is served this way (backend/handlers/
 * unsubscribe.ts). docs/local-stack.md says what differs from AWS.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { invokeHandler, type LambdaHandler } from "./lambda-invoke.ts";

export interface FunctionUrlOptions {
  /** The path it answers under, e.g. `/unsubscribe` (a function URL's own path is `/`). */
  path: string;
  handler: LambdaHandler;
  functionName: string;
  /** A function URL answers 502 when the function fails or runs out of time. */
  timeoutMs?: number;
}

/** A function URL takes request bodies up to 6 MB. */
const maxBodyBytes = 6 * 1024 * 1024;

/** The event a function URL sends for one request under `path` (payload format 2.0). */
function functionUrlEvent(req: IncomingMessage, url: URL, body: Buffer, options: FunctionUrlOptions) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== "cookie") headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const query = url.search.slice(1);
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  const textual = /^(text\/|application\/(json|x-www-form-urlencoded|xml))/.test(headers["content-type"] ?? "");
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname.slice(options.path.length) || "/",
    rawQueryString: query,
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(query ? { queryStringParameters } : {}),
    requestContext: {
      accountId: "anonymous",
      apiId: options.functionName,
      domainName: headers.host ?? "localhost",
      domainPrefix: (headers.host ?? "localhost").split(".")[0],
      http: {
        method: req.method ?? "GET",
        path: url.pathname.slice(options.path.length) || "/",
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length
      ? { body: textual ? body.toString("utf8") : body.toString("base64"), isBase64Encoded: !textual }
      : { isBase64Encoded: false }),
  };
}

/** The function's answer as the response, mapped as AWS maps it. */
function respond(res: ServerResponse, value: unknown): void {
  const result = value as {
    statusCode?: unknown;
    headers?: Record<string, string>;
    body?: unknown;
    isBase64Encoded?: boolean;
    cookies?: string[];
  };
  if (result === null || typeof result !== "object" || typeof result.statusCode !== "number") {
    // AWS: a result without a statusCode is the JSON body of a 200.
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value ?? null));
    return;
  }
  const body = typeof result.body === "string" ? Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8") : Buffer.alloc(0);
  const headers: Record<string, string | string[]> = { ...(result.headers ?? {}) };
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  res.writeHead(result.statusCode, headers).end(body);
}

/** Reads a request's body, keeping at most `maxBodyBytes`; `size` is what the client sent. */
function readBody(req: IncomingMessage): Promise<{ body: Buffer; size: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: Buffer.concat(chunks), size }));
  });
}

export class FunctionUrl {
  constructor(private readonly options: FunctionUrlOptions) {}

  /** Answers a request under `path` and returns true, or returns false for any other request. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname !== this.options.path && !url.pathname.startsWith(`${this.options.path}/`)) return false;
    void readBody(req).then(({ body, size }) => this.answer(req, url, body, size, res));
    return true;
  }

  private async answer(req: IncomingMessage, url: URL, body: Buffer, size: number, res: ServerResponse): Promise<void> {
    if (size > maxBodyBytes) {
      res
        .writeHead(413, { "content-type": "application/json" })
        .end(JSON.stringify({ Message: "Request must be smaller than 6291456 bytes" }));
      return;
    }
    const outcome = await invokeHandler(this.options.handler, functionUrlEvent(req, url, body, this.options), {
      functionName: this.options.functionName,
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    if (outcome.kind === "returned") respond(res, outcome.value);
    else res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ Message: "Internal Server Error" }));
  }
}
