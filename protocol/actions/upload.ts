import { defineAction } from "../action.ts";
import { contentType, fileName, fileSize, imageHeight, imageWidth, uuid } from "../fields.ts";
import { uploadReadyReply } from "../frames.ts";

const file = { name: fileName, contentType, size: fileSize, width: imageWidth, height: imageHeight };

export const visitorUpload = defineAction({
  action: "upload",
  caller: "visitor",
  summary:
    "Makes room for one file of the declared `name`, `contentType` and `size` (an image's `width` and `height` too): answered with a presigned POST straight to the bucket, refused when the site does not take such a file or the visitor is over their upload limits. Counts toward the new-conversation limits like a first message.",
  request: file,
  reply: uploadReadyReply,
});

export const ownerUpload = defineAction({
  action: "upload",
  caller: "owner",
  summary: "The owner's file for a reply in the conversation `visitorId`, made room for the same way (no upload limits).",
  request: { visitorId: uuid("visitorId"), ...file },
  reply: uploadReadyReply,
});
