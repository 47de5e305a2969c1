import type { SESEvent } from "aws-lambda";
import { Resource } from "sst";
import { inboundDomainFrom } from "../email/settings.ts";
import { rawMailReader } from "../inbound/raw-mail.ts";
import { type InboundDeps, type ReceiveOutcome, receiveEmails } from "../inbound/receive.ts";
import { ownerEmailVariable } from "../notify/owner-email.ts";
import { perContainer } from "./container.ts";
import { chat } from "./runtime.ts";

const inboundDeps = perContainer((): InboundDeps => ({
  domain: inboundDomainFrom(process.env),
  linkKey: Resource.LinkSigningKey.value,
  ownerAddress: process.env[ownerEmailVariable]?.trim() ?? "",
  rawMail: rawMailReader(process.env),
  answers: chat(),
  now: Date.now,
}));

/**
 * SES's Lambda action on the inbound domain's receipt rule (infra/inbound.ts), after its S3 action
 * stored the raw mail; the local SMTP server invokes it the same way. An email that is no answer
 * is dropped and logged (backend/inbound/receive.ts), never bounced.
 */
export const handler = async (event: SESEvent): Promise<{ outcomes: ReceiveOutcome[] }> => {
  const emails = event.Records.map((record) => ({ mail: record.ses.mail, receipt: record.ses.receipt }));
  return { outcomes: await receiveEmails(emails, inboundDeps()) };
};
