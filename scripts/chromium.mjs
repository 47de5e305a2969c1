// The browser every browser run here uses (the element tests, the end-to-end tests, the
// benchmark, npm run icons), and the flags it runs with: CHROMIUM_PATH, else the Chrome or
// Chromium installed (scripts/find-chromium.mjs says where it looks). Without one, whatever
// imports this stops at once with one line saying what to install.
import { ChromiumNotFoundError, locateChromium } from "./find-chromium.mjs";

function chromiumOrStop() {
  try {
    return locateChromium();
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    console.error(`porch: ${error.message}`);
    process.exit(1);
  }
}

export const chromiumPath = chromiumOrStop();

/** No sandbox (CI runs as root), no GPU, and nothing fetched from the network on its own. */
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
