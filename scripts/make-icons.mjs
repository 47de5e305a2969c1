// npm run icons: renders the inbox app's PNG icons from its SVGs (demo/icons/inbox.svg, served too,
// and demo/inbox-maskable.svg, which is not) with the Chromium that runs the tests, offline. The
// PNGs are committed: run this after changing an SVG.
// The browser is found as for the tests (scripts/chromium.mjs; CHROMIUM_PATH names another).
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import { chromiumFlags, chromiumPath } from "./chromium.mjs";

/** Each PNG, from which SVG, at which size (CSS pixels at device scale 1). */
export const pngIcons = [
  // The sizes Chromium's install criteria and Android want ("any" purpose).
  { svg: "demo/icons/inbox.svg", png: "demo/icons/inbox-192.png", size: 192 },
  { svg: "demo/icons/inbox.svg", png: "demo/icons/inbox-512.png", size: 512 },
  // Full-bleed, the glyph inside the safe zone's circle (80%): Android crops it to its mask.
  { svg: "demo/inbox-maskable.svg", png: "demo/icons/inbox-maskable-512.png", size: 512 },
  // iOS's home screen takes no manifest icon and fills transparency with black: full-bleed, 180 px.
  { svg: "demo/inbox-maskable.svg", png: "demo/icons/apple-touch-icon.png", size: 180 },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", ...chromiumFlags],
  });
  try {
    for (const { svg, png, size } of pngIcons) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const source = await readFile(svg, "utf8");
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
      );
      await page.screenshot({ path: png, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`${png.padEnd(36)}${size}×${size}`);
    }
  } finally {
    await browser.close();
  }
}
