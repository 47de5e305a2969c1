/**
 * The StaticSite checks that its build output exists while the program runs, but under mocks
 * its build command does not run. When there is no complete widget build yet (`dist/` with every
 * stable file), this runs the real one, so the files and cache rules checked are those a deploy
 * would upload.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stableFiles } from "#infra/hosting.ts";

export async function ensureSiteOutput(root: string): Promise<{ built: boolean }> {
  if (stableFiles.every((file) => existsSync(path.join(root, "dist", file)))) return { built: false };
  const { build } = (await import(pathToFileURL(path.join(root, "scripts", "build.mjs")).href)) as {
    build: (options: { quiet: boolean }) => Promise<unknown>;
  };
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await build({ quiet: true });
  } finally {
    process.chdir(cwd);
  }
  return { built: true };
}
