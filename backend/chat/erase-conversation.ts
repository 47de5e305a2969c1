import type { JobQueue } from "../jobs/job.ts";
import type { ConnectionStore, Deletes } from "./ports.ts";
import { type PushDeps, pushAndForget, pushToOwners } from "./push-and-forget.ts";

/** What erasing a conversation needs: the delete, the sweep's queue, and pushes to whoever has it open. */
export interface EraseDeps extends PushDeps {
  store: { readonly deletes: Deletes; readonly connections: ConnectionStore };
  jobs: JobQueue;
  now: number;
}

export interface EraseOptions {
  /** Only if nothing was sent since (the retention job): the delete then hides what came before this time. */
  idleBefore?: number;
  /** The visitor's own erase: the id is retired, every message it sends from then on is refused. */
  forever?: boolean;
  /** The connection that asked: it gets the action's reply, not the push. */
  exceptConnection?: string;
}

/**
 * The one delete path (docs/data-model.md, "Deletes"), for the owner's `delete`, the visitor's
 * `erase` and the retention job: the conversation is hidden from every reader at once, a sweep job
 * erases its messages, and the visitor's and the owner's open tabs are told. The delete's time
 * (`clearedAt`) when this call deleted it; null when there was nothing to delete (a sweep is still enqueued for a conversation
 * already cleared, so a delete whose job was lost is finished by repeating it).
 */
export async function eraseConversation(visitorId: string, deps: EraseDeps, options: EraseOptions = {}): Promise<number | null> {
  const { idleBefore, forever } = options;
  const cleared = await deps.store.deletes.clearConversation(visitorId, deps.now, {
    ...(idleBefore === undefined ? {} : { idleBefore }),
    ...(forever ? { forever } : {}),
  });
  if (!cleared) return null;
  await deps.jobs.enqueue({ type: "sweep-conversation", visitorId, clearedAt: cleared.clearedAt });
  if (!cleared.cleared) return null;
  const deleted = { type: "deleted", visitorId, clearedAt: cleared.clearedAt } as const;
  const visitorTabs = cleared.visitorConnections.filter((id) => id !== options.exceptConnection);
  await Promise.all([
    pushAndForget(deps, visitorTabs, deleted, visitorId),
    pushToOwners(deps, deps.now, deleted, options.exceptConnection),
  ]);
  return cleared.clearedAt;
}
