/**
 * The files `npm run build` writes to dist/ under names that stay the same across releases, so
 * the hosted site must let browsers re-check them soon (everything else in dist/ is named by its
 * content and cached for good). Read by sst.config.ts and checked by verify:deploy.
 */
export const stableFiles = ["porch.js", "inbox.js", "inbox.css", "inbox.html"] as const;

/** How long browsers and CloudFront may keep a stable file before re-checking it. */
export const stableMaxAgeS = 300;
