import { createHash } from "node:crypto";
import { ProtocolError } from "#protocol";
import { sameAddress } from "../email/address.ts";
import type { ReplySide } from "../email/reply-address.ts";
import type { ActionContext } from "./context.ts";
import { isEmailConfirmed } from "./head.ts";
import { sendMessage } from "./send-message.ts";

/** An answer by email, once its sender is proven and its route opened (backend/inbound/receive.ts). */
export interface EmailAnswer {
  visitorId: string;
  side: ReplySide;
  /** The `From` address (SPF or DKIM aligned with it). */
  from: string;
  /** The email's `Message-ID`: the same email delivered again is the same message. */
  emailMessageId: string;
  text: string;
}

export type EmailAnswerOutcome = { stored: true; messageId: string } | { stored: false; reason: string };

/**
 * The message id of an answer: a UUID (version 8, RFC 9562) from the conversation, the side and
 * the `Message-ID`, so a second delivery of one email is a resend of one message, which the
 * message's conditional put stores once (backend/chat/send-message.ts).
 */
export function emailAnswerId(visitorId: string, side: ReplySide, emailMessageId: string): string {
  const hex = createHash("sha256").update(`porch email answer v1\n${visitorId}\n${side}\n${emailMessageId}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stores an answer by email through the same path as a `send` (pushes to the other side's tabs,
 * the owner's notifications, the visitor's reply email), as the side its address names: the
 * owner's (the caller checked the owner's address), or the visitor's from the conversation's
 * confirmed address only, counted against the visitor's message limit. Never throws for a refusal.
 */
export async function receiveEmailAnswer(context: ActionContext, answer: EmailAnswer): Promise<EmailAnswerOutcome> {
  const head = await context.store.heads.get(answer.visitorId);
  if (!head) return { stored: false, reason: "no such conversation (deleted?)" };
  if (answer.side === "visitor" && !(head.email && isEmailConfirmed(head) && sameAddress(head.email, answer.from))) {
    return { stored: false, reason: "not the conversation's confirmed address" };
  }
  const id = emailAnswerId(answer.visitorId, answer.side, answer.emailMessageId);
  try {
    await sendMessage(context, { visitorId: answer.visitorId, id, text: answer.text, from: answer.side });
    return { stored: true, messageId: id };
  } catch (error) {
    if (error instanceof ProtocolError) return { stored: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
}
