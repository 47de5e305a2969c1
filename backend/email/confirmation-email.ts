import { truncateChars } from "#protocol/text.ts";
import type { OutgoingEmail } from "./email-sender.ts";
import { automaticEmailHeaders, buttonLink, escapeHtml, htmlDocument, htmlLink, oneLine, quoteHtml } from "./reply-email.ts";

/** What a confirmation email says and where its links go. */
export interface ConfirmationEmailContent {
  from: string;
  to: string;
  siteName: string;
  /** The conversation's first message, quoted so that a stranger can tell it is not theirs. */
  firstMessage: string;
  /** The confirmation page: GET shows it with a button, POST confirms. */
  confirmUrl: string;
  /** The one-click unsubscribe URL (RFC 8058): it also stops confirmation emails to the address. */
  unsubscribeUrl: string;
}

/** Characters of the first message an email quotes. */
export const quotedMessageMaxChars = 500;

/**
 * The email that asks the recipient of an address given in a site's chat to confirm it (double
 * opt-in): the site's name, the conversation's first message (so whoever did not write it can tell),
 * a confirmation link whose page has the button that confirms, and a visible unsubscribe link with
 * the RFC 8058 one-click headers. It promises nothing more unless the address is confirmed.
 */
export function composeConfirmationEmail(content: ConfirmationEmailContent): OutgoingEmail {
  const siteName = oneLine(content.siteName);
  const subject = `Confirm your email address for ${siteName}`;
  const lead = `Someone asked on ${siteName} to get replies by email at this address, after writing:`;
  const quoted = truncateChars(content.firstMessage, quotedMessageMaxChars);
  const ifYours = "If that was you, confirm your address, and replies you miss in the chat will be emailed to you.";
  const ifNot = `If it was not you, ignore this email: ${siteName} emails no replies to an address that is not confirmed.`;
  const text = [
    lead,
    "",
    ...quoted.split("\n").map((line) => `> ${line}`),
    "",
    ifYours,
    `Confirm: ${content.confirmUrl}`,
    "",
    ifNot,
    "",
    "--",
    `Never email this address from ${siteName}: ${content.unsubscribeUrl}`,
    "",
  ].join("\n");
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(lead)}</p>`,
    quoteHtml(quoted),
    `<p>${escapeHtml(ifYours)}</p>`,
    `<p style="margin:24px 0">${buttonLink(content.confirmUrl, "Confirm my address")}</p>`,
    `<p style="font-size:13px;color:#5d6864">${escapeHtml(ifNot)} ${htmlLink(content.unsubscribeUrl, "Never email this address")}</p>`,
  ]);
  return { from: content.from, to: content.to, subject, text, html, headers: automaticEmailHeaders(content.unsubscribeUrl) };
}
