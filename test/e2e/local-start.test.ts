/**
 * `npm start` (backend/local/main.ts) as a person runs it: a second one on the same data dir
 * stops with a sentence naming the first, and a data dir left locked by a killed run is taken over.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts main.ts on `dataDir` and `port` (the demo blog on a free port). */
function start(dataDir: string, port: number): Run {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "backend/local/main.ts")], {
    cwd: repoRoot,
    env: { ...process.env, PORCH_PORT: String(port), PORCH_DEMO_PORT: "0", PORCH_DATA_DIR: dataDir, PORCH_OWNER_PASSWORD: "start-test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout.on("data", (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

async function running(run: Run): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!run.stdout.includes("Porch is running")) {
    if (run.child.exitCode !== null) throw new Error(`it exited (${run.child.exitCode}): ${run.stdout}${run.stderr}`);
    if (Date.now() > deadline) throw new Error(`not running after 30 s: ${run.stdout}${run.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start on a data dir", () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "porch-start-"));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a second one on the same data dir stops with a message naming the first", { timeout: 60_000 }, async () => {
    const first = start(dataDir, 0);
    try {
      await running(first);
      const second = start(dataDir, 0);
      assert.equal(await second.exited, 1);
      assert.match(
        second.stderr,
        new RegExp(
          `data dir ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another Porch \\(process ${first.child.pid}, started `,
        ),
      );
      assert.match(second.stderr, /set PORCH_DATA_DIR to another folder/);
      assert.doesNotMatch(second.stderr, /^\s+at /m, "it printed a stack trace");
      assert.doesNotMatch(second.stdout, /Porch is running/);
    } finally {
      first.child.kill("SIGTERM");
      assert.equal(await first.exited, 0);
    }
    // A clean stop gives the folder back.
    await assert.rejects(readFile(join(dataDir, "porch.lock")), { code: "ENOENT" });
  });

  it("takes over a lock left by a process that is gone", { timeout: 60_000 }, async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(join(dataDir, "porch.lock"), JSON.stringify({ pid: gone.pid, startedAt: "2020-01-01T00:00:00.000Z" }));
    const run = start(dataDir, 0);
    try {
      await running(run);
      const lock = JSON.parse(await readFile(join(dataDir, "porch.lock"), "utf8")) as { pid: number };
      assert.equal(lock.pid, run.child.pid);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });
});
