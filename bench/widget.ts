/**
 * Widget weight and opening speed: what a visitor's browser downloads for Porch on the demo page
 * (gzip bytes, each response compressed at level 9, as a CDN would serve it) after the page loads
 * and sits idle, after the first sign of intent (the pointer on the launcher), and after the panel
 * opens; and the time from a click on the launcher to a usable panel (a focused field that takes
 * text) on a CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`), with the chat's chunk not loaded
 * yet (the click is the first sign of intent) and after intent preloaded it. Real Chromium against
 * the local stack; only the widget's own files count, not the blog's.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { startDemoSite } from "#backend/local/demo-site.ts";
import { startStack } from "#backend/local/stack.ts";
import { buildAndLaunch } from "#test/support/browser.ts";
import { launcher } from "#test/support/visitor-page.ts";

type Phase = "load" | "intent" | "open";

/** Click to usable panel, ms (medians of `samples`). */
export interface OpeningTime {
  /** Until a field of the panel has focus. */
  focusMs: number;
  /** Until the next frame after that: the panel is on screen. */
  frameMs: number;
  samples: number[];
}

export interface WidgetWeight {
  files: { path: string; bytes: number; gzipBytes: number; phase: Phase }[];
  /** porch.js alone: the page loaded and sat idle for `idleMs`, no interaction. */
  beforeIntentGzipBytes: number;
  /** And what the pointer on the launcher brought. */
  afterIntentGzipBytes: number;
  /** What the same intent brought on a German page (`<html lang="de">`): the chat and the language's catalogue. */
  germanFiles: { path: string; bytes: number; gzipBytes: number; phase: Phase }[];
  germanAfterIntentGzipBytes: number;
  /** Everything, once the panel is open: all a visitor can download. */
  totalGzipBytes: number;
  idleMs: number;
  inboxGzipBytes: number;
  opening: { cpuThrottling: number; cold: OpeningTime; preloaded: OpeningTime };
}

const idleMs = 2000;
const cpuThrottling = 4;
const runs = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number) => Math.round(value * 10) / 10;

/** One click on the launcher of a freshly loaded demo page: ms to a focused field and to the frame after. */
async function clickToUsable(browser: Browser, url: string, preload: boolean): Promise<{ focus: number; frame: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    await launcher(page).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottling });
    if (preload) {
      await launcher(page).hover();
      await page.waitForFunction(() => document.querySelector("porch-chat")?.shadowRoot?.querySelector("porch-visitor-chat"));
      await page.waitForLoadState("networkidle");
    } else if (await page.evaluate(() => customElements.get("porch-visitor-chat") !== undefined)) {
      throw new Error("the chat's chunk was loaded before any intent");
    }
    // Times come from the page's own clock: the click's event time, focus on a text field, the next frame.
    await page.evaluate(() => {
      const times: Record<string, number> = {};
      Object.assign(window, { porchOpening: times });
      document.addEventListener("click", (event) => (times.click ??= event.timeStamp), { capture: true });
      // Inside porch-chat's shadow root: focus moving from its launcher into its panel is not news to the document.
      document.querySelector("porch-chat")!.shadowRoot!.addEventListener("focusin", () => {
        let field = document.activeElement;
        while (field?.shadowRoot?.activeElement) field = field.shadowRoot.activeElement;
        if (times.focus === undefined && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
          times.focus = performance.now();
          requestAnimationFrame(() => setTimeout(() => (times.frame = performance.now())));
        }
      });
    });
    const box = (await launcher(page).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => (window as unknown as { porchOpening: { frame?: number } }).porchOpening.frame !== undefined);
    // Usable: what is typed now lands in the field.
    await page.keyboard.type("a");
    const typed = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return (active as HTMLInputElement | null)?.value;
    });
    if (typed !== "a") throw new Error(`the focused field did not take the text (${typed})`);
    const times = await page.evaluate(() => (window as unknown as { porchOpening: Record<string, number> }).porchOpening);
    return { focus: times.focus! - times.click!, frame: times.frame! - times.click! };
  } finally {
    await context.close();
  }
}

async function opening(browser: Browser, url: string, preload: boolean): Promise<OpeningTime> {
  const samples: { focus: number; frame: number }[] = [];
  for (let run = 0; run < runs; run++) samples.push(await clickToUsable(browser, url, preload));
  return {
    focusMs: round(median(samples.map((sample) => sample.focus))),
    frameMs: round(median(samples.map((sample) => sample.frame))),
    samples: samples.map((sample) => round(sample.frame)),
  };
}

export async function measureWidget(progress: (line: string) => void): Promise<WidgetWeight> {
  progress("widget: building dist/ and loading the demo page in Chromium");
  const browser = await buildAndLaunch();
  const stack = await startStack({ port: 0, dataDir: null, ownerPassword: "bench" });
  // The blog on its own origin, porch.js from the stack's, as on a real site.
  const blog = await startDemoSite({ scriptUrl: `${stack.url}porch.js`, endpoint: stack.socketUrl });
  try {
    const files: WidgetWeight["files"] = [];
    let phase: Phase = "load";
    const collect = (page: Page) =>
      page.on("response", async (response) => {
        const path = new URL(response.url()).pathname;
        const type = response.request().resourceType();
        if (!["script", "stylesheet"].includes(type) || !/^\/(porch|inbox)/.test(path)) return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        files.push({ path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, phase });
      });
    const page = collect(await browser.newPage());
    await page.goto(blog.url, { waitUntil: "networkidle" });
    await page.waitForTimeout(idleMs);
    phase = "intent";
    await launcher(page).hover();
    await page.waitForFunction(() => customElements.get("porch-visitor-chat") !== undefined);
    await page.waitForLoadState("networkidle");
    phase = "open";
    await launcher(page).click();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    await page.close();
    // The same intent on a German page: the language's catalogue comes with the chat.
    const german = collect(await browser.newPage());
    const englishCount = files.length;
    phase = "intent";
    // A page whose <html lang> says German by the time porch.js (a module, run once the page is parsed) reads it.
    await german.addInitScript(() =>
      document.addEventListener("readystatechange", () => document.readyState === "interactive" && (document.documentElement.lang = "de")),
    );
    await german.goto(blog.url, { waitUntil: "networkidle" });
    await launcher(german).hover();
    await german.waitForFunction(() => customElements.get("porch-visitor-chat") !== undefined);
    await german.waitForLoadState("networkidle");
    await german.close();
    const germanFiles = files.splice(englishCount);
    const inbox = collect(await browser.newPage());
    const before = files.length;
    await inbox.goto(`${stack.url}inbox.html`, { waitUntil: "networkidle" });
    const inboxFiles = files.splice(before);
    const sum = (list: WidgetWeight["files"]) => list.reduce((total, file) => total + file.gzipBytes, 0);

    progress(`widget: click to a usable panel at ${cpuThrottling}× CPU throttling, ${runs} times cold and ${runs} times preloaded`);
    const cold = await opening(browser, blog.url, false);
    const preloaded = await opening(browser, blog.url, true);
    return {
      files,
      beforeIntentGzipBytes: sum(files.filter((file) => file.phase === "load")),
      afterIntentGzipBytes: sum(files.filter((file) => file.phase !== "open")),
      germanFiles,
      germanAfterIntentGzipBytes: sum(germanFiles),
      totalGzipBytes: sum(files),
      idleMs,
      inboxGzipBytes: sum(inboxFiles),
      opening: { cpuThrottling, cold, preloaded },
    };
  } finally {
    await browser.close();
    await blog.close();
    await stack.close();
  }
}
