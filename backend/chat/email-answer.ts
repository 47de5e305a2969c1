import { countChars, limits, ProtocolError, truncateChars } from "#protocol";
import { sameAddress } from "../email/address.ts";
import type { ReplySide } from "../email/reply-address.ts";
import type { ActionContext } from "./context.ts";
import { derivedUuid } from "./derived-uuid.ts";
import { type MailedFile, storeMailedFiles } from "./email-files.ts";
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
  /** The new text (empty: files only), not yet cut to a message's length. */
  text: string;
  /** The files it carries, to become the message's attachments. */
  files: readonly MailedFile[];
  /** Where it goes in the conversation: when it was written (backend/inbound/receive.ts, `sentAtOf`). */
  sentAt: number;
}

export type EmailAnswerOutcome = { stored: true; messageId: string } | { stored: false; reason: string };

/**
 * The message id of an answer: a UUID (version 8, RFC 9562) from the conversation, the side and
 * the `Message-ID`, so a second delivery of one email is a resend of one message, which the
 * message's conditional put stores once (backend/chat/send-message.ts).
 */
export const emailAnswerId = (visitorId: string, side: ReplySide, emailMessageId: string) =>
  derivedUuid(`porch email answer v1\n${visitorId}\n${side}\n${emailMessageId}`);

/** Said after the text when the email was longer than a message. */
export const cutNote = "[Cut: the email was longer than a chat message.]";

/** The answer's text: cut to a message's length, with notes for what was cut or left out. */
export function answerText(text: string, notes: readonly string[]): string {
  const room = limits.textMaxChars - notes.reduce((sum, note) => sum + countChars(note) + 2, 0);
  const body = countChars(text) > room ? `${truncateChars(text, room - countChars(cutNote) - 2)}\n\n${cutNote}` : text;
  return [body, ...notes].filter(Boolean).join("\n\n");
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
  if (answer.side === "visitor" && head.blocked) return { stored: false, reason: "the visitor is blocked" };
  const id = emailAnswerId(answer.visitorId, answer.side, answer.emailMessageId);
  try {
    const { ids, notes } = await storeMailedFiles(context, answer);
    const text = answerText(answer.text, notes);
    await sendMessage(context, { visitorId: answer.visitorId, id, text, from: answer.side, attachments: ids, sentAt: answer.sentAt });
    return { stored: true, messageId: id };
  } catch (error) {
    if (error instanceof ProtocolError) return { stored: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
}
