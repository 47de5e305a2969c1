import { execFileSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "../../backend/local/stack.ts";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Builds dist/ (porch.js and inbox.js) as `npm run build` does, and launches system Chromium (with `extraArgs`). */
export async function buildAndLaunch(extraArgs: readonly string[] = []): Promise<Browser> {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "ignore" });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/**
 * Collects a page's script errors into `problems`; a failing WebSocket while offline is expected,
 * a 404 favicon too.
 */
export function collectProblems(page: Page, problems: string[]): Page {
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/WebSocket|404/.test(message.text())) problems.push(message.text());
  });
  return page;
}
