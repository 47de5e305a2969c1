import { defineAction } from "../action.ts";
import { loggedOutReply } from "../frames.ts";

export const logout = defineAction({
  action: "logout",
  caller: "owner",
  summary: "Ends this session: its token is refused from then on, and the devices it subscribed get no more pushes.",
  request: {},
  reply: loggedOutReply,
});
