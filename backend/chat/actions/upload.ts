import { makeRoom } from "../attachments.ts";
import type { ActionHandler } from "../action-handler.ts";

export const visitorUpload: ActionHandler<"visitorUpload"> = ({ visitorId, name, contentType, size, width, height }, context) =>
  makeRoom(context, { visitorId, from: "visitor", name, contentType, size, width, height });

export const ownerUpload: ActionHandler<"ownerUpload"> = ({ visitorId, name, contentType, size, width, height }, context) =>
  makeRoom(context, { visitorId, from: "owner", name, contentType, size, width, height });
