/**
 * The unsubscribe link of a reply email (RFC 8058 one-click): `GET` shows a page with a button,
 * `POST` (the button, or a mail provider's one-click request with `List-Unsubscribe=One-Click`)
 * unsubscribes. A GET alone never unsubscribes: mail scanners and link previews follow links.
 *
 * Unsubscribing stops every reply email to that address from this site, whichever conversation
 * it is on, until the visitor gives the address again in the widget (`register`).
 * The Lambda function URL's handler (backend/handlers/unsubscribe.ts) and the local stack call this.
 */
import { createHash } from "node:crypto";
import { siteHeaders } from "#infra/hosting.ts";
import { openUnsubscribeToken } from "./link-tokens.ts";
import { escapeHtml } from "./reply-email.ts";

/** What unsubscribing needs from storage (backend/store/reply-emails.ts). */
export interface UnsubscribeStore {
  /** The conversation's address, if the conversation exists and its address has this hash. */
  addressOf(visitorId: string, addressHash: string): Promise<string | null>;
  /** Records the address (by hash) as unsubscribed, and on the conversation if it still has it. */
  unsubscribe(visitorId: string, addressHash: string, nowMs: number): Promise<void>;
}

export interface UnsubscribeDeps {
  store: UnsubscribeStore;
  linkKey: string;
  siteName: string;
  now(): number;
}

export interface UnsubscribeRequest {
  method: string;
  /** The `t` query parameter. */
  token: string;
}

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const style = `body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2421;background:#ffffff}
main{max-width:32rem;margin:12vh auto 0;padding:0 24px}
h1{font-size:1.4rem;margin:0 0 .5rem}
button{font:inherit;padding:10px 20px;border:0;border-radius:999px;background:#1f6f5c;color:#ffffff;cursor:pointer}
button:focus-visible{outline:3px solid #1d2421;outline-offset:2px}
@media (prefers-color-scheme:dark){body{color:#eef2f0;background:#1b1f1e}button{background:#5ec4a8;color:#1b1f1e}button:focus-visible{outline-color:#eef2f0}}`;
const styleHash = createHash("sha256").update(style).digest("base64");

/**
 * The page's headers: those of every Porch page (infra/hosting.ts: no framing, nosniff) and a
 * policy that allows nothing but its own style, posting its form to itself and an empty icon (so
 * browsers do not ask the endpoint for /favicon.ico); no referrer (the URL carries a token), no
 * caching.
 */
export const unsubscribePageHeaders: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; form-action 'self'; base-uri 'none'; ${siteHeaders.contentSecurityPolicy}`,
  "x-frame-options": siteHeaders.frameOptions,
  "x-content-type-options": siteHeaders.contentTypeOptions,
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

function page(status: number, title: string, body: string, extraHeaders: Record<string, string> = {}): PageResponse {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>
`;
  return { status, headers: { ...unsubscribePageHeaders, ...extraHeaders }, body: html };
}

/** Answers one request to the unsubscribe URL. */
export async function unsubscribePage(request: UnsubscribeRequest, deps: UnsubscribeDeps): Promise<PageResponse> {
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD" && method !== "POST") {
    return page(405, "Not allowed", "<p>Open the link from the email.</p>", { allow: "GET, HEAD, POST" });
  }
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
      `<p>${site} will not email you replies any more. To get them by email again, give your address in the chat on ${site}.</p>`,
    );
  }
  const address = await deps.store.addressOf(visitorId, addressHash);
  const who = address ? ` to <strong>${escapeHtml(address)}</strong>` : "";
  return page(
    200,
    "Stop reply emails?",
    `<p>${site} emails you the replies you miss in its chat${who}. Unsubscribe to stop every such email.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}
