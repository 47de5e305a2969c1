import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { EmailSendError, type EmailSender, type OutgoingEmail } from "./email-sender.ts";

/**
 * SES's errors for an email it refuses as such: sending it again cannot succeed. Everything else
 * (throttling, `LimitExceededException` for the daily quota, server errors, timeouts, the network)
 * is worth another try later.
 */
const refusals = new Set([
  "MessageRejected",
  "BadRequestException",
  "MailFromDomainNotVerifiedException",
  "AccountSuspendedException",
  "SendingPausedException",
  "NotFoundException",
  "AccessDeniedException",
]);

/**
 * Email through Amazon SES's v2 API (`SendEmail` with simple content: SES builds the MIME, with
 * the text and HTML parts and the custom `Headers` this email carries). The local stack serves
 * the same API (backend/local/ses.ts), which the SDK reaches through `AWS_ENDPOINT_URL_SESV2`.
 *
 * The client is loaded on the first email, not at cold start (see backend/handlers/bundling.ts).
 */
export class SesEmailSender implements EmailSender {
  private client: Promise<{ client: SESv2Client; module: typeof import("@aws-sdk/client-sesv2") }> | undefined;

  constructor(private readonly options: { timeoutMs?: number } = {}) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    this.client ??= import("@aws-sdk/client-sesv2").then((module) => ({
      module,
      // The SDK retries throttling and server errors itself, with backoff, within this call.
      client: new module.SESv2Client({ maxAttempts: 3 }),
    }));
    const { client, module } = await this.client;
    try {
      const output = await client.send(
        new module.SendEmailCommand({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: [email.to] },
          ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: "UTF-8" },
              Body: { Text: { Data: email.text, Charset: "UTF-8" }, Html: { Data: email.html, Charset: "UTF-8" } },
              Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })),
            },
          },
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) },
      );
      return { messageId: output.MessageId ?? "" };
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      const message = error instanceof Error ? error.message : String(error);
      throw new EmailSendError(`SES ${name}: ${message}`, !refusals.has(name), { cause: error });
    }
  }
}
