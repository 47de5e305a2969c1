import type { ServerFrame } from "#protocol";
import type { Pusher } from "../push/pusher.ts";
import { log } from "./log.ts";
import type { Binding, ConnectionStore } from "./ports.ts";

/** What pushing needs: the gateway, and the bindings to drop for connections it reports gone. */
export interface PushDeps {
  pusher: Pusher;
  store: { readonly connections: Pick<ConnectionStore, "deleteBinding"> };
}

/**
 * Pushes a frame; a connection the gateway reports gone loses its binding (`visitorId` says
 * whose they are, null for the owner's). Failures are logged, never thrown or retried.
 */
export async function pushAndForget(
  deps: PushDeps,
  targets: readonly string[],
  frame: ServerFrame,
  visitorId: string | null,
): Promise<void> {
  if (!targets.length) return;
  const results = await deps.pusher.push(targets, frame);
  const stale: Promise<void>[] = [];
  for (const result of results) {
    if (result.outcome === "delivered") {
      if (result.attempts > 1) {
        log.info("push delivered after a broken connection", { connectionId: result.connectionId, attempts: result.attempts });
      }
      continue;
    }
    log.warn("push not delivered", {
      connectionId: result.connectionId,
      outcome: result.outcome,
      reason: result.reason,
      attempts: result.attempts,
      frame: frame.type,
    });
    if (result.outcome !== "gone") continue;
    const binding: Binding = visitorId ? { role: "visitor", visitorId } : { role: "owner" };
    stale.push(deps.store.connections.deleteBinding(result.connectionId, binding));
  }
  await Promise.allSettled(stale);
}

/**
 * Pushes a frame to every owner connection but `exceptConnection` (the one whose action it
 * answers): the owner's other tabs.
 */
export async function pushToOwners(
  deps: PushDeps & { store: { readonly connections: Pick<ConnectionStore, "deleteBinding" | "ownerState"> } },
  nowMs: number,
  frame: ServerFrame,
  exceptConnection?: string,
): Promise<void> {
  const owners = await deps.store.connections.ownerState(nowMs);
  await pushAndForget(
    deps,
    owners.connections.filter((id) => id !== exceptConnection),
    frame,
    null,
  );
}
