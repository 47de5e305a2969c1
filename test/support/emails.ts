import type { Job } from "#backend/jobs/job.ts";
import type { QueuedMessage } from "#backend/local/queue.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { Stack } from "#backend/local/stack.ts";
import { sleep } from "./client.ts";

/**
 * Visitor emails as a person's tools would read them: the local SES's captured list
 * (`GET /_aws/ses`), and the links in them.
 */

/** Every email the stack sent to `address`, oldest first. */
export async function emailsTo(stack: Stack, address: string): Promise<CapturedEmail[]> {
  const response = await fetch(`${stack.url}_aws/ses`);
  if (response.status !== 200) throw new Error(`GET /_aws/ses answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: CapturedEmail[] };
  return messages.filter((email) => email.Destination.ToAddresses.includes(address));
}

/** A confirmation email, in any language: the one with a link to the confirmation page. */
export const isConfirmationEmail = (email: CapturedEmail) => confirmLinkIn(email) !== undefined;

/** The confirmation page's link in an email's plain-text part (backend/jobs/reply-email.ts, `confirmUrlFor`). */
export const confirmLinkIn = (email: CapturedEmail): string | undefined => /\S+\/confirm\?t=\S+/.exec(email.Body.text_part ?? "")?.[0];

/** Jobs that email no visitor: the owner's digest and the owner-away job, which come later. */
const notVisitorEmail: readonly Job["type"][] = ["owner-digest", "owner-away"];

/**
 * Waits until the jobs that may email a visitor, queued so far (and their redeliveries), have run;
 * one put off for minutes (after the gap between reply emails) is left waiting.
 */
export async function jobsDone(stack: Stack, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = (message: QueuedMessage) =>
    (message.receiveCount > 0 || message.visibleAtMs < Date.now() + 60_000) &&
    !notVisitorEmail.includes((JSON.parse(message.body) as Job).type);
  while (stack.queue.messages().some(pending)) {
    if (Date.now() > deadline) throw new Error(`jobs still running: ${JSON.stringify(stack.queue.messages())}`);
    await sleep(100);
  }
}

/** The confirmation emails to `address`, once the jobs queued so far have run. */
export async function confirmationEmailsTo(stack: Stack, address: string): Promise<CapturedEmail[]> {
  await jobsDone(stack);
  return (await emailsTo(stack, address)).filter(isConfirmationEmail);
}

/** A link of an email's plain-text part, by the words before it (`Confirm:`, `Unsubscribe:`, …). */
export function linkIn(email: CapturedEmail, label: string): string {
  const match = new RegExp(`${label} (\\S+)`).exec(email.Body.text_part ?? "");
  if (!match) throw new Error(`no "${label}" link in ${JSON.stringify(email.Body.text_part)}`);
  return match[1]!;
}

/** Presses the button of an email link's page (a POST to its URL, as the page's form does). */
export function pressButton(url: string): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
}

/**
 * Confirms `address` as its recipient would: waits for the newest confirmation email to it and
 * presses its link's button. Throws when none comes.
 */
export async function confirmAddress(stack: Stack, address: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const email = (await confirmationEmailsTo(stack, address)).at(-1);
    if (email) {
      const response = await pressButton(confirmLinkIn(email)!);
      if (response.status !== 200) throw new Error(`confirming ${address} answered ${response.status}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`no confirmation email to ${address}`);
    await sleep(100);
  }
}
