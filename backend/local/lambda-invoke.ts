/**
 * Invoking a handler the way the Lambda runtime does: a Lambda-like context, promise or callback
 * style, and API Gateway's integration timeout (the handler keeps running, its answer is dropped).
 */
import { randomBytes, randomUUID } from "node:crypto";

/** Lambda's `context`, with the fields the Node.js runtime fills in. */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds until the integration timeout. */
  getRemainingTimeInMillis(): number;
  /** @deprecated Lambda's legacy completion API, kept so `aws-lambda`'s `Context` type fits. */
  done(error?: Error, result?: unknown): void;
  /** @deprecated */
  fail(error: Error | string): void;
  /** @deprecated */
  succeed(messageOrObject: unknown, object?: unknown): void;
}

/** The Node.js runtime's callback, for handlers written in the callback style. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/**
 * A Lambda handler. The third parameter lets `aws-lambda`'s `Handler` types (which declare it) be
 * passed in; promise-style handlers simply ignore it.
 */
// `any`: a handler declared for its own event type (API Gateway's, SQS's) must be assignable here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: LambdaContext, callback: LambdaCallback) => unknown;

export type InvocationOutcome = { kind: "returned"; value: unknown } | { kind: "threw"; error: unknown } | { kind: "timedOut" };

/** `porch-local-default` for `$default`: one function per route, named after the route key. */
export function functionNameFor(routeKey: string): string {
  return `porch-local-${routeKey.replace(/^\$/, "").replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function lambdaContext(functionName: string, awsRequestId: string, deadlineMs: number, settle: LambdaCallback): LambdaContext {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return {
    awsRequestId,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString("hex")}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: (error, result) => settle(error, result),
    fail: (error) => settle(error),
    succeed: (messageOrObject) => settle(undefined, messageOrObject),
  };
}

/**
 * Runs `handler` once. Never rejects: a throw, a rejected promise or a callback error is `threw`; no
 * answer within `timeoutMs` is `timedOut`. A handler that returns a non-promise value and declares no
 * callback parameter has answered with that value.
 */
export async function invokeHandler(
  handler: LambdaHandler,
  event: unknown,
  options: { functionName: string; timeoutMs: number; awsRequestId?: string },
): Promise<InvocationOutcome> {
  let timer: NodeJS.Timeout | undefined;
  let settle: LambdaCallback = () => {};
  const answered = new Promise<InvocationOutcome>((resolve) => {
    let settled = false;
    settle = (error, result) => {
      if (settled) return;
      settled = true;
      resolve(error === undefined || error === null ? { kind: "returned", value: result } : { kind: "threw", error });
    };
  });
  const timedOut = new Promise<InvocationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timedOut" }), options.timeoutMs);
    timer.unref();
  });
  const context = lambdaContext(options.functionName, options.awsRequestId ?? randomUUID(), Date.now() + options.timeoutMs, settle);
  try {
    const result = handler(event, context, settle);
    if (isThenable(result)) {
      result.then(
        (value) => settle(undefined, value),
        (error: unknown) => settle(error ?? new Error("rejected")),
      );
    } else if (handler.length < 3) {
      settle(undefined, result);
    }
  } catch (error) {
    settle(error ?? new Error("thrown"));
  }
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";
}
