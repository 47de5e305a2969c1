/**
 * The unsubscribe link of a reply email (RFC 8058 one-click): `GET` shows a page with a button,
 * `POST` (the button, or a mail provider's one-click request with `List-Unsubscribe=One-Click`)
 * unsubscribes. A GET alone never unsubscribes: mail scanners and link previews follow links.
 *
 * Unsubscribing stops every reply email to that address from this site, whichever conversation
 * it is on, and takes back the confirmation of the conversation whose link it was, until the
 * recipient confirms the address again (a visitor giving it again in the widget only asks them to,
 * at most once per 30 days: docs/security.md, "Email addresses").
 * The Lambda function URL's handler (backend/handlers/unsubscribe.ts) and the local stack call this.
 */
import { type LinkRequest, type PageResponse, linkPage as page, postButton, refusedMethod } from "./link-page.ts";
import { openUnsubscribeToken } from "./link-tokens.ts";
import { escapeHtml } from "./reply-email.ts";

/** What unsubscribing needs from storage (backend/store/reply-emails.ts). */
export interface UnsubscribeStore {
  /** The conversation's address, if the conversation exists and its address has this hash. */
  addressOf(visitorId: string, addressHash: string): Promise<string | null>;
  /** Records the address (by hash) as unsubscribed, and on the conversation (unconfirmed) if it still has it. */
  unsubscribe(visitorId: string, addressHash: string, nowMs: number): Promise<void>;
}

export interface UnsubscribeDeps {
  store: UnsubscribeStore;
  linkKey: string;
  siteName: string;
  now(): number;
}

/** Answers one request to the unsubscribe URL. */
export async function unsubscribePage(request: LinkRequest, deps: UnsubscribeDeps): Promise<PageResponse> {
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD" && method !== "POST") return refusedMethod();
  const opened = openUnsubscribeToken(request.token, deps.linkKey);
  if (!opened.ok) {
    return page(400, "This link is not valid", "<p>The unsubscribe link is incomplete or damaged. Open it again from the email.</p>");
  }
  const { visitorId, addressHash } = opened.value;
  const site = escapeHtml(deps.siteName);
  if (method === "POST") {
    await deps.store.unsubscribe(visitorId, addressHash, deps.now());
    return page(
      200,
      "You are unsubscribed",
      `<p>${site} will not email you any more. To get replies by email again, give your address in the chat on ${site}, and confirm it.</p>`,
    );
  }
  const address = await deps.store.addressOf(visitorId, addressHash);
  const who = address ? ` to <strong>${escapeHtml(address)}</strong>` : "";
  return page(
    200,
    "Stop reply emails?",
    `<p>${site} emails you the replies you miss in its chat${who}. Unsubscribe to stop every such email.</p>
${postButton("Unsubscribe", { "List-Unsubscribe": "One-Click" })}`,
  );
}
