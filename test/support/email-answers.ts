import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createTransport } from "nodemailer";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { Stack } from "#backend/local/stack.ts";

/**
 * Answers to Porch's emails, as mail apps write them and as a mail server delivers them: through
 * the local stack's SMTP server, from a 127.x address of the sender's own, DKIM-signed with the
 * sender's key, whose DNS records (SPF, DKIM, DMARC) the stack's DNS table holds.
 */

/** A sending domain: where its mail comes from (a 127.x address) and its DKIM key. */
export interface SenderDomain {
  domain: string;
  /** The address its mail servers connect from. */
  ip: string;
  selector: string;
  privateKey: string;
}

/** Publishes a domain's SPF (its `ip` only), DKIM key and DMARC policy in the stack's DNS table. */
export async function senderDomain(stack: Stack, domain: string, ip: string): Promise<SenderDomain> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const selector = "s1";
  const publicDer = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  await stack.inbound.dns.setTxt(domain, `v=spf1 ip4:${ip} -all`);
  await stack.inbound.dns.setTxt(`${selector}._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${publicDer}`);
  await stack.inbound.dns.setTxt(`_dmarc.${domain}`, "v=DMARC1; p=reject");
  return { domain, ip, selector, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** How mail apps quote what they answer: the new text, then their signature and quote. */
export const mailApps = {
  gmail: (answer: string, quoted: string) => ({
    text: `${answer}\n\n-- \nAna Lima\nCrumb regular\n\nOn Sun, Dec 6, 2026 at 4:30 AM Crumb <porch@localhost> wrote:\n\n${quote(quoted)}\n`,
    html: `<div dir="ltr">${answer}</div><br><div class="gmail_signature">Ana Lima</div><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Sun, Dec 6, 2026 at 4:30 AM Crumb &lt;porch@localhost&gt; wrote:<br></div><blockquote class="gmail_quote">${quoted}</blockquote></div>`,
  }),
  appleMail: (answer: string, quoted: string) => ({
    text: `${answer}\n\nSent from my iPhone\n\n> On 6 Dec 2026, at 04:30, Crumb <porch@localhost> wrote:\n> \n${quote(quoted)}\n`,
    html: `<html><body dir="auto"><div>${answer}</div><div><br><div>Sent from my iPhone</div><div><br><blockquote type="cite">On 6 Dec 2026, at 04:30, Crumb &lt;porch@localhost&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div>${quoted}</div></blockquote></div></body></html>`,
  }),
  outlook: (answer: string, quoted: string) => ({
    text: `${answer}\n\nGet Outlook for iOS\n________________________________\nFrom: Crumb <porch@localhost>\nSent: Sunday, December 6, 2026 4:30 AM\nTo: ana@example.org\nSubject: New reply from Crumb\n\n${quoted}\n`,
    html: `<html><body><div>${answer}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Crumb &lt;porch@localhost&gt;<br><b>Sent:</b> Sunday, December 6, 2026 4:30 AM</div><div>${quoted}</div></body></html>`,
  }),
} as const;

const quote = (text: string) =>
  text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");

export interface Answer {
  from: string;
  /** The `Reply-To` of the email answered: where the answer goes. */
  to: string;
  text?: string;
  html?: string;
  messageId?: string;
  /** The envelope sender; default `from`; "" for a bounce's null sender. */
  envelopeFrom?: string;
  headers?: Record<string, string>;
  /** Files, as nodemailer takes them: a `cid` embeds one in the HTML (`<img src="cid:…">`). */
  attachments?: { filename: string; content: string | Buffer; contentType?: string; cid?: string; contentDisposition?: "inline" }[];
  date?: Date;
}

/**
 * Delivers an answer to the stack's SMTP server from `via`'s address, signed with `via`'s key
 * (none: unsigned, from 127.0.0.1). Resolves once the inbound function ran (backend/local/smtp.ts).
 */
export async function deliver(stack: Stack, answer: Answer, via?: SenderDomain): Promise<void> {
  const { port } = new URL(stack.inbound.smtpUrl!);
  const transport = createTransport({
    host: "127.0.0.1",
    port: Number(port),
    secure: false,
    ignoreTLS: true,
    localAddress: via?.ip ?? "127.0.0.1",
    name: via ? `mail.${via.domain}` : "localhost",
    ...(via ? { dkim: { domainName: via.domain, keySelector: via.selector, privateKey: via.privateKey } } : {}),
  });
  try {
    await transport.sendMail({
      from: answer.from,
      to: answer.to,
      subject: "Re: New reply",
      ...(answer.text !== undefined ? { text: answer.text } : {}),
      ...(answer.html !== undefined ? { html: answer.html } : {}),
      messageId: answer.messageId ?? `<${randomUUID()}@${answer.from.split("@")[1]}>`,
      envelope: { from: answer.envelopeFrom ?? answer.from, to: answer.to },
      ...(answer.headers ? { headers: answer.headers } : {}),
      ...(answer.attachments ? { attachments: answer.attachments } : {}),
      ...(answer.date ? { date: answer.date } : {}),
    });
  } finally {
    transport.close();
  }
}

/** The answer to a captured email, as `app` writes it: `answer` above the email's text, quoted, and a signature. */
export function answerTo(email: CapturedEmail, from: string, answer: string, app: keyof typeof mailApps = "gmail"): Answer {
  const replyTo = email.ReplyTo[0];
  if (!replyTo) throw new Error(`the email "${email.Subject}" has no Reply-To`);
  return { from, to: replyTo, ...mailApps[app](answer, email.Body.text_part ?? "") };
}
