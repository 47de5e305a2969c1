/**
 * The StaticSite checks that its build output exists while the program runs, but under mocks
 * the build command itself does not run. When no widget build is present (`dist/`), this puts
 * a stand-in with the same shape there for the duration of the check: the stable entry
 * `porch.js`, a hashed chunk, and `inbox.html`. A real `dist/` is used as it is.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Marks a stand-in left behind by an interrupted run, so it is never taken for a real build. */
const stubMarker = ".verify-deploy-stand-in";

export function withSiteOutput(root: string): { stubbed: boolean; cleanUp: () => void } {
  const dist = path.join(root, "dist");
  if (existsSync(dist) && !existsSync(path.join(dist, stubMarker))) return { stubbed: false, cleanUp: () => {} };
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(path.join(dist, "chunks"), { recursive: true });
  writeFileSync(path.join(dist, stubMarker), "");
  writeFileSync(path.join(dist, "porch.js"), `import("./chunks/panel-3f9a1c2b.js");\n`);
  writeFileSync(path.join(dist, "chunks", "panel-3f9a1c2b.js"), "export {};\n");
  writeFileSync(path.join(dist, "inbox.html"), "<!doctype html><title>Porch inbox</title>\n");
  return { stubbed: true, cleanUp: () => rmSync(dist, { recursive: true, force: true }) };
}
