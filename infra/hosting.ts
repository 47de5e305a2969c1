/**
 * How the Porch site (dist/: porch.js and any chunk it loads, the inbox page and its files) is
 * served, declared once for CloudFront (sst.config.ts), the local stack and `sst dev`
 * (backend/local/static.ts), and their checks (verify:deploy, test/e2e/hosting.test.ts).
 * docs/deploy.md has the table of what each file gets.
 */

/**
 * The files `npm run build` writes to dist/ under names that stay the same across releases, so
 * the hosted site must let browsers re-check them soon (everything else in dist/ is named by its
 * content and cached for good).
 */
export const stableFiles = [
  "porch.js",
  "inbox.js",
  "inbox.css",
  "inbox.html",
  "favicon.svg",
  "inbox.webmanifest",
  "icons/inbox.svg",
  "icons/inbox-192.png",
  "icons/inbox-512.png",
  "icons/inbox-maskable-512.png",
  "icons/apple-touch-icon.png",
] as const;

/**
 * The inbox as an installable web app (docs/inbox.md): its manifest, and its service worker, which
 * shows Web Push notifications. The worker sits at the site's root, so the scope it registers with
 * (`/inbox`: the inbox page as `/inbox.html` and as `/inbox`, nothing else of the site) is within
 * the default maximum and needs no `Service-Worker-Allowed` header.
 */
export const inboxApp = {
  manifest: "inbox.webmanifest",
  serviceWorker: "inbox-sw.js",
  /** Relative to the inbox page, like the worker's URL. */
  scope: "inbox",
} as const;

/**
 * Whether a deploy deletes the files of earlier releases (SST's `assets.purge`). It must not: a
 * page opened before a deploy runs the porch.js it loaded then, which names its own release's
 * chunk (`porch-<hash>.js`); a browser may also keep that porch.js for `stableMaxAgeS`. Hashed
 * files are small and never change, so the bucket keeps them.
 */
export const purgeEarlierReleases = false;

/** How long browsers and CloudFront may keep a stable file before re-checking it. */
export const stableMaxAgeS = 300;

/** Files named by their content never change: a year, the longest `max-age` browsers honour. */
export const hashedMaxAgeS = 31_536_000;

/** The `Cache-Control` CloudFront sends: stable files are re-checked, hashed ones kept. */
export const cacheControl = {
  stable: `max-age=${stableMaxAgeS},public`,
  hashed: `max-age=${hashedMaxAgeS},public,immutable`,
} as const;

/**
 * Files whose `Content-Type` and `Cache-Control` are declared, not guessed from the name: the
 * manifest's registered type, and the service worker, which browsers must re-check on every
 * visit (`no-cache`: a worker cached for 5 minutes would keep an old one that long, and a
 * browser caps what it honours at 24 hours anyway). Served so by CloudFront (sst.config.ts) and
 * the local server and `sst dev` (backend/local/static.ts); verify:deploy and test/e2e/hosting.test.ts check it.
 */
export const declaredFiles = {
  [inboxApp.manifest]: { contentType: "application/manifest+json", cacheControl: cacheControl.stable },
  [inboxApp.serviceWorker]: { contentType: "text/javascript; charset=utf-8", cacheControl: "no-cache" },
} as const satisfies Record<string, { contentType: string; cacheControl: string }>;

/**
 * Headers on every response of the site, whatever the file.
 *
 * - `Access-Control-Allow-Origin: *`: a `<script type="module">` is always fetched in CORS
 *   mode, and so is every chunk it imports, so a blog on another origin cannot run porch.js
 *   without it. `*` (no credentials) because every file here is public. Sent, as CloudFront's
 *   CORS configuration does, on CORS requests: those that carry an `Origin` header.
 * - `Content-Security-Policy: frame-ancestors 'none'` (and `X-Frame-Options: DENY` for browsers
 *   older than that directive): no other site may frame the inbox and trick the owner into
 *   clicking Delete or Block. Only a header can say it (a `<meta>` policy cannot set
 *   frame-ancestors). Every file gets it, not only inbox.html: CloudFront serves that page
 *   under `/inbox` and percent-encoded spellings too (SST's request function looks names up
 *   decoded and with `.html` appended), so a rule by path would leave some spelling frameable,
 *   and nothing on this site is meant to be framed. On a script or a stylesheet it is inert.
 * - `X-Content-Type-Options: nosniff`: a file is only ever what its `Content-Type` says.
 */
export const siteHeaders = {
  allowOrigin: "*",
  contentSecurityPolicy: "frame-ancestors 'none'",
  frameOptions: "DENY",
  contentTypeOptions: "nosniff",
} as const;

/** `siteHeaders` as HTTP headers, for a request that does (or does not) carry `Origin`. */
export function siteResponseHeaders(corsRequest: boolean): Record<string, string> {
  return {
    ...(corsRequest ? { "access-control-allow-origin": siteHeaders.allowOrigin } : {}),
    "content-security-policy": siteHeaders.contentSecurityPolicy,
    "x-frame-options": siteHeaders.frameOptions,
    "x-content-type-options": siteHeaders.contentTypeOptions,
  };
}

/**
 * Where `sst dev` serves the site from this machine (`npm run dev:site`, which StaticSite runs
 * instead of deploying): the URL SST reports for the site in dev mode.
 */
export const devSiteUrl = "http://127.0.0.1:8789";
