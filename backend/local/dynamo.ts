import { Worker } from "node:worker_threads";
import dynalite from "dynalite";
import { closeServer, listen } from "./http-server.ts";

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite, a DynamoDB server in Node, on loopback. With `path`, data lives on disk there
 * (one process per path: dynalite cannot share it); without, in memory.
 * docs/local-stack.md lists where dynalite differs from DynamoDB.
 */
export async function startDynalite(options: { path?: string; port?: number; host?: string } = {}): Promise<LocalDynamo> {
  const host = options.host ?? "127.0.0.1";
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const port = await listen(server, options.port ?? 0, host);
  return { endpoint: `http://${host}:${port}`, close: () => closeServer(server) };
}

/**
 * Starts dynalite in a worker thread (backend/local/dynamo-thread.mjs): the same server, on the
 * other core. The stack's handlers spend most of a send in the AWS SDK and dynalite most of it
 * parsing, validating and answering requests; in one thread each waits for the other
 * (docs/benchmarks.md, "The local stack"). Closing it closes the server and the database before
 * the thread ends, so data on disk is complete.
 */
export async function startDynaliteThread(options: { path?: string; port?: number; host?: string } = {}): Promise<LocalDynamo> {
  const worker = new Worker(new URL("./dynamo-thread.mjs", import.meta.url), { workerData: options });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the DynamoDB thread stopped before it started (exit code ${code})`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.once("message", (message: { endpoint: string }) => {
      worker.off("error", reject);
      worker.off("exit", onExit);
      resolve(message.endpoint);
    });
  });
  // A stack left open must not keep the process alive for its DynamoDB thread alone.
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate(), 5000);
        worker.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ close: true });
      })),
  };
}
