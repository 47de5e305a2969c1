import type { Locale } from "#protocol/locales.ts";
import { truncateChars } from "#protocol/text.ts";
import { emailText } from "./catalogues.ts";
import type { OutgoingEmail } from "./email-sender.ts";
import { escapeHtml } from "./html.ts";
import { automaticEmailHeaders, buttonLink, htmlDocument, htmlLink, oneLine, quoteHtml } from "./reply-email.ts";

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
  /** The visitor's language (the one their first message carried), English when none. */
  locale?: Locale;
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
  const t = emailText(content.locale ?? "en");
  const site = oneLine(content.siteName);
  const subject = t.text("confirmSubject", { site });
  const lead = t.text("confirmLead", { site });
  const quoted = truncateChars(content.firstMessage, quotedMessageMaxChars);
  const ifYours = t.text("confirmIfYours");
  const ifNot = t.text("confirmIfNot", { site });
  const text = [
    lead,
    "",
    ...quoted.split("\n").map((line) => `> ${line}`),
    "",
    ifYours,
    t.text("confirmLine", { url: content.confirmUrl }),
    "",
    ifNot,
    "",
    "--",
    t.text("neverEmailLine", { site, url: content.unsubscribeUrl }),
    "",
  ].join("\n");
  const html = htmlDocument(subject, t, [
    `<p>${escapeHtml(lead)}</p>`,
    quoteHtml(quoted),
    `<p>${escapeHtml(ifYours)}</p>`,
    `<p style="margin:24px 0">${buttonLink(content.confirmUrl, t.text("confirmButton"))}</p>`,
    `<p style="font-size:13px;color:#5d6864">${escapeHtml(ifNot)} ${htmlLink(content.unsubscribeUrl, t.text("neverEmail"))}</p>`,
  ]);
  return { from: content.from, to: content.to, subject, text, html, headers: automaticEmailHeaders(content.unsubscribeUrl) };
}
