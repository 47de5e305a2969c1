import { defineAction } from "../action.ts";
import { hoursTimeZone, notifyOutsideHours, weeklyHours } from "../fields.ts";
import { hoursReply } from "../frames.ts";

export const hours = defineAction({
  action: "hours",
  caller: "owner",
  summary:
    "Sets the owner's business hours (`timeZone` and `weekly` together; an empty `weekly` is no hours; `notifyOutsideHours` true: notifications are not held outside them), or with none of them reads them.",
  request: { timeZone: hoursTimeZone, weekly: weeklyHours, notifyOutsideHours },
  reply: hoursReply,
});
