import { fileURLToPath } from "node:url";
import { startStaticServer, type StaticServer } from "./static.ts";

const demoDir = fileURLToPath(new URL("../../demo", import.meta.url));

/** The blog's own files in demo/ (two posts); the inbox pages there belong to the Porch site (dist/). */
const blogPaths = new Set(["/", "/index.html", "/rye.html", "/blog.css", "/favicon.svg"]);

export interface DemoSiteOptions {
  /** porch.js on the Porch site, e.g. `http://127.0.0.1:8787/porch.js`. */
  scriptUrl: string;
  /** The WebSocket the widget connects to (`data-endpoint`). */
  endpoint: string;
  /** The attachments' bucket (the local S3), which the page's CSP lets the widget upload to and show images from. */
  attachmentsOrigin?: string;
  /** More `data-*` attributes for the embed, by attribute name: `{ consent: "", "privacy-url": "/privacy.html" }` for a consent-first site. */
  dataset?: Record<string, string>;
  /** Default 0 (a free port). */
  port?: number;
  host?: string;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);

/**
 * Fills in demo/index.html's embed: `{{scriptUrl}}`, `{{endpoint}}`, and `{{porchOrigin}}` and
 * `{{attachmentsOrigin}}` (for the page's Content-Security-Policy, which must allow scripts from
 * the Porch site, and uploads to and images from the attachments' bucket).
 */
export function renderDemoPage(
  html: string,
  options: Pick<DemoSiteOptions, "scriptUrl" | "endpoint" | "attachmentsOrigin" | "dataset">,
): string {
  const values: Record<string, string> = {
    scriptUrl: options.scriptUrl,
    endpoint: options.endpoint,
    porchOrigin: new URL(options.scriptUrl).origin,
    attachmentsOrigin: options.attachmentsOrigin ?? "",
  };
  const dataset = Object.entries(options.dataset ?? {})
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join("");
  return html
    .replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => (name in values ? escapeHtml(values[name]!) : placeholder))
    .replace(/(<script type="module" src="[^"]*" data-endpoint="[^"]*")/, `$1${dataset}`);
}

/**
 * A stand-in for a blogger's site: demo/'s blog page on an origin of its own, with the one-line
 * embed pointing at the Porch site, as a real blog pastes it. The widget therefore loads
 * cross-origin here exactly as it does in production.
 */
export function startDemoSite(options: DemoSiteOptions): Promise<StaticServer> {
  return startStaticServer([demoDir], {
    only: blogPaths,
    renderHtml: (html) => renderDemoPage(html, options),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
  });
}
