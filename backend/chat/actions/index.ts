import type { ActionHandlers } from "../action-handler.ts";
import { block, unblock } from "./block.ts";
import { deleteConversation } from "./delete.ts";
import { ownerHello, visitorHello } from "./hello.ts";
import { inbox } from "./inbox.ts";
import { ownerList, visitorList } from "./list.ts";
import { login } from "./login.ts";
import { ownerPing, visitorPing } from "./ping.ts";
import { pushKey, subscribe, unsubscribe } from "./push.ts";
import { read } from "./read.ts";
import { register } from "./register.ts";
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
  inbox,
  read,
  unread,
  block,
  unblock,
  deleteConversation,
  resolve,
  pushKey,
  subscribe,
  unsubscribe,
  visitorUpload,
  ownerUpload,
};
