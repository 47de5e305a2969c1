/**
 * A stand-in for the sst binary (SST_BIN_PATH is how sst's launcher finds it), since the real
 * `sst shell` needs AWS: it records its arguments (before `--`) in `args.json` beside it and, like
 * `sst shell`, runs the command after `--` with the stage's resources in its environment.
 */
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface SstStandIn {
  /** Its path: pass it as SST_BIN_PATH. */
  path: string;
  /** The arguments it was last run with, up to `--`. */
  args(): Promise<string[]>;
}

/** Writes the stand-in in `dir`; `resources` are the environment `sst shell` would link (`SST_RESOURCE_…`). */
export async function writeSstStandIn(dir: string, resources: Record<string, string> = {}): Promise<SstStandIn> {
  const path = join(dir, "sst");
  const argsFile = join(dir, "args.json");
  await writeFile(
    path,
    [
      "#!/usr/bin/env node",
      'const { spawnSync } = require("node:child_process");',
      'const args = process.argv.slice(2); const split = args.indexOf("--");',
      `require("node:fs").writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(args.slice(0, split)));`,
      `const env = { ...process.env, ...${JSON.stringify(resources)} };`,
      'const child = spawnSync(args[split + 1], args.slice(split + 2), { stdio: "inherit", env });',
      "process.exit(child.status ?? 1);",
    ].join("\n"),
  );
  await chmod(path, 0o755);
  return { path, args: async () => JSON.parse(await readFile(argsFile, "utf8")) as string[] };
}
