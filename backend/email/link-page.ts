/**
 * The pages of the links in visitor emails (unsubscribe.ts, confirm.ts), served by one function URL
 * (backend/handlers/unsubscribe.ts): a small HTML page, its style and its headers.
 */
import { createHash } from "node:crypto";
import { siteHeaders } from "#infra/hosting.ts";
import type { EmailText } from "./catalogues.ts";
import { escapeHtml } from "./html.ts";

/** A request to one of the links' pages: its method, its `t` query parameter, and the languages its browser asks for. */
export interface LinkRequest {
  method: string;
  token: string;
  /** The `Accept-Language` header: the page speaks the language of whoever opens it (English when none). */
  acceptLanguage?: string | undefined;
}

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const style = `body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2421;background:#ffffff}
main{max-width:32rem;margin:12vh auto 0;padding:0 24px}
h1{font-size:1.4rem;margin:0 0 .5rem}
blockquote{margin:0 0 1rem;padding:12px 16px;border-radius:12px;background:#f2f4f3;white-space:pre-wrap;overflow-wrap:anywhere}
button{font:inherit;padding:10px 20px;border:0;border-radius:999px;background:#1f6f5c;color:#ffffff;cursor:pointer}
button:focus-visible{outline:3px solid #1d2421;outline-offset:2px}
@media (prefers-color-scheme:dark){body{color:#eef2f0;background:#1b1f1e}blockquote{background:#2a302e}button{background:#5ec4a8;color:#1b1f1e}button:focus-visible{outline-color:#eef2f0}}`;
const styleHash = createHash("sha256").update(style).digest("base64");

/**
 * The pages' headers: those of every Porch page (infra/hosting.ts: no framing, nosniff) and a
 * policy that allows nothing but its own style, posting its form to itself and an empty icon (so
 * browsers do not ask the endpoint for /favicon.ico); no referrer (the URL carries a token), no
 * caching.
 */
export const linkPageHeaders: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; form-action 'self'; base-uri 'none'; ${siteHeaders.contentSecurityPolicy}`,
  "x-frame-options": siteHeaders.frameOptions,
  "x-content-type-options": siteHeaders.contentTypeOptions,
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * A page in `language` with a heading (`title`, escaped here) and `body`, HTML whose every outside
 * string the caller escaped.
 */
export function linkPage(
  language: Pick<EmailText, "htmlAttributes">,
  status: number,
  title: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): PageResponse {
  const html = `<!doctype html>
<html ${language.htmlAttributes}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>
`;
  return { status, headers: { ...linkPageHeaders, ...extraHeaders }, body: html };
}

/** What a link's page answers a method other than GET, HEAD and POST. */
export function refusedMethod(t: EmailText): PageResponse {
  return linkPage(t, 405, t.text("notAllowed"), `<p>${t.html("openFromEmail")}</p>`, { allow: "GET, HEAD, POST" });
}

/** A button that posts the page's form, with these hidden fields, to the page itself (the token stays in its URL). */
export function postButton(label: string, fields: Record<string, string> = {}): string {
  const hidden = Object.entries(fields).map(
    ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
  );
  return `<form method="post">${hidden.join("")}<button type="submit">${escapeHtml(label)}</button></form>`;
}
