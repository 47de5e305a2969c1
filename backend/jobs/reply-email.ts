/**
 * Emailing a visitor the owner's replies they have not seen (docs/data-model.md, "Reply emails").
 *
 * Every owner reply to a visitor who gave an address enqueues this job with the configured delay
 * (backend/chat/send-message.ts). A run looks at the conversation as it stands, not at the reply
 * that enqueued it, so any run does the same thing and runs are interchangeable:
 * - the replies due are the owner's messages after both watermarks: the newest message the
 *   visitor was shown (`seen`) and the newest one already emailed;
 * - nothing is sent until the oldest of them has gone unseen for the whole delay (a younger one
 *   has its own job coming), nor sooner than `minGapMs` after the last email (then the job comes
 *   back when that gap has passed): one email per burst of replies, never one per reply;
 * - the send is claimed by a conditional write, so of two deliveries of the same job (SQS delivers
 *   at least once), or two jobs of one burst, one sends and the other finds it sent or in flight.
 *   A claim is a lease: a run that died holding it (a crash, a timeout) leaves it to expire and
 *   the queue's redelivery sends instead.
 * SES throttling or failing releases the claim and fails the job, which the queue delivers again
 * (a few times, then to the dead-letter queue); an address SES refuses is not tried again for
 * this burst. Deleted conversations, removed addresses, unconfirmed and unsubscribed ones are
 * skipped.
 */
import type { ChatMessage } from "#protocol";
import type { ReplyEmailJob } from "./job.ts";
import { limits } from "#protocol";
import { pickLocale } from "#protocol/locales.ts";
import { isEmailConfirmed } from "../chat/head.ts";
import type { ConversationHead } from "../chat/ports.ts";
import { log } from "../chat/log.ts";
import { addressHash, fromAddress } from "../email/address.ts";
import { EmailSendError, type EmailSender } from "../email/email-sender.ts";
import { sealResumeToken, sealUnsubscribeToken } from "../email/link-tokens.ts";
import { confirmPath } from "../email/confirm.ts";
import { replyToFor } from "../email/reply-address.ts";
import { composeReplyEmail } from "../email/reply-email.ts";
import type { VisitorEmailSettings } from "../email/settings.ts";

/** What the conversation's reply emails have done so far. */
export interface ReplyEmailRecord {
  /** `sentAt` of the newest reply emailed (or skipped for good), 0 before the first. */
  emailedUpToAt: number;
  /** When the last email went out, 0 before the first. */
  emailedAt: number;
}

export type ReplyEmailClaim =
  /** This run sends. */
  | { outcome: "claimed" }
  /** These replies were emailed already. */
  | { outcome: "done" }
  /** Another run holds a live claim: it is sending them now. */
  | { outcome: "busy" };

/** What reply emails need from storage (backend/store/reply-emails.ts). */
export interface ReplyEmailStore {
  /** The head (null once deleted) and the reply-email record, read consistently. */
  replyEmailState(visitorId: string): Promise<{ head: ConversationHead | null; record: ReplyEmailRecord }>;
  /** The owner's messages sent after `afterMs`, oldest first, none that a delete hid; at most `limit` messages read. */
  ownerRepliesSince(visitorId: string, afterMs: number, limit: number): Promise<ChatMessage[]>;
  /** The address with this hash was unsubscribed (backend/email/address.ts). */
  isUnsubscribed(addressHash: string): Promise<boolean>;
  /**
   * Claims the email of the replies up to `upToAt`, unless they were emailed already or another
   * claim younger than `abandonedBeforeMs` holds it.
   */
  claimReplyEmail(
    visitorId: string,
    claim: { token: string; upToAt: number; nowMs: number; abandonedBeforeMs: number },
  ): Promise<ReplyEmailClaim>;
  /**
   * Records the burst up to `upTo` as emailed (or as given up, with `failure`) and drops the claim;
   * false if the claim was no longer this run's.
   */
  finishReplyEmail(
    visitorId: string,
    token: string,
    result: { upTo: ChatMessage; nowMs: number; messageId?: string; failure?: string },
  ): Promise<boolean>;
  /** Drops this run's claim, so that a redelivery may send. */
  releaseReplyEmail(visitorId: string, token: string): Promise<void>;
}

/** What sending a reply email needs besides storage. */
export interface ReplyEmailDeps {
  settings: VisitorEmailSettings;
  sender: EmailSender;
  /** The deployment's link key (backend/email/link-tokens.ts). */
  linkKey: string;
  now(): number;
  /** A fresh claim token. */
  claimToken(): string;
}

/** The replies one email shows at most; older ones of the burst are counted, not quoted. */
export const maxRepliesPerEmail = 10;
/** Messages read to find the due replies: enough for any burst a person types. */
const repliesReadLimit = 100;
/** The least time between two emails of one conversation. */
export const minGapMs = 10 * 60_000;
/** How long a claim holds: longer than a jobs run (30 s) with its SES call. */
export const claimLeaseMs = 60_000;
/** A run finding the send claimed checks again this often, this many times (10 s in all). */
const busyCheckIntervalMs = 500;
const busyChecks = 20;

/** A job that should run again later (another run holds the claim): the queue redelivers it. */
export class RetryLaterError extends Error {
  override readonly name = "RetryLaterError";
}

/** Where "Continue the conversation" goes: the visitor's last page if it is on the site, else the site. */
export function continueUrlFor(lastPageUrl: string | undefined, siteUrl: string, token: string): string {
  let target = siteUrl;
  if (lastPageUrl) {
    try {
      if (new URL(lastPageUrl).origin === new URL(siteUrl).origin) target = lastPageUrl;
    } catch {
      // not a URL: the site's own
    }
  }
  const url = new URL(target);
  url.hash = `porch-resume=${token}`;
  return url.href;
}

/** The email links' endpoint (`PORCH_UNSUBSCRIBE_URL`) answers unsubscribe links at its root… */
export function unsubscribeUrlFor(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set("t", token);
  return url.href;
}

/** …and confirmation links at `confirm` below it (backend/handlers/unsubscribe.ts). */
export function confirmUrlFor(base: string, token: string): string {
  const url = new URL(confirmPath, base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("t", token);
  return url.href;
}

/**
 * One run of a reply-email job. Returns what it did, for the log; throws `RetryLaterError` or a
 * retryable `EmailSendError` for the queue to deliver it again; `enqueueLater` brings it back
 * after the gap between emails.
 */
export async function runReplyEmailJob(
  job: ReplyEmailJob,
  store: ReplyEmailStore,
  deps: ReplyEmailDeps | null,
  enqueueLater: (delaySeconds: number) => Promise<void>,
): Promise<{ summary: string }> {
  if (!deps?.settings.enabled) return { summary: "visitor emails are off: nothing sent" };
  const { settings } = deps;
  const { head, record } = await store.replyEmailState(job.visitorId);
  if (!head) return { summary: "the conversation was deleted: nothing sent" };
  if (!head.email) return { summary: "the visitor gave no address: nothing sent" };
  // Only an address its recipient confirmed is emailed replies (docs/security.md, "Email addresses").
  if (!isEmailConfirmed(head)) return { summary: "the address is not confirmed: nothing sent" };
  const address = head.email;
  const hash = addressHash(address);
  const watermark = Math.max(head.visitorSeenAt ?? 0, record.emailedUpToAt);
  const [due, unsubscribed] = await Promise.all([
    store.ownerRepliesSince(job.visitorId, watermark, repliesReadLimit),
    head.emailUnsubscribedAt ? true : store.isUnsubscribed(hash),
  ]);
  if (unsubscribed) return { summary: "the address is unsubscribed: nothing sent" };
  if (due.length === 0) return { summary: "every reply was seen or emailed: nothing sent" };

  const now = deps.now();
  const delayMs = settings.delayS * 1000;
  // SQS delays by at least the delay; the margin absorbs clocks that differ between hosts.
  const toleranceMs = Math.min(5000, delayMs / 4);
  if (now - due[0]!.sentAt < delayMs - toleranceMs)
    return { summary: "the unseen replies are younger than the delay: their own job emails them" };
  const gapLeftMs = record.emailedAt + minGapMs - now;
  if (gapLeftMs > 0) {
    await enqueueLater(Math.min(900, Math.ceil(gapLeftMs / 1000)));
    return { summary: `an email went out ${Math.round((now - record.emailedAt) / 1000)} s ago: checking again after the gap` };
  }

  const newest = due.at(-1)!;
  const token = deps.claimToken();
  // Another run holding the claim is sending now: it takes a moment, so wait for it rather than
  // leave it to the queue's redelivery (minutes later).
  let claim: ReplyEmailClaim;
  for (let attempt = 1; ; attempt++) {
    const at = deps.now();
    claim = await store.claimReplyEmail(job.visitorId, { token, upToAt: newest.sentAt, nowMs: at, abandonedBeforeMs: at - claimLeaseMs });
    if (claim.outcome !== "busy" || attempt === busyChecks) break;
    await new Promise((resolve) => setTimeout(resolve, busyCheckIntervalMs));
  }
  if (claim.outcome === "done") return { summary: "these replies were emailed already" };
  if (claim.outcome === "busy")
    throw new RetryLaterError("another run is still sending these replies: checking again after the visibility timeout");

  const shown = due.slice(-maxRepliesPerEmail);
  const email = composeReplyEmail({
    from: fromAddress(settings.siteName, settings.from),
    to: address,
    siteName: settings.siteName,
    replies: shown,
    earlierReplies: due.length - shown.length,
    continueUrl: continueUrlFor(
      head.lastPageUrl,
      settings.siteUrl,
      sealResumeToken(
        { visitorId: job.visitorId, addressHash: hash, confirmedAtMs: head.emailConfirmedAt, expiresAtMs: now + limits.resumeLinkTtlMs },
        deps.linkKey,
      ),
    ),
    unsubscribeUrl: unsubscribeUrlFor(settings.unsubscribeUrl, sealUnsubscribeToken(job.visitorId, hash, deps.linkKey)),
    locale: pickLocale([head.language]),
    timeZone: head.timeZone,
    // The visitor's answer by email, for as long as the continue link works.
    replyTo: replyToFor({ linkKey: deps.linkKey, domain: settings.inboundDomain }, job.visitorId, "visitor", now, limits.resumeLinkTtlMs),
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.send(email));
  } catch (error) {
    const retryable = !(error instanceof EmailSendError) || error.retryable;
    if (retryable) {
      await store.releaseReplyEmail(job.visitorId, token);
      throw error;
    }
    // Refused for good (a rejected address, an unverified sender): this burst is not tried again.
    log.error("reply email refused", { visitorId: job.visitorId, replies: due.length, reason: error.message });
    await store.finishReplyEmail(job.visitorId, token, { upTo: newest, nowMs: now, failure: error.message });
    return { summary: `SES refused the email: ${error.message}` };
  }
  const recorded = await store.finishReplyEmail(job.visitorId, token, { upTo: newest, nowMs: deps.now(), messageId });
  if (!recorded) log.warn("reply email sent after its claim expired", { visitorId: job.visitorId, messageId });
  return { summary: `emailed ${due.length} ${due.length === 1 ? "reply" : "replies"} (SES message ${messageId})` };
}
