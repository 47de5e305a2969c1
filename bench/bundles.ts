/**
 * Cold start: each deployable handler bundled as `sst deploy` bundles it (the options of SST's
 * bundler, reproduced by scripts/verify-deploy/bundle-handler.ts, with the `nodejs` settings
 * sst.config.ts gives every function), its size, and its module load time in a fresh `node`
 * process; then the first frames a fresh instance of the deployed `message` bundle serves on the
 * local stack, end to end.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { lambdaNodejs, lambdaRuntime } from "#backend/handlers/bundling.ts";
import { jobsFunction, notifyFunction, routes, unsubscribeFunction } from "#backend/handlers/routes.ts";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { LambdaHandler } from "#backend/local/lambda-invoke.ts";
import { repoRoot, startStack } from "#backend/local/stack.ts";
import { bundleHandler } from "#scripts/verify-deploy/bundle-handler.ts";
import { LoadClient, openOwner } from "#test/support/load-client.ts";
import type { RequestFrame } from "#test/support/protocol-client.ts";

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

/** Milliseconds from a frame's sending to its reply, on a connection the client already opened. */
export interface FirstFrames {
  /** The first frame a fresh instance serves: a visitor's `hello` (the module's load and its first requests included). */
  firstHelloMs: number;
  /** That visitor's first `send` on the same instance, right after. */
  firstSendMs: number;
  /** The same two frames from another visitor once the instance is warm. */
  warmHelloMs: number;
  warmSendMs: number;
  /** Fresh instances measured (the median of each figure is given). */
  instances: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
};

/**
 * The deployed `message` bundle on the local stack: each round imports a fresh instance of it
 * (a new module URL: its SDK clients, connections and caches start empty, as in a new Lambda
 * container), then a visitor's `hello` and `send` are timed from the client, then another
 * visitor's on the now warm instance. The gateway, the other functions and dynalite stay up.
 */
export async function measureFirstFrames(messageBundle: string, instances = 5): Promise<FirstFrames> {
  // The owner signs in through the source handler first, and stays online: the sends measured
  // are the common case, pushed to the owner (none notifies an away owner).
  let current = (await import("#backend/handlers/message.ts")).handler as LambdaHandler;
  const stack = await startStack({
    port: 0,
    dataDir: null,
    ownerPassword: "bench-owner",
    staticRoots: [],
    handlers: { $default: (event, context, callback) => current(event, context, callback) },
  });
  const rounds: Omit<FirstFrames, "instances">[] = [];
  try {
    const owner = await openOwner(stack.socketUrl, stack.ownerPassword);
    for (let round = 0; round < instances; round++) {
      // A fresh instance, loaded by its first invocation, as Lambda loads a function's module.
      let loaded: Promise<LambdaHandler> | undefined;
      current = async (event, context, callback) => {
        loaded ??= import(`${pathToFileURL(messageBundle).href}?instance=${randomUUID()}`).then(
          (module: { handler: LambdaHandler }) => module.handler,
        );
        return (await loaded)(event, context, callback);
      };
      const timed = async (client: LoadClient, frame: RequestFrame<"hello" | "send">) => {
        const started = performance.now();
        await client.expectReply(frame);
        return performance.now() - started;
      };
      const frames = async () => {
        const client = await LoadClient.open(stack.socketUrl);
        const visitorId = randomUUID();
        const hello = await timed(client, { action: "hello", visitorId });
        const send = await timed(client, { action: "send", visitorId, id: randomUUID(), text: "Is this in stock?" });
        await client.close();
        return { hello, send };
      };
      const first = await frames();
      const warm = await frames();
      rounds.push({ firstHelloMs: first.hello, firstSendMs: first.send, warmHelloMs: warm.hello, warmSendMs: warm.send });
    }
    await owner.client.close();
  } finally {
    await stack.close();
  }
  return {
    firstHelloMs: median(rounds.map((round) => round.firstHelloMs)),
    firstSendMs: median(rounds.map((round) => round.firstSendMs)),
    warmHelloMs: median(rounds.map((round) => round.warmHelloMs)),
    warmSendMs: median(rounds.map((round) => round.warmSendMs)),
    instances,
  };
}

export async function measureBundles(
  progress: (line: string) => void,
  loads = 7,
): Promise<{ bundles: Bundle[]; firstFrames: FirstFrames }> {
  const outdir = await mkdtemp(join(tmpdir(), "porch-bundles-"));
  const handlers = [...routes.map((route) => route.handler), notifyFunction.handler, jobsFunction.handler, unsubscribeFunction.handler];
  const bundles: Bundle[] = [];
  let messageFile: string | undefined;
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
      if (source === "backend/handlers/message") messageFile = outfile;
    }
    progress("bundles: the first frames of fresh instances of the message bundle, on the local stack");
    const firstFrames = await measureFirstFrames(messageFile!);
    progress(`bundles:   first hello ${firstFrames.firstHelloMs} ms, first send ${firstFrames.firstSendMs} ms`);
    return { bundles, firstFrames };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
