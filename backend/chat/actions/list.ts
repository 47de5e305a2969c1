import type { ActionHandler } from "../action-handler.ts";
import { history } from "../history.ts";

export const visitorList: ActionHandler<"visitorList"> = (frame, context) => history(context, frame);

export const ownerList: ActionHandler<"ownerList"> = (frame, context) => history(context, frame);
