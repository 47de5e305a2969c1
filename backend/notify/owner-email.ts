// From its own module, not protocol/index.ts: the notify function's bundle stays free of the schemas.
import { truncateChars } from "#protocol/text.ts";
import { type EmailSender, type OutgoingEmail } from "../email/email-sender.ts";
import { escapeHtml } from "../email/html.ts";
// English only: the notify function does not know the owner's language (the inbox's is the browser's).
import { emailStrings } from "../email/strings.ts";
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import type { OwnerNotification } from "./notification.ts";
import { conversationUrl, digestHeadline, summaryText, visitorLabel } from "./webhook.ts";

/**
 * The owner's address, configuration like the rest of `.env` (docs/deploy.md, "Settings"): the
 * deploy gives it to the notify function's environment, `npm start` reads it from its own.
 */
export const ownerEmailVariable = "PORCH_OWNER_EMAIL";

/** Where the owner's emails go and what they say about the site. */
export interface OwnerEmailSettings {
  /** The SES identity's address (`PORCH_EMAIL_FROM`). */
  from: string;
  /** The owner's address (`PORCH_OWNER_EMAIL`). */
  to: string;
  /** The inbox page, for the links; none leaves them out. */
  inboxUrl: string | undefined;
  /** The site's name in the subject: the owner's setting, never a visitor's words. */
  siteName: string;
}

/**
 * The owner's notifications by email, through the same `EmailSender` (SES v2) as reply emails:
 * one email per notification the windows let through (backend/chat/notify-owner.ts), so a flood
 * makes at most four per 10-minute window. Sent at most once: an error is reported, never retried here.
 */
export class OwnerEmailChannel implements NotificationChannel {
  readonly name = "email";

  constructor(
    private readonly sender: EmailSender,
    private readonly settings: OwnerEmailSettings,
  ) {}

  async deliver(notification: OwnerNotification): Promise<DeliveryResult> {
    try {
      await this.sender.send(ownerEmail(notification, this.settings));
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

const plural = (count: number, one: string) => `${count.toLocaleString("en")} ${one}${count === 1 ? "" : "s"}`;

/**
 * The email for one notification. The subject holds counts and the site's name only (nothing a
 * visitor wrote reaches a header); the text part is the webhook's summary, unescaped (plain text
 * shows what it is given); in the HTML part every visitor string goes through `escapeHtml`, and
 * each conversation links to `<inbox>#/r/<ref>` (never the visitor id).
 */
export function ownerEmail(notification: OwnerNotification, settings: OwnerEmailSettings): OutgoingEmail {
  const { totals } = notification;
  const subject =
    notification.kind === "message"
      ? `New message on ${settings.siteName}`
      : totals.newConversations > 0
        ? `${plural(totals.newConversations, "new conversation")} on ${settings.siteName}`
        : `${plural(totals.unreadMessages, "unread message")} on ${settings.siteName}`;
  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const several = notification.items.length > 1;
  // One conversation: answering the email answers it (backend/email/reply-address.ts).
  const replyTo = several ? undefined : notification.items[0]?.conversation.replyTo;
  const items = notification.items.map(({ conversation, message }) => {
    const url = settings.inboxUrl ? conversationUrl(settings.inboxUrl, conversation) : null;
    const text = truncateChars(message.text, notification.kind === "message" ? 2000 : 140);
    return [
      `<p style="margin:16px 0 4px"><strong>${escapeHtml(visitorLabel(conversation))}</strong>${conversation.unread > 1 ? ` (${plural(conversation.unread, "unread message")})` : ""}</p>`,
      `<blockquote style="margin:0 0 4px;padding:12px 16px;border-radius:12px;background:#f2f4f3;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(text)}</blockquote>`,
      url ? `<p style="margin:0">${link(url, "Answer in the inbox")}</p>` : "",
      // A digest of several conversations has no one `Reply-To`: each has its own address to write to.
      several && conversation.replyTo
        ? `<p style="margin:0">${link(`mailto:${conversation.replyTo}`, emailStrings.ownerAnswerLink)}</p>`
        : "",
    ].join("");
  });
  const html = [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#1d2421;background:#ffffff">',
    '<div style="max-width:560px;margin:0 auto">',
    `<p>${escapeHtml(notification.kind === "message" ? `A visitor wrote on ${settings.siteName}.` : digestHeadline(notification))}</p>`,
    ...items,
    settings.inboxUrl ? `<p style="margin-top:24px;font-size:13px;color:#5d6864">${link(settings.inboxUrl, "Open the inbox")}</p>` : "",
    "</div></body></html>",
  ].join("");
  return {
    from: settings.from,
    to: settings.to,
    subject,
    text: `${summaryText(notification, settings.inboxUrl, (text) => text)}\n${replyTo ? `\n${emailStrings.ownerAnswerLine}\n` : ""}`,
    html,
    ...(replyTo ? { replyTo } : {}),
    // RFC 3834: an automatic message, so the owner's vacation responder does not answer it.
    headers: [{ name: "Auto-Submitted", value: "auto-generated" }],
  };
}
