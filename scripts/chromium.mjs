// The system Chromium every browser run here uses (the element tests, the end-to-end tests, the
// benchmark, npm run icons): where it is, and the flags it runs with. CHROMIUM_PATH overrides the path.
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** No sandbox (CI runs as root), no GPU, and nothing fetched from the network on its own. */
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
