/**
 * A worker thread that runs one Lambda handler for the local stack (backend/local/function-thread.ts
 * starts it and says why). Plain JavaScript: it registers the TypeScript loader for itself (tsx's
 * hooks registered in the parent do not reach worker threads), then loads the handler's module on
 * the first invocation, as Lambda does. Each message `{id, event, functionName, awsRequestId,
 * remainingMs}` is one invocation; the answer is `{id, outcome}`, an error by its name and message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { invokeHandler } = await import("./lambda-invoke.ts");
const { modulePath, exportName } = workerData;
let handler;

parentPort.on("message", (invocation) => {
  void (async () => {
    handler ??= (await import(modulePath))[exportName];
    const outcome = await invokeHandler(handler, invocation.event, {
      functionName: invocation.functionName,
      awsRequestId: invocation.awsRequestId,
      timeoutMs: invocation.remainingMs,
    });
    if (outcome.kind === "threw") {
      const error = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
      parentPort.postMessage({ id: invocation.id, outcome: { kind: "threw", error: { name: error.name, message: error.message } } });
    } else {
      parentPort.postMessage({ id: invocation.id, outcome });
    }
  })();
});
parentPort.postMessage({ ready: true });
