/**
 * Asking the recipient of an address a visitor gave to confirm it (double opt-in; docs/security.md,
 * "Email addresses"). Until they do, the address gets no reply email and no continue link: what a
 * stranger's address can receive from Porch is these confirmation emails, bounded whoever asks:
 * - per conversation, one, until its address is confirmed (a claim on the head, which confirming
 *   lifts): giving the address again, or others in between, sends no second;
 * - per address (by its hash), 3 in any 24 hours, and one per 30 days once it unsubscribed: both
 *   counted atomically, so racing jobs of many conversations cannot pass them.
 * The email quotes the conversation's first message, so that someone who did not write it can tell,
 * and its link's page confirms with a button (a GET confirms nothing: mail scanners follow links).
 *
 * Queued by `register` and by a conversation's first message (backend/chat/email-confirmation.ts);
 * like every job it may run twice: a run redelivered after its send finds its claim sent and does
 * nothing, one redelivered after a crash mid-way sends (an email may arrive twice). SES throttling or
 * failing releases the claim and fails the job for the queue to deliver again; an address SES
 * refuses for good keeps the claim (nothing more is tried for it on this conversation).
 */
import type { ChatMessage } from "#protocol";
import type { EmailConfirmationJob } from "./job.ts";
import { pickLocale } from "#protocol/locales.ts";
import { isEmailConfirmed } from "../chat/head.ts";
import { log } from "../chat/log.ts";
import type { ConversationHead } from "../chat/ports.ts";
import { addressHash, fromAddress } from "../email/address.ts";
import { composeConfirmationEmail } from "../email/confirmation-email.ts";
import { EmailSendError } from "../email/email-sender.ts";
import { confirmLinkTtlMs, sealConfirmToken, sealUnsubscribeToken } from "../email/link-tokens.ts";
import { confirmUrlFor, type ReplyEmailDeps, unsubscribeUrlFor } from "./reply-email.ts";

/** What confirmation emails need from storage (backend/store/email-confirmations.ts). */
export interface EmailConfirmationStore {
  /** The head (null once deleted) and the conversation's first message (null before one), read consistently. */
  confirmationState(visitorId: string): Promise<{ head: ConversationHead | null; firstMessage: ChatMessage | null }>;
  /**
   * Claims the conversation's one confirmation email for the job's `claim`, while `address` is its
   * address: true unless another claim holds it, or this one's email went out already.
   */
  claimConfirmation(visitorId: string, address: string, claim: string, nowMs: number): Promise<boolean>;
  /**
   * Counts one confirmation email to the address with this hash against its limits, each one atomic
   * write: false, when one is full (then nothing is sent).
   */
  takeAddressBudget(addressHash: string, nowMs: number): Promise<boolean>;
  /** Drops this job's claim, so that the conversation may ask again (nothing was sent). */
  releaseConfirmation(visitorId: string, claim: string): Promise<void>;
  /** Records that this job's email went out (or was refused for good). */
  finishConfirmation(visitorId: string, claim: string, nowMs: number): Promise<void>;
}

/** One run of a confirmation job; returns what it did, for the log; throws a retryable `EmailSendError`. */
export async function runConfirmationJob(
  job: EmailConfirmationJob,
  store: EmailConfirmationStore,
  deps: ReplyEmailDeps | null,
): Promise<{ summary: string }> {
  if (!deps?.settings.enabled) return { summary: "visitor emails are off: nothing sent" };
  const { head, firstMessage } = await store.confirmationState(job.visitorId);
  if (!head?.email) return { summary: "no conversation, or no address: nothing sent" };
  if (isEmailConfirmed(head)) return { summary: "the address is confirmed already: nothing sent" };
  if (!firstMessage) return { summary: "no message to quote yet: the first one asks" };
  const address = head.email;
  const hash = addressHash(address);
  const now = deps.now();
  if (!(await store.claimConfirmation(job.visitorId, address, job.claim, now))) {
    return { summary: "this conversation asked for its confirmation already: nothing sent" };
  }
  if (!(await store.takeAddressBudget(hash, now))) {
    await store.releaseConfirmation(job.visitorId, job.claim);
    return { summary: "the address had as many confirmation emails as it may for now: nothing sent" };
  }
  const { settings, linkKey } = deps;
  const email = composeConfirmationEmail({
    from: fromAddress(settings.siteName, settings.from),
    to: address,
    siteName: settings.siteName,
    firstMessage: firstMessage.text,
    confirmUrl: confirmUrlFor(settings.unsubscribeUrl, sealConfirmToken(job.visitorId, hash, now + confirmLinkTtlMs, linkKey)),
    unsubscribeUrl: unsubscribeUrlFor(settings.unsubscribeUrl, sealUnsubscribeToken(job.visitorId, hash, linkKey)),
    locale: pickLocale([head.language]),
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.send(email));
  } catch (error) {
    if (!(error instanceof EmailSendError) || error.retryable) {
      await store.releaseConfirmation(job.visitorId, job.claim);
      throw error;
    }
    log.error("confirmation email refused", { visitorId: job.visitorId, reason: error.message });
    await store.finishConfirmation(job.visitorId, job.claim, deps.now());
    return { summary: `SES refused the confirmation email: ${error.message}` };
  }
  await store.finishConfirmation(job.visitorId, job.claim, deps.now());
  return { summary: `emailed the confirmation (SES message ${messageId})` };
}
