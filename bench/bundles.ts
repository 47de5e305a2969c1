/**
 * Cold start: each deployable handler bundled as `sst deploy` bundles it (the options of SST's
 * bundler, reproduced by scripts/verify-deploy/bundle-handler.ts, with the `nodejs` settings
 * sst.config.ts gives every function), its size, and its module load time in a fresh `node`
 * process.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { lambdaNodejs, lambdaRuntime } from "../backend/handlers/bundling.ts";
import { jobsFunction, notifyFunction, routes, unsubscribeFunction } from "../backend/handlers/routes.ts";
import { repoRoot } from "../backend/local/stack.ts";
import { bundleHandler } from "../scripts/verify-deploy/bundle-handler.ts";

export interface Bundle {
  handler: string;
  bytes: number;
  gzipBytes: number;
  /** Median of `loads` fresh-process `import()` times, in ms. */
  loadMs: number;
  loads: number;
}

const run = promisify(execFile);

async function loadTimeMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, AWS_REGION: "us-east-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  return Number(stdout.trim());
}

export async function measureBundles(progress: (line: string) => void, loads = 7): Promise<Bundle[]> {
  const outdir = await mkdtemp(join(tmpdir(), "porch-bundles-"));
  const handlers = [...routes.map((route) => route.handler), notifyFunction.handler, jobsFunction.handler, unsubscribeFunction.handler];
  const bundles: Bundle[] = [];
  try {
    for (const handler of handlers) {
      const source = handler.slice(0, handler.lastIndexOf("."));
      const built = await bundleHandler({
        root: repoRoot,
        handler,
        runtime: lambdaRuntime,
        outDir: outdir,
        nodejs: lambdaNodejs,
      });
      if (built.errors.length) throw new Error(`could not bundle ${handler}: ${built.errors.join("; ")}`);
      const outfile = built.file;
      const bytes = (await stat(outfile)).size;
      const times: number[] = [];
      for (let n = 0; n < loads; n++) times.push(await loadTimeMs(outfile));
      times.sort((a, b) => a - b);
      const bundle = {
        handler: source,
        bytes,
        gzipBytes: gzipSync(await readFile(outfile)).length,
        loadMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
        loads,
      };
      progress(`bundles: ${source} ${(bytes / 1024).toFixed(0)} KB, loads in ${bundle.loadMs} ms`);
      bundles.push(bundle);
    }
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
  return bundles;
}
