import type { ActionHandler } from "../action-handler.ts";
import { history } from "../history.ts";

export const visitorList: ActionHandler<"visitorList"> = (frame, context) => history(context, frame);

// The owner sees which page each message was written on; the visitor knows.
export const ownerList: ActionHandler<"ownerList"> = (frame, context) => history(context, frame, true);
