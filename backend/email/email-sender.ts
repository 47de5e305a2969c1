/**
 * Sending an email, as the jobs see it: a port with one method, so the same jobs run against SES
 * on AWS and against the local SES on a laptop (both through `SesEmailSender`), and any later
 * sender (the owner's digests) uses the same one.
 */

/** One email: plain text and HTML alternatives, and extra headers (`List-Unsubscribe`, …). */
export interface OutgoingEmail {
  /** `"Name" <address>` or an address. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Where an answer goes (`reply+<token>@<inbound domain>`: backend/email/reply-address.ts); none: to `from`. */
  replyTo?: string;
  /** Printable ASCII names and values (SES's rule for custom headers). */
  headers: { name: string; value: string }[];
}

export interface EmailSender {
  /** Sends one email; resolves with the provider's message id, or throws an `EmailSendError`. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/**
 * An email that was not sent. `retryable`: the provider was throttling, failing or unreachable,
 * so the same email may go out later; otherwise it was refused (a rejected address, an
 * unverified sender, a paused account) and sending it again would be refused too.
 */
export class EmailSendError extends Error {
  override readonly name = "EmailSendError";
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
