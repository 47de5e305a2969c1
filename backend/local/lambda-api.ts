import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LambdaHandler } from "./gateway.ts";

/**
 * The part of Lambda's Invoke API that Porch uses, so handlers that invoke another function run
 * unchanged on a laptop: `POST /2015-03-31/functions/<name>/invocations`.
 * `X-Amz-Invocation-Type: Event` answers 202 at once and runs the function in the background,
 * as Lambda queues it; otherwise the function runs and its JSON result is the response.
 * Differences from AWS: no retries of failed asynchronous invocations, no qualifiers, no auth.
 */
export function createLambdaApi(functions: Record<string, LambdaHandler>, log: (line: string) => void = () => {}) {
  const running = new Set<Promise<unknown>>();

  function invoke(name: string, handler: LambdaHandler, payload: unknown): Promise<unknown> {
    const awsRequestId = randomUUID();
    const context = {
      awsRequestId,
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

  return {
    /** Answers an Invoke request and returns true, or returns false when the request is not one. */
    handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      if (!match || req.method !== "POST") return false;
      const name = decodeURIComponent(match[1]!);
      const handler = functions[name];
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const json = { "content-type": "application/json", "x-amzn-requestid": randomUUID() };
        if (!handler) {
          res
            .writeHead(404, { ...json, "x-amzn-errortype": "ResourceNotFoundException" })
            .end(JSON.stringify({ message: `Function not found: ${name}` }));
          return;
        }
        let payload: unknown;
        try {
          payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
        } catch {
          res
            .writeHead(400, { ...json, "x-amzn-errortype": "InvalidRequestContentException" })
            .end(JSON.stringify({ message: "Could not parse request body into json" }));
          return;
        }
        const run = invoke(name, handler, payload);
        if (req.headers["x-amz-invocation-type"] === "Event") {
          res.writeHead(202, json).end();
          const tracked = run
            .catch((error: unknown) => log(`lambda ${name} failed: ${error instanceof Error ? error.message : String(error)}`))
            .finally(() => running.delete(tracked));
          running.add(tracked);
          return;
        }
        run.then(
          (result) => res.writeHead(200, json).end(JSON.stringify(result ?? null)),
          (error: unknown) =>
            res
              .writeHead(200, { ...json, "x-amz-function-error": "Unhandled" })
              .end(JSON.stringify({ errorMessage: error instanceof Error ? error.message : String(error) })),
        );
      });
      return true;
    },
    /** Waits for background invocations to finish. */
    async drain(): Promise<void> {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
