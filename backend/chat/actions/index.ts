import type { ActionName } from "#protocol";
import type { ActionHandlers } from "../action-handler.ts";
import { block, unblock } from "./block.ts";
import { deleteConversation } from "./delete.ts";
import { done, reopen } from "./done.ts";
import { erase } from "./erase.ts";
import { exportAll } from "./export.ts";
import { ownerHello, visitorHello } from "./hello.ts";
import { hours } from "./hours.ts";
import { inbox } from "./inbox.ts";
import { ownerList, visitorList } from "./list.ts";
import { login } from "./login.ts";
import { logout } from "./logout.ts";
import { ownerPing, visitorPing } from "./ping.ts";
import { note, notes } from "./note.ts";
import { devices, pushKey, removeDevice, subscribe, unsubscribe } from "./push.ts";
import { read } from "./read.ts";
import { register } from "./register.ts";
import { deleteReply, replies, saveReply } from "./replies.ts";
import { resolve } from "./resolve.ts";
import { resume } from "./resume.ts";
import { seen } from "./seen.ts";
import { ownerSend, visitorSend } from "./send.ts";
import { ownerTyping, visitorTyping } from "./typing.ts";
import { unread } from "./unread.ts";
import { ownerUpload, visitorUpload } from "./upload.ts";

/** The backend's handler for each action the protocol declares (protocol/actions/), by the same name. */
export const handlers: ActionHandlers = {
  visitorHello,
  ownerHello,
  register,
  visitorPing,
  ownerPing,
  visitorList,
  ownerList,
  visitorSend,
  ownerSend,
  seen,
  visitorTyping,
  ownerTyping,
  resume,
  login,
  logout,
  inbox,
  read,
  unread,
  block,
  unblock,
  deleteConversation,
  done,
  reopen,
  note,
  notes,
  replies,
  saveReply,
  deleteReply,
  hours,
  exportAll,
  erase,
  resolve,
  pushKey,
  subscribe,
  unsubscribe,
  devices,
  removeDevice,
  visitorUpload,
  ownerUpload,
};

/**
 * Owner actions whose handlers only read: their session check (backend/chat/chat.ts) runs beside
 * them instead of before, and their reply waits for it. Every other owner action writes, pushes
 * or binds, so it runs only once the session is known to be kept.
 */
export const readOnlyOwnerActions: ReadonlySet<ActionName> = new Set<ActionName>([
  "ownerList",
  "inbox",
  "unread",
  "notes",
  "replies",
  "resolve",
  "exportAll",
]);
