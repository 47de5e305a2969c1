/**
 * The link of a confirmation email (backend/jobs/email-confirmation.ts): `GET` shows a page with a
 * button, `POST` (the button) confirms the address for the conversation that asked, which then gets
 * the replies its visitor misses, and lifts the address's unsubscribe. A GET alone never confirms:
 * mail scanners and link previews follow links. The link names the conversation and the address
 * (by its hash), and works for `confirmLinkTtlMs`; it confirms nothing once the conversation's
 * address is another.
 */
import { pageText } from "./catalogues.ts";
import { type LinkRequest, linkPage, type PageResponse, postButton, refusedMethod } from "./link-page.ts";
import { openConfirmToken } from "./link-tokens.ts";

/** Where confirmation links are, below the email links' endpoint (backend/jobs/reply-email.ts, `confirmUrlFor`). */
export const confirmPath = "confirm";

/** What confirming needs from storage (backend/store/email-confirmations.ts). */
export interface ConfirmStore {
  /** The conversation's address, if the conversation exists and its address has this hash. */
  addressOf(visitorId: string, addressHash: string): Promise<string | null>;
  /**
   * Confirms the conversation's address if it has this hash (idempotently: the confirmation of an
   * address confirmed already stays as it was), and ends its unsubscribe; false when the
   * conversation no longer has it.
   */
  confirm(visitorId: string, addressHash: string, nowMs: number): Promise<boolean>;
}

export interface ConfirmDeps {
  store: ConfirmStore;
  linkKey: string;
  siteName: string;
  now(): number;
}

/** Answers one request to a confirmation link. */
export async function confirmPage(request: LinkRequest, deps: ConfirmDeps): Promise<PageResponse> {
  const t = pageText(request.acceptLanguage);
  const page = (status: number, title: string, body: string) => linkPage(t, status, title, body);
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD" && method !== "POST") return refusedMethod(t);
  const site = deps.siteName;
  const opened = openConfirmToken(request.token, deps.linkKey, deps.now());
  if (!opened.ok) {
    return opened.reason === "expired"
      ? page(410, t.text("linkExpired"), `<p>${t.html("expiredBody", { site })}</p>`)
      : page(400, t.text("linkInvalid"), `<p>${t.html("confirmDamaged")}</p>`);
  }
  const { visitorId, addressHash } = opened.value;
  const gone = () => page(410, t.text("nothingToConfirm"), `<p>${t.html("nothingToConfirmBody", { site })}</p>`);
  if (method === "POST") {
    if (!(await deps.store.confirm(visitorId, addressHash, deps.now()))) return gone();
    return page(200, t.text("confirmed"), `<p>${t.html("confirmedBody", { site })}</p>`);
  }
  const address = await deps.store.addressOf(visitorId, addressHash);
  if (!address) return gone();
  return page(
    200,
    t.text("confirmQuestion"),
    `<p>${t.html("confirmQuestionBody", { site, address }, ["address"])}</p>\n${postButton(t.text("confirmAction"))}`,
  );
}
