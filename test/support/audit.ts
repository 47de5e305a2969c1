import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "#backend/local/stack.ts";
import type { AuditFindings } from "#widget/test/audit.d.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const auditSource = readFileSync(join(repoRoot, "widget/test/audit.js"), "utf8");

/**
 * Runs the element tests' accessibility audit (widget/test/audit.js, with axe-core) in a page of
 * the end-to-end tests, on the whole document: evaluated through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern.
 */
export async function audit(page: Page): Promise<AuditFindings> {
  await page.evaluate(axeSource);
  await page.evaluate(auditSource);
  return page.evaluate(() => porchAudit(document));
}

/** How the end-to-end tests audit a page: light and dark, on a desktop and a phone, without motion. */
export const looks = (["light", "dark"] as const).flatMap((colorScheme) =>
  [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ].map((viewport) => ({
    name: `${colorScheme}, ${viewport.width}×${viewport.height}`,
    options: { colorScheme, viewport, reducedMotion: "reduce" as const },
  })),
);

/** Every finding of the audit, as one list of sentences headed by the state audited (empty when none). */
export async function findings(page: Page, state: string): Promise<string[]> {
  const { violations, smallTargets, faintParts } = await audit(page);
  return [...violations, ...smallTargets, ...faintParts].map((finding) => `${state}: ${finding}`);
}
