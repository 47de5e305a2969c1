import { html, type TemplateResult } from "lit";

/**
 * A title that reads as an address ("https://your-site.example/inbox — session expired",
 * "www.bank.example", "bank.example/login"): shown as text, never as the words of a link, so a
 * page cannot dress a link to itself up as one to another host (issue 21, finding 7).
 */
const addressLike = /[a-z][a-z\d+.-]*:\/\/|\bwww\.|\b[a-z\d-]+(\.[a-z\d-]+)*\.[a-z]{2,}(\/|$)/i;

export const looksLikeAddress = (title: string): boolean => addressLike.test(title);

/**
 * A link to the page a visitor wrote on, as the owner sees it: its title with the host the link
 * really goes to beside it (`Pricing (blog.example)`); an address-like title as text, then the
 * host as the link; no title, the address itself. Page URLs are http(s) (the protocol checks).
 */
export function pageLink(page: { url: string; title?: string | undefined }): TemplateResult {
  const host = new URL(page.url).host;
  const link = (words: string) => html`<a href=${page.url} target="_blank" rel="noopener noreferrer">${words}</a>`;
  if (!page.title) return link(page.url);
  if (looksLikeAddress(page.title)) return html`<span class="page-title">${page.title}</span> ${link(host)}`;
  return html`${link(page.title)} <span class="page-host">(${host})</span>`;
}
