import { randomUUID } from "node:crypto";
import { ProtocolError } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";
import { ownerAvailability } from "../business-hours.ts";
import { scheduleHoursChange } from "../hours-change.ts";
import { log } from "../log.ts";
import { sendHeld } from "../notify-owner.ts";
import { announcePresence, ownerPresence } from "../presence.ts";

/**
 * Sets or reads the owner's business hours (docs/protocol.md, `hours`). Set, every open visitor
 * connection is told the owner's presence under them at once, and the owner's other tabs the hours;
 * a job tells visitors again at their next opening or closing (hours-change.ts), and so on.
 * Notifications held outside the hours go out at once if the owner is now within them.
 */
export const hours: ActionHandler<"hours"> = async ({ timeZone, weekly, notifyOutsideHours }, context) => {
  const { store, now, deps } = context;
  if ((timeZone === undefined) !== (weekly === undefined) || (timeZone === undefined && notifyOutsideHours !== undefined))
    throw new ProtocolError("bad_request", "timeZone and weekly go together, and notifyOutsideHours with them");
  if (timeZone === undefined || weekly === undefined) {
    const stored = await store.hours.read();
    return { type: "hours", timeZone: stored.timeZone, weekly: stored.weekly, notifyOutsideHours: stored.notifyOutsideHours };
  }
  const sorted = [...weekly].sort((a, b) => a.day - b.day || a.from.localeCompare(b.from));
  const set = { timeZone, weekly: sorted, notifyOutsideHours: notifyOutsideHours ?? false };
  // The hours, then their job (which would find older hours if it ran first). A failed enqueue
  // answers an error: the owner saves again, and that stamp's job follows the hours.
  const stamp = randomUUID();
  await store.hours.write(set, stamp);
  await scheduleHoursChange(deps.jobs, set, stamp, now);
  const owner = await store.connections.ownerState(now, { consistent: true });
  const availability = ownerAvailability(set, now);
  await Promise.all([
    context.pushToOwners({ type: "hours", ...set }),
    announcePresence({ connections: store.connections, pusher: deps.pusher }, ownerPresence(owner, now, deps.presenceTimes, availability)),
    // Notifications held outside the old hours go out now if the new ones are open (or notify anyway).
    (availability.open || set.notifyOutsideHours) &&
      sendHeld({ ...deps, notifications: store.notifications, hours: store.hours, now: () => now }).catch((error: unknown) => {
        log.warn("held notifications not sent", { error });
      }),
  ]);
  return { type: "hours", ...set };
};
