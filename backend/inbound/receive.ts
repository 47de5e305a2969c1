/**
 * Answers by email (docs/protocol.md, "Answers by email"): SES receives mail for the inbound
 * domain, stores it raw and invokes the inbound function with its receipt (the local stack's SMTP
 * server does the same: backend/local/smtp.ts). Each email becomes at most one message in each
 * conversation its `reply+<token>` recipients name, or nothing:
 * - the token opens (sealed, not expired: backend/email/reply-address.ts);
 * - a person wrote it (no bounce, auto-reply or list mail);
 * - SPF or DKIM passes aligned with the `From` domain (sender-proof.ts);
 * - the `From` address is the owner's (`PORCH_OWNER_EMAIL`) for the owner's side, the
 *   conversation's confirmed address for the visitor's;
 * - it has new text once the quote and signature are gone, or files (mailed-files.ts).
 * Anything else is dropped with a log line (the reason and SES's id: no address), and never
 * answered: a bounce or a reply to a forged sender would be backscatter.
 */
import type { SESMail, SESReceipt } from "aws-lambda";
import { limits } from "#protocol/limits.ts";
import type { EmailAnswer, EmailAnswerOutcome } from "../chat/email-answer.ts";
import { log } from "../chat/log.ts";
import { sameAddress } from "../email/address.ts";
import { openReplyAddress, type ReplyRoute } from "../email/reply-address.ts";
import { readReply } from "./read-reply.ts";
import { unprovenSender } from "./sender-proof.ts";

/** One received email, as SES's Lambda action describes it. */
export interface ReceivedEmail {
  mail: SESMail;
  receipt: SESReceipt;
}

export interface InboundDeps {
  /** `PORCH_INBOUND_DOMAIN`. */
  domain: string;
  linkKey: string;
  /** `PORCH_OWNER_EMAIL`: the only address the owner answers from; none, no owner answers. */
  ownerAddress: string;
  /** The raw email SES stored (the bucket; the data folder locally). */
  rawMail(email: ReceivedEmail): Promise<Buffer>;
  answers: { receiveEmailAnswer(answer: EmailAnswer): Promise<EmailAnswerOutcome> };
  now(): number;
}

/** Recipients one email may answer at once: a person answers one conversation. */
const maxRoutes = 3;

/** What became of one email, for the log and the tests. */
export type ReceiveOutcome = { stored: string[] } | { dropped: string };

function routesOf(email: ReceivedEmail, deps: InboundDeps): { routes: ReplyRoute[]; expired: number } {
  const routes = new Map<string, ReplyRoute>();
  let expired = 0;
  for (const recipient of email.receipt.recipients.slice(0, 50)) {
    const opened = openReplyAddress(recipient, deps.linkKey, deps.domain, deps.now());
    if (opened.ok) routes.set(`${opened.value.visitorId}/${opened.value.side}`, opened.value);
    else if (opened.reason === "expired") expired++;
  }
  return { routes: [...routes.values()].slice(0, maxRoutes), expired };
}

/**
 * Where an answer goes in its conversation: when its `Date` says it was written, so answers sent
 * in one order and delivered in another are read in the order they were written; but only a
 * `Date` no later than its arrival and no older than a reply address lives (a sender's clock can
 * be wrong, and a `Date` is the sender's word): otherwise, when it arrived. A `Date` has whole
 * seconds: the answer goes at the end of its second, or at its arrival if that is sooner, so an
 * answer written in the second of the message it answers still comes after it.
 */
export function sentAtOf(dateMs: number | null, arrivedAtMs: number): number {
  if (dateMs === null || dateMs > arrivedAtMs || dateMs < arrivedAtMs - limits.resumeLinkTtlMs) return arrivedAtMs;
  return Math.min(dateMs + dateResolutionMs - 1, arrivedAtMs);
}

const dateResolutionMs = 1000;

/** When SES received the email (its receipt's timestamp), or now. */
function arrivedAt(email: ReceivedEmail, deps: InboundDeps): number {
  const received = Date.parse(email.mail.timestamp);
  return Number.isFinite(received) ? received : deps.now();
}

async function receiveOne(email: ReceivedEmail, deps: InboundDeps): Promise<ReceiveOutcome> {
  const { routes, expired } = routesOf(email, deps);
  if (routes.length === 0) return { dropped: expired > 0 ? "the reply address has expired" : "no valid reply address" };
  const read = await readReply(await deps.rawMail(email), email.mail.source);
  if (read.automatic) return { dropped: `automatic mail (${read.automatic})` };
  if (!read.from) return { dropped: "not exactly one From address" };
  const unproven = unprovenSender(email.receipt, email.mail.source, read.from, read.dkimDomains);
  if (unproven) return { dropped: `sender not proven: ${unproven}` };
  if (!read.text && !read.files.length) return { dropped: "no new text above the quote, and no files" };
  const sentAt = sentAtOf(read.dateMs, arrivedAt(email, deps));
  const emailMessageId = read.messageId || email.mail.messageId;
  const stored: string[] = [];
  const refused: string[] = [];
  for (const route of routes) {
    if (route.side === "owner" && !(deps.ownerAddress && sameAddress(read.from, deps.ownerAddress))) {
      refused.push("owner side: not the owner's address");
      continue;
    }
    const outcome = await deps.answers.receiveEmailAnswer({
      visitorId: route.visitorId,
      side: route.side,
      from: read.from,
      emailMessageId,
      text: read.text,
      files: read.files,
      sentAt,
    });
    if (outcome.stored) stored.push(outcome.messageId);
    else refused.push(`${route.side} side: ${outcome.reason}`);
  }
  return stored.length > 0 ? { stored } : { dropped: refused.join("; ") };
}

/**
 * Receives each email of an SES event; never throws for an email it drops, and never answers one.
 * A failure to read the raw mail or to store is thrown, so the invocation is retried (Lambda
 * retries an asynchronous invocation twice), which the message id makes harmless.
 */
export async function receiveEmails(emails: readonly ReceivedEmail[], deps: InboundDeps): Promise<ReceiveOutcome[]> {
  const outcomes: ReceiveOutcome[] = [];
  for (const email of emails) {
    const outcome = await receiveOne(email, deps);
    if ("dropped" in outcome) log.info("email answer dropped", { sesMessageId: email.mail.messageId, reason: outcome.dropped });
    else log.info("email answer stored", { sesMessageId: email.mail.messageId, messages: outcome.stored.length });
    outcomes.push(outcome);
  }
  return outcomes;
}
