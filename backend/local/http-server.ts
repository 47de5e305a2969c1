/** Starting and stopping the local stack's HTTP servers. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on `host:port` (0 picks a free port); resolves with the port, or rejects with why not (EADDRINUSE). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Stops listening and cuts open keep-alive connections; resolves once the server has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
