/**
 * A Lambda function of the local stack in a worker thread of its own. The stack's one process
 * otherwise runs the gateway emulator and every handler on one core; the handlers spend most of a
 * frame in the AWS SDK (serializing, signing, parsing: docs/benchmarks.md, "The local stack"),
 * so `npm start` runs the `$default` function, which serves every protocol frame, here: the
 * gateway, the handlers and dynalite (its own thread) then use every core, as API Gateway, Lambda
 * and DynamoDB are separate machines on AWS. The handler reaches everything through the AWS SDK
 * and the environment (the thread gets a copy of the stack's, made once the stack has set it), exactly as in the process; invocations run
 * concurrently in the thread, as they did in the process.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { InvocationOutcome, LambdaHandler } from "./lambda-invoke.ts";

export interface FunctionThread {
  /** Invokes the handler in the thread: resolves with its answer, rejects with its error. */
  handler: LambdaHandler;
  close(): Promise<void>;
}

/** Starts a thread for the handler `reference` (`path/module.export`, relative to `root`). */
export async function startFunctionThread(root: string, reference: string): Promise<FunctionThread> {
  const dot = reference.lastIndexOf(".");
  const workerData = { modulePath: pathToFileURL(join(root, `${reference.slice(0, dot)}.ts`)).href, exportName: reference.slice(dot + 1) };
  const pending = new Map<string, (outcome: InvocationOutcome) => void>();
  let closing = false;

  async function start(): Promise<Worker> {
    const worker = new Worker(new URL("./function-thread.mjs", import.meta.url), { workerData });
    await new Promise<void>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", () => {
        worker.off("error", reject);
        resolve();
      });
    });
    worker.on("message", (message: { id: string; outcome: InvocationOutcome }) => {
      pending.get(message.id)?.(message.outcome);
      pending.delete(message.id);
    });
    // A thread that dies fails what it was running, as a crashed Lambda does, and the next frame
    // gets a new one (a new container, loading the module again).
    worker.on("error", (error) => {
      for (const settle of pending.values()) settle({ kind: "threw", error });
      pending.clear();
    });
    worker.once("exit", () => {
      for (const settle of pending.values()) settle({ kind: "threw", error: new Error("the function's thread stopped") });
      pending.clear();
      if (!closing) current = start();
    });
    worker.unref();
    return worker;
  }

  let current = start();
  await current;
  return {
    handler: async (event: unknown, context) => {
      const worker = await current;
      const id = randomUUID();
      const outcome = await new Promise<InvocationOutcome>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({
          id,
          event,
          functionName: context.functionName,
          awsRequestId: context.awsRequestId,
          remainingMs: context.getRemainingTimeInMillis(),
        });
      });
      if (outcome.kind === "returned") return outcome.value;
      if (outcome.kind === "timedOut") return new Promise(() => {}); // the caller's own timeout answers
      const { name, message } = outcome.error as { name: string; message: string };
      throw Object.assign(new Error(message), { name });
    },
    close: async () => {
      closing = true;
      await (await current).terminate();
    },
  };
}
