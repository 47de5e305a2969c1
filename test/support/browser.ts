import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumFlags, chromiumPath } from "#scripts/chromium.mjs";
import { buildDist } from "./dist.ts";

/** Builds dist/ (porch.js and inbox.js) unless `npm test` has, and launches system Chromium (with `extraArgs`). */
export async function buildAndLaunch(extraArgs: readonly string[] = []): Promise<Browser> {
  buildDist();
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", ...chromiumFlags, ...extraArgs],
  });
}

/**
 * Collects a page's script errors, console errors (a blocked script, a CSP violation, a 404) and
 * failed requests into `problems`; only a failing WebSocket is expected (while offline).
 */
export function collectProblems(page: Page, problems: string[]): Page {
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/WebSocket/.test(message.text())) problems.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return page;
}

/**
 * System Chromium for the enclosing suite (dist/ built first), and the problems its pages logged
 * (`collectProblems(page, problems)`): each test must leave none.
 */
export function useBrowser(): { readonly browser: Browser; readonly problems: string[] } {
  const holder = { problems: [] as string[] } as { browser: Browser; problems: string[] };
  before(async () => {
    holder.browser = await buildAndLaunch();
  });
  afterEach(() => assert.deepEqual(holder.problems.splice(0), [], "the page logged errors"));
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}
