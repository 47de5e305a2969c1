import { randomUUID } from "node:crypto";
import type { ActionContext } from "./context.ts";
import { log } from "./log.ts";

/**
 * Asks the recipient of a conversation's unconfirmed address to confirm it: a job
 * (backend/jobs/email-confirmation.ts) that emails them the confirmation link, quoting the
 * conversation's first message, within the limits of the address and the conversation. Queued by
 * a `register` that gives an address to a conversation with a message, and by a conversation's
 * first message when it holds an address; the job decides whether anything is sent, so queueing it
 * again is harmless. If it cannot be queued, nothing is sent, and the frame is still answered: the
 * visitor can give the address again.
 */
export async function queueConfirmation(context: ActionContext, visitorId: string): Promise<void> {
  if (!context.deps.replyEmails.enabled) return;
  try {
    await context.deps.jobs.enqueue({ type: "email-confirmation", visitorId, claim: randomUUID() });
  } catch (error) {
    log.warn("confirmation email not queued", { visitorId, error });
  }
}
