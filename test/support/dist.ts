import { execFileSync } from "node:child_process";
import { repoRoot } from "#backend/local/stack.ts";

/**
 * Builds dist/ as `npm run build` does, unless this test run already has: `npm test` builds it
 * once and says so in PORCH_TEST_DIST_BUILT, because its files run side by side and a build
 * empties dist/ first, under the pages another file's stack is serving.
 */
export function buildDist(): void {
  if (process.env.PORCH_TEST_DIST_BUILT === "1") return;
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "ignore" });
}
