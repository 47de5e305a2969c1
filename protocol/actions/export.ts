import { defineAction } from "../action.ts";
import { exportCursor, exportSince } from "../fields.ts";
import { exportPageReply } from "../frames.ts";

export const exportAll = defineAction({
  action: "export",
  caller: "owner",
  summary:
    "A page of everything stored (conversations with their messages, notes and attachments' metadata; saved replies and hours on the first page), within one reply; pass the reply's `cursor` for the next (null at the end), and `since` for only what changed after that time.",
  request: { cursor: exportCursor, since: exportSince },
  reply: exportPageReply,
});
