import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LambdaHandler } from "./gateway.ts";

const invocationsPath = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function invoke(name: string, handler: LambdaHandler, payload: unknown): Promise<unknown> {
  const context = {
    awsRequestId: randomUUID(),
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: "256",
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  return Promise.resolve(handler(payload, context as never, () => {}));
}

/** An error answer, with the `x-amzn-errortype` the SDK names the error after. */
function answerError(res: ServerResponse, status: number, type: string, message: string): void {
  res
    .writeHead(status, { "content-type": "application/json", "x-amzn-requestid": randomUUID(), "x-amzn-errortype": type })
    .end(JSON.stringify({ message }));
}

/**
 * The part of Lambda's Invoke API that Porch uses, so handlers that invoke another function run
 * unchanged on a laptop: `POST /2015-03-31/functions/<name>/invocations`.
 * `X-Amz-Invocation-Type: Event` answers 202 at once and runs the function in the background,
 * as Lambda queues it; otherwise the function runs and its JSON result is the response.
 * Differences from AWS: no retries of failed asynchronous invocations, no qualifiers, no auth.
 */
export class LambdaApi {
  /** Asynchronous invocations still running, which `drain()` waits for. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly functions: Record<string, LambdaHandler>,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Answers an Invoke request and returns true, or returns false when the request is not one. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const match = invocationsPath.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match || req.method !== "POST") return false;
    const name = decodeURIComponent(match[1]!);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => this.answer(req, name, chunks, res));
    return true;
  }

  /** Waits for background invocations to finish. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private answer(req: IncomingMessage, name: string, chunks: Buffer[], res: ServerResponse): void {
    const handler = this.functions[name];
    if (!handler) return answerError(res, 404, "ResourceNotFoundException", `Function not found: ${name}`);
    let payload: unknown;
    try {
      payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    } catch {
      return answerError(res, 400, "InvalidRequestContentException", "Could not parse request body into json");
    }
    const run = invoke(name, handler, payload);
    const json = { "content-type": "application/json", "x-amzn-requestid": randomUUID() };
    if (req.headers["x-amz-invocation-type"] === "Event") {
      res.writeHead(202, json).end();
      return this.runInBackground(name, run);
    }
    run.then(
      (result) => res.writeHead(200, json).end(JSON.stringify(result ?? null)),
      (error: unknown) =>
        res
          .writeHead(200, { ...json, "x-amz-function-error": "Unhandled" })
          .end(JSON.stringify({ errorMessage: error instanceof Error ? error.message : String(error) })),
    );
  }

  private runInBackground(name: string, run: Promise<unknown>): void {
    const tracked = run
      .catch((error: unknown) => this.log(`lambda ${name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
