/**
 * Widget weight: what a visitor's browser downloads for Porch on the demo page, before the panel
 * opens and after, in gzip bytes (each response compressed at level 9, as a CDN would serve it).
 * Real Chromium against the local stack; only the widget's own files count, not the blog's.
 */
import { gzipSync } from "node:zlib";
import { startDemoSite } from "../backend/local/demo-site.ts";
import { startStack } from "../backend/local/stack.ts";
import { buildAndLaunch } from "../test/support/browser.ts";

export interface WidgetWeight {
  files: { path: string; bytes: number; gzipBytes: number; phase: "load" | "open" }[];
  beforeOpenGzipBytes: number;
  afterOpenGzipBytes: number;
  inboxGzipBytes: number;
}

export async function measureWidget(progress: (line: string) => void): Promise<WidgetWeight> {
  progress("widget: building dist/ and loading the demo page in Chromium");
  const browser = await buildAndLaunch();
  const stack = await startStack({ port: 0, dataDir: null, ownerPassword: "bench" });
  // The blog on its own origin, porch.js from the stack's, as on a real site.
  const blog = await startDemoSite({ scriptUrl: `${stack.url}porch.js`, endpoint: stack.socketUrl });
  try {
    const files: WidgetWeight["files"] = [];
    let phase: "load" | "open" = "load";
    const collect = (page: import("playwright-core").Page) =>
      page.on("response", async (response) => {
        const path = new URL(response.url()).pathname;
        const type = response.request().resourceType();
        if (!["script", "stylesheet"].includes(type) || !/^\/(porch|inbox)/.test(path)) return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        files.push({ path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, phase });
      });
    const page = collect(await browser.newPage());
    await page.goto(blog.url, { waitUntil: "networkidle" });
    phase = "open";
    await page.locator("porch-chat").evaluate((element) => (element as HTMLElement & { open(): void }).open());
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const inbox = collect(await browser.newPage());
    const before = files.length;
    await inbox.goto(`${stack.url}inbox.html`, { waitUntil: "networkidle" });
    const inboxFiles = files.splice(before);
    const sum = (list: WidgetWeight["files"]) => list.reduce((total, file) => total + file.gzipBytes, 0);
    return {
      files,
      beforeOpenGzipBytes: sum(files.filter((file) => file.phase === "load")),
      afterOpenGzipBytes: sum(files),
      inboxGzipBytes: sum(inboxFiles),
    };
  } finally {
    await browser.close();
    await blog.close();
    await stack.close();
  }
}
