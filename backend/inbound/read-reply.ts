/**
 * What an answer by email says: the raw MIME parsed by `mailparser` (nodemailer's parser: every
 * charset and transfer encoding, RFC 2047 headers), only the new text kept.
 *
 * The new text is found by `email-reply-parser` (a maintained port of GitHub's EmailReplyParser,
 * with the reply headers of a dozen languages and mail clients): it drops the quoted history ("On
 * … wrote:" and the `>` lines under it, Outlook's "From: … Sent: …" block) and the signature (`-- `,
 * "Sent from my iPhone"). It reads plain text; talon's port (`planer`) reads HTML too but needs a
 * DOM and has not been released since 2023. Mail with an HTML part only is cut at the quote
 * containers Gmail, Apple Mail and Outlook write (the text before them is the answer), then made
 * text by `html-to-text` (the converter mailparser itself uses) and read the same way.
 */
import EmailReplyParser from "email-reply-parser";
import { htmlToText } from "html-to-text";
import { type ParsedMail, simpleParser } from "mailparser";
import type { MailedFile } from "../chat/email-files.ts";
import { mailedFiles } from "./mailed-files.ts";

/** An email, as the answer's checks need it. */
export interface ReadReply {
  /** The one `From` address, lower-cased; null for none or several. */
  from: string | null;
  /** What its `Date` header says (epoch ms), null without one or for one that is no date. */
  dateMs: number | null;
  /** The `Message-ID`, or "" without one. */
  messageId: string;
  /** Marks of a message no person typed: a bounce, an auto-reply, a list (RFC 3834, RFC 2076). */
  automatic: string | null;
  /** The domains of the `DKIM-Signature` headers (`d=`), lower-cased. */
  dkimDomains: string[];
  /** The new text, trimmed: no quoted history, no signature. */
  text: string;
  /** Files the sender attached, in the email's order (mailed-files.ts says which count). */
  files: MailedFile[];
}

/** Where the quoted history starts in the HTML of Gmail, Apple Mail, Outlook (web and desktop), Thunderbird. */
const htmlQuoteStarts = [
  /<div[^>]*class="[^"]*(gmail_quote|gmail_signature)/i,
  /<blockquote[^>]*type="cite"/i,
  /<div[^>]*id="(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)"/i,
  /<div[^>]*class="[^"]*(moz-cite-prefix|OutlookMessageHeader)/i,
];

/** The HTML above the quoted history: what the sender wrote. */
function htmlAbove(html: string): string {
  const cut = Math.min(...htmlQuoteStarts.map((pattern) => html.search(pattern)).filter((index) => index >= 0), html.length);
  return html.slice(0, cut);
}

function htmlAnswer(html: string): string {
  return htmlToText(htmlAbove(html), { wordwrap: false, selectors: [{ selector: "img", format: "skip" }] });
}

function singleFrom(parsed: ParsedMail): string | null {
  const addresses = (parsed.from?.value ?? []).flatMap((entry) => (entry.address ? [entry.address] : []));
  return addresses.length === 1 ? addresses[0]!.trim().toLowerCase() : null;
}

/** A header's raw value, as it was written (the first of several). */
function header(parsed: ParsedMail, name: string): string {
  const line = parsed.headerLines.find((candidate) => candidate.key === name)?.line ?? "";
  return line.slice(line.indexOf(":") + 1).trim();
}

/** Why the message is automatic, or null for one a person wrote. */
function automaticMark(parsed: ParsedMail, envelopeSender: string): string | null {
  const autoSubmitted = header(parsed, "auto-submitted").trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted.split(/[;\s]/)[0]}`;
  const precedence = header(parsed, "precedence").trim().toLowerCase();
  if (["bulk", "junk", "list", "auto_reply"].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ["x-autoreply", "x-autorespond", "x-auto-response-suppress", "list-id"]) {
    if (
      parsed.headerLines.some((line) => line.key === name) &&
      !(name === "x-auto-response-suppress" && !/all|oof|autoreply/i.test(header(parsed, name)))
    ) {
      return name;
    }
  }
  if (/multipart\/report/i.test(header(parsed, "content-type"))) return "a delivery report";
  // A bounce has an empty envelope sender (RFC 5321 4.5.5).
  const sender = envelopeSender.trim().replace(/^<|>$/g, "");
  if (!sender || /^mailer-daemon@/i.test(sender)) return "a bounce (no envelope sender)";
  return null;
}

function dkimDomainsOf(parsed: ParsedMail): string[] {
  const lines = parsed.headerLines.filter((line) => line.key === "dkim-signature");
  return lines.flatMap((line) => {
    const domain = /(?:^|[;\s])d\s*=\s*([^;\s]+)/i.exec(line.line.replace(/^dkim-signature:/i, ""))?.[1];
    return domain ? [domain.toLowerCase()] : [];
  });
}

function dateOf(parsed: ParsedMail): number | null {
  // mailparser has no `date` without the header; one it cannot read is an Invalid Date.
  const dateMs = header(parsed, "date") ? (parsed.date?.getTime() ?? NaN) : NaN;
  return Number.isFinite(dateMs) ? dateMs : null;
}

/** Whether the email has a text/plain part (or is plain text, with no Content-Type at all). */
function hasTextPart(raw: Buffer): boolean {
  const text = raw.toString("latin1");
  return /^content-type:\s*text\/plain/im.test(text) || !/^content-type:/im.test(text);
}

/** Reads an answer: who sent it, whether a person did, and what they wrote above the quote. */
export async function readReply(raw: Buffer, envelopeSender: string): Promise<ReadReply> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  // mailparser makes `text` from the HTML when there is no text part: the HTML is cut first, then.
  const plain = hasTextPart(raw) ? (parsed.text ?? "") : parsed.html ? htmlAnswer(parsed.html) : (parsed.text ?? "");
  const text = new EmailReplyParser().parseReply(plain.replace(/\r\n?/g, "\n")).trim();
  return {
    from: singleFrom(parsed),
    messageId: parsed.messageId ?? "",
    dateMs: dateOf(parsed),
    automatic: automaticMark(parsed, envelopeSender),
    dkimDomains: dkimDomainsOf(parsed),
    text,
    files: mailedFiles(parsed.attachments, parsed.html ? htmlAbove(parsed.html) : ""),
  };
}
