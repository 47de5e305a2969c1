/**
 * dynalite in a worker thread of its own, started by `startDynaliteThread` (backend/local/dynamo.ts):
 * the stack's handlers and the DynamoDB server then run on two cores, as they do on AWS. Plain
 * JavaScript, so the thread loads without the TypeScript loader whatever ran the parent (tsx's
 * hooks do not reach worker threads). The parent sends `{ close: true }`; the thread closes the
 * server (and with it the database) and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";

const { path, port = 0, host = "127.0.0.1" } = workerData;
const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once("error", (error) => {
  throw error;
});
server.listen(port, host, () => parentPort.postMessage({ endpoint: `http://${host}:${server.address().port}` }));
parentPort.on("message", (message) => {
  if (!message.close) return;
  server.close(() => parentPort.close());
  server.closeAllConnections();
});
