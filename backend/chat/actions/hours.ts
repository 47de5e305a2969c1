import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";
import { ownerAvailability } from "../business-hours.ts";
import { announcePresence, ownerPresence } from "../presence.ts";

/**
 * Sets or reads the owner's business hours (docs/protocol.md, `hours`). Set, every open visitor
 * connection is told the owner's presence under them at once, and the owner's other tabs the hours.
 */
export const hours: ActionHandler<"hours"> = async ({ timeZone, weekly }, context) => {
  const { store, now, deps } = context;
  if ((timeZone === undefined) !== (weekly === undefined)) throw new ProtocolError("bad_request", "timeZone and weekly go together");
  if (timeZone === undefined || weekly === undefined) return { type: "hours", ...(await store.hours.read()) };
  const set = { timeZone, weekly: [...weekly].sort((a, b) => a.day - b.day || a.from.localeCompare(b.from)) };
  await store.hours.write(set);
  const owner = await store.connections.ownerState(now, { consistent: true });
  await context.pushToOwners({ type: "hours", ...set });
  await announcePresence(
    { connections: store.connections, pusher: deps.pusher },
    ownerPresence(owner, now, deps.presenceTimes, ownerAvailability(set, now)),
  );
  return { type: "hours", ...set };
};
