// From its own module, not protocol/index.ts: the notify function parses no frame, and the index
// would bring the protocol's schemas (and valibot) into its bundle.
import { truncateChars } from "#protocol/text.ts";
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import type { NotifiedConversation, NotifiedMessage, OwnerNotification } from "./notification.ts";

/** The owner's webhook (Slack, Discord, or anything that takes a JSON POST). */
export class WebhookChannel implements NotificationChannel {
  readonly name = "webhook";

  constructor(
    private readonly url: string,
    private readonly inboxUrl: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  deliver(notification: OwnerNotification): Promise<DeliveryResult> {
    return postWebhook(this.url, webhookPayload(notification, this.inboxUrl), this.timeoutMs);
  }
}

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`, `<https://a|shown text>`) and `&` as the
 * start of an escape: its documented escaping of these three makes visitor text plain text.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Discord reads markdown (`[shown text](https://elsewhere)`, headings, quotes, spoilers) and
 * `<@…>` mentions: a backslash before each of those characters shows it as itself. Pings are off
 * anyway (`allowed_mentions`).
 */
export function discordEscape(text: string): string {
  return text.replace(/[\\*_~`|<>[\]()#-]/g, "\\$&");
}

const plural = (count: number, one: string) => `${count.toLocaleString("en")} ${one}${count === 1 ? "" : "s"}`;
const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** A digest's first line: "38 new conversations on your site since 10:00 UTC, 52 unread messages in all." */
export function digestHeadline(notification: OwnerNotification): string {
  const { conversations, newConversations, unreadMessages } = notification.totals;
  return newConversations > 0
    ? `${plural(newConversations, "new conversation")} on your site since ${utcTime(notification.sinceMs)}, ${plural(unreadMessages, "unread message")} in all.`
    : `${plural(unreadMessages, "unread message")} in ${plural(conversations, "conversation")} on your site since ${utcTime(notification.sinceMs)}.`;
}

/** Who wrote, as a notification names them: nickname, else email, else "A visitor" (unescaped). */
export function visitorLabel(conversation: NotifiedConversation): string {
  return conversation.nickname ?? conversation.email ?? "A visitor";
}

/**
 * The summary a person reads, with visitor text escaped by `escape`: the webhook's posts, and (with
 * nothing to escape) the owner email's plain-text part.
 */
export function summaryText(notification: OwnerNotification, inboxUrl: string | undefined, escape: (text: string) => string): string {
  const link = (conversation: NotifiedConversation) => (inboxUrl ? conversationUrl(inboxUrl, conversation) : null);
  const who = (conversation: NotifiedConversation) => escape(visitorLabel(conversation));
  const quote = (message: NotifiedMessage, max: number) => `“${escape(truncateChars(message.text, max))}”`;
  if (notification.kind === "message") {
    const [item] = notification.items;
    if (!item) return "A visitor wrote on your site.";
    const url = link(item.conversation);
    return `${who(item.conversation)} wrote on your site: ${quote(item.message, 300)}${url ? `\nAnswer: ${url}` : ""}`;
  }
  const headline = digestHeadline(notification);
  const latest = notification.items.map(({ conversation, message }) => {
    const url = link(conversation);
    return `• ${who(conversation)}: ${quote(message, 140)}${url ? ` ${url}` : ""}`;
  });
  return [headline, ...(latest.length ? ["Latest:", ...latest] : []), ...(inboxUrl ? [`Inbox: ${inboxUrl}`] : [])].join("\n");
}

/** Where a notification's link opens a conversation: the inbox resolves the reference for the signed-in owner. */
export function conversationUrl(inboxUrl: string, conversation: NotifiedConversation): string {
  return `${inboxUrl}#/r/${conversation.ref}`;
}

/**
 * The webhook's JSON body, for a message and for a digest alike. `text` is what Slack's incoming
 * webhooks show, `content` (with `allowed_mentions`) what Discord's show (each ignores the other
 * fields); `porch` carries the details, unescaped, for anything else.
 */
export function webhookPayload(notification: OwnerNotification, inboxUrl: string | undefined) {
  const content = summaryText(notification, inboxUrl, discordEscape);
  return {
    text: summaryText(notification, inboxUrl, slackEscape),
    // Discord refuses more than 2,000 characters.
    content: content.length > 2000 ? `${content.slice(0, 1999)}…` : content,
    allowed_mentions: { parse: [] as string[] },
    porch: {
      event: notification.kind === "message" ? "visitor_message" : "digest",
      since: notification.sinceMs,
      totals: notification.totals,
      // The reply address is the owner's to answer from their mailbox: not for a chat channel.
      items: notification.items.map(({ conversation: { replyTo: _replyTo, ...conversation }, message }) => ({
        conversation,
        message,
        url: inboxUrl ? conversationUrl(inboxUrl, conversation) : null,
      })),
      inboxUrl: inboxUrl ?? null,
    },
  };
}

/** POSTs the payload; never throws. Returns what happened, for logs and tests. */
export async function postWebhook(url: string, payload: unknown, timeoutMs: number): Promise<DeliveryResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Porch-Notifier/1" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.ok, status: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
