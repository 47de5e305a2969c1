import { defineAction } from "../action.ts";
import { hoursTimeZone, weeklyHours } from "../fields.ts";
import { hoursReply } from "../frames.ts";

export const hours = defineAction({
  action: "hours",
  caller: "owner",
  summary: "Sets the owner's business hours (`timeZone` and `weekly` together; an empty `weekly` is no hours), or with neither reads them.",
  request: { timeZone: hoursTimeZone, weekly: weeklyHours },
  reply: hoursReply,
});
