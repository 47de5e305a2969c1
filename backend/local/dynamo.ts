import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
