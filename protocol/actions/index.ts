import type * as v from "valibot";
import type { Caller } from "../action.ts";
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

/**
 * Every action of protocol v1, by name. The backend needs a handler for each name
 * (backend/chat/actions/), and docs/protocol.md's table is generated from this list.
 */
export const actions = {
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
} as const;

export type Actions = typeof actions;
export type ActionName = keyof Actions;

/** A parsed frame of one declared action. */
export type FrameOf<N extends ActionName> = v.InferOutput<Actions[N]["schema"]>;
/** The reply to one declared action. */
export type ReplyOf<N extends ActionName> = v.InferOutput<Actions[N]["reply"]>;

type NamesFor<C extends Caller> = { [N in ActionName]: Actions[N]["caller"] extends C ? N : never }[ActionName];

/** Frames a caller may send (`anyone` actions included). */
export type RequestOf<C extends Caller> = { [N in NamesFor<C | "anyone">]: FrameOf<N> }[NamesFor<C | "anyone">];
/** What a caller's request with action `A` is answered with. */
export type ReplyTo<C extends Caller, A extends string> = {
  [N in NamesFor<C | "anyone">]: Actions[N]["action"] extends A ? ReplyOf<N> : never;
}[NamesFor<C | "anyone">];

export type ClientFrame = { [N in ActionName]: FrameOf<N> }[ActionName];
export type VisitorRequest = { [N in NamesFor<"visitor">]: FrameOf<N> }[NamesFor<"visitor">];
export type OwnerRequest = { [N in NamesFor<"owner">]: FrameOf<N> }[NamesFor<"owner">];
export type Action = ClientFrame["action"];
