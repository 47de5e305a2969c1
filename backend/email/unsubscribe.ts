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
import { pageText } from "./catalogues.ts";
import { type LinkRequest, type PageResponse, linkPage, postButton, refusedMethod } from "./link-page.ts";
import { openUnsubscribeToken } from "./link-tokens.ts";

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
  const t = pageText(request.acceptLanguage);
  const page = (status: number, title: string, body: string) => linkPage(t, status, title, body);
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD" && method !== "POST") return refusedMethod(t);
  const opened = openUnsubscribeToken(request.token, deps.linkKey);
  if (!opened.ok) return page(400, t.text("linkInvalid"), `<p>${t.html("unsubscribeDamaged")}</p>`);
  const { visitorId, addressHash } = opened.value;
  const site = deps.siteName;
  if (method === "POST") {
    await deps.store.unsubscribe(visitorId, addressHash, deps.now());
    return page(200, t.text("unsubscribed"), `<p>${t.html("unsubscribedBody", { site })}</p>`);
  }
  const address = await deps.store.addressOf(visitorId, addressHash);
  const why = address ? t.html("stopBodyTo", { site, address }, ["address"]) : t.html("stopBody", { site });
  return page(200, t.text("stopQuestion"), `<p>${why}</p>\n${postButton(t.text("unsubscribe"), { "List-Unsubscribe": "One-Click" })}`);
}
