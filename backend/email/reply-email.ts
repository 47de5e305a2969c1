import type { ChatMessage } from "#protocol";
import type { Locale } from "#protocol/locales.ts";
import { type EmailText, emailText } from "./catalogues.ts";
import type { OutgoingEmail } from "./email-sender.ts";
import { escapeHtml } from "./html.ts";

/** What a reply email says and where its links go. */
export interface ReplyEmailContent {
  from: string;
  to: string;
  siteName: string;
  /** The owner's replies the visitor has not seen, oldest first. */
  replies: readonly ChatMessage[];
  /** Replies left out of the email (older than the ones shown). */
  earlierReplies: number;
  /** The page, with the resume token in its fragment. */
  continueUrl: string;
  /** The one-click unsubscribe URL (RFC 8058): GET shows a confirmation, POST unsubscribes. */
  unsubscribeUrl: string;
  /** The visitor's language (the one their `send` carried), English when none. */
  locale?: Locale;
  /** The visitor's time zone, for the time of each reply; UTC when none. */
  timeZone?: string | undefined;
  /** The visitor's answer by email lands in the conversation (backend/email/reply-address.ts); none without an inbound domain. */
  replyTo?: string;
}

/** One line, no control characters: for a subject or a name in a header. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

/**
 * The email of one burst of owner replies: the replies' text in plain text and in simple HTML
 * (every character of them escaped), the site's name, a "Continue the conversation" link and a
 * visible unsubscribe link, with the RFC 8058 one-click unsubscribe headers.
 */
export function composeReplyEmail(content: ReplyEmailContent): OutgoingEmail {
  const t = emailText(content.locale ?? "en");
  const site = oneLine(content.siteName);
  const count = content.replies.length + content.earlierReplies;
  const subject = t.text("replySubject", { site, count });
  const lead = t.text("replyLead", { site, count });
  const earlier = content.earlierReplies > 0 ? t.text("replyEarlier", { count: content.earlierReplies }) : "";
  const why = t.text("replyWhy", { site });
  const sentAt = replyTimeFormat(t.locale, content.timeZone);
  const answer = content.replyTo ? t.text("answerLine") : "";

  const text = [
    lead,
    "",
    ...(earlier ? [earlier, ""] : []),
    ...content.replies.flatMap((reply) => [`[${sentAt.format(reply.sentAt)}]`, reply.text, ""]),
    t.text("continueLine", { url: content.continueUrl }),
    "",
    ...(answer ? [answer, ""] : []),
    "--",
    why,
    t.text("unsubscribeLine", { url: content.unsubscribeUrl }),
    "",
  ].join("\n");

  const html = htmlDocument(subject, t, [
    `<p>${escapeHtml(lead)}</p>`,
    earlier ? `<p style="color:#5d6864">${escapeHtml(earlier)}</p>` : "",
    ...content.replies.map(
      (reply) =>
        `<p style="margin:0 0 4px;font-size:13px;color:#5d6864"><time datetime="${new Date(reply.sentAt).toISOString()}">${escapeHtml(sentAt.format(reply.sentAt))}</time></p>${quoteHtml(reply.text)}`,
    ),
    `<p style="margin:24px 0">${buttonLink(content.continueUrl, t.text("continueButton"))}</p>`,
    answer ? `<p>${escapeHtml(answer)}</p>` : "",
    `<p style="font-size:13px;color:#5d6864">${escapeHtml(why)} ${htmlLink(content.unsubscribeUrl, t.text("unsubscribe"))}</p>`,
  ]);
  return {
    from: content.from,
    to: content.to,
    subject,
    text,
    html,
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    headers: automaticEmailHeaders(content.unsubscribeUrl),
  };
}

/** When a reply was sent, in the visitor's language and time zone (with its name), UTC for a zone this runtime does not know. */
function replyTimeFormat(locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone ?? "UTC" });
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
  }
}

/** A link in an email's HTML: it opens in a new tab where HTML allows it (a web mail's or a viewer's frame). */
export function htmlLink(url: string, label: string, style = ""): string {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer"${style ? ` style="${style}"` : ""}>${escapeHtml(label)}</a>`;
}

/** The one action of an email, as a button. */
export function buttonLink(url: string, label: string): string {
  return htmlLink(
    url,
    label,
    "display:inline-block;padding:10px 18px;border-radius:999px;background:#1f6f5c;color:#ffffff;text-decoration:none",
  );
}

/** Text someone wrote, quoted as it was (every character escaped, its lines kept, its own direction). */
export function quoteHtml(text: string): string {
  return `<blockquote dir="auto" style="margin:0 0 12px;padding:12px 16px;border-radius:12px;background:#f2f4f3;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(text)}</blockquote>`;
}

/** The HTML part of a Porch email: `parts` in a narrow column, in the visitor emails' colors, in its language's direction. */
export function htmlDocument(subject: string, language: Pick<EmailText, "htmlAttributes">, parts: readonly string[]): string {
  return [
    "<!doctype html>",
    `<html ${language.htmlAttributes}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#1d2421;background:#ffffff">',
    '<div style="max-width:560px;margin:0 auto">',
    ...parts.filter(Boolean),
    "</div></body></html>",
  ].join("\n");
}

/**
 * The headers of an automatic email to a visitor: RFC 8058 one-click unsubscribe, and RFC 3834's
 * mark, so auto-responders do not answer it.
 */
export function automaticEmailHeaders(unsubscribeUrl: string): OutgoingEmail["headers"] {
  return [
    { name: "List-Unsubscribe", value: `<${unsubscribeUrl}>` },
    { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
    { name: "Auto-Submitted", value: "auto-generated" },
  ];
}
