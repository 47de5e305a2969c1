// npm test: builds dist/ once (holding the widget to its size budgets), then runs every test file
// in a process of its own, as many at once as the machine has cores to spare, the element tests
// (web-test-runner, in Chromium) among them, and last, one at a time, the files that measure time
// or load. It prints a line per file as each ends, then the failures in full and a summary; its
// exit code says whether everything passed. docs/contributing.md ("Run the tests") says more.
//
//   node scripts/test.mjs [--concurrency N] [file …]
//
// With files or folders, only their test files (and no element tests); --concurrency is the most
// files at once.
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { elementFileMarker } from "./test-lines.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Files that measure time or load, or whose timers are a few hundred milliseconds: they run after
 * the rest, one at a time, so that what they measure is Porch's and not the other files'.
 */
const runAlone = {
  "test/backend/abuse.test.ts": "floods, and another visitor's round trips measured during one",
  "test/backend/deletes.test.ts": "how fast deletes of 100 and of 2,000 messages answer, compared",
  "test/backend/gateway.test.ts": "idle and lifetime limits, and a stage throttle, of 100 to 300 ms",
  "test/backend/load.test.ts": "the load test",
  "test/backend/notifications-hostile.test.ts": "40 conversations at once",
  "test/backend/unread-total.test.ts": "30 visitors writing at once",
  "test/e2e/catch-up.test.ts": "a tab catching up within 2.5 s, before its next ping",
};

/** Each file's time in the last run, to start the longest first (node_modules/.cache: never committed). */
const timesFile = join(repoRoot, "node_modules/.cache/porch-test-times.json");

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { concurrency: { type: "string" } } });
/** The suites mostly wait (on sockets, queues, Chromium): one more file than there are cores keeps them busy. */
const maxAtOnce = Number(options.concurrency ?? availableParallelism() + 1);
const everything = positionals.length === 0;
const startedMs = performance.now();
const results = [];

/** Runs node with `args`, keeping what it prints; resolves with how it ended and how long it took. */
function runNode(args, { env = process.env, onLine = () => {} } = {}) {
  return new Promise((done) => {
    const begunMs = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let partial = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop();
      lines.forEach(onLine);
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code, signal) => done({ code, signal, output, ms: performance.now() - begunMs }));
  });
}

/** One line per file, as it ends: whether it passed, when, its time, its tests. */
function report({ file, ok, ms, tests, failed, note }) {
  const sinceStartS = Math.round((performance.now() - startedMs) / 1000);
  const clock = `${Math.floor(sinceStartS / 60)}:${String(sinceStartS % 60).padStart(2, "0")}`.padStart(5);
  const time = `${(ms / 1000).toFixed(1)} s`.padStart(7);
  const counts = tests === undefined ? "" : ok ? `${tests} test${tests === 1 ? "" : "s"}` : `${failed} of ${tests} failed`;
  console.log(`${ok ? "✔" : "✖"} ${clock} ${time}  ${file} · ${[counts, note].filter(Boolean).join(", ")}`);
}

/** The counts of the summary node's spec reporter ends with (`ℹ tests 14`, `ℹ pass 14`, …). */
function summaryOf(output) {
  const counts = {};
  for (const [, name, value] of output.matchAll(/^ℹ (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) {
    counts[name] = Number(value);
  }
  return counts;
}

async function runTestFile(file, env) {
  const ended = await runNode(["--import", "tsx", "--test-reporter=spec", "--test-reporter-destination=stdout", file], { env });
  const counts = summaryOf(ended.output);
  const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
  const ok = ended.code === 0 && counts.tests !== undefined && failed === 0;
  const note =
    counts.tests === undefined ? `no summary: it exited with ${ended.signal ?? `code ${ended.code}`}` : runAlone[file] && "alone";
  report({ file, ok, ms: ended.ms, tests: counts.tests, failed, note });
  results.push({ file, kind: "node", ok, ms: ended.ms, counts, output: ended.output });
}

/**
 * The element tests in Chromium: web-test-runner runs their files one at a time, and its reporter
 * for npm test (test-lines.mjs) hands each file's result to this process as a line.
 */
async function runElementTests(env) {
  const files = [];
  const ended = await runNode(["node_modules/.bin/web-test-runner"], {
    env: { ...env, PORCH_TEST_LINES: "1" },
    onLine(line) {
      // (after whatever terminal codes web-test-runner's logger writes first)
      const at = line.indexOf(elementFileMarker);
      if (at === -1) return;
      const file = JSON.parse(line.slice(at + elementFileMarker.length));
      files.push(file);
      report({ ...file, note: "in Chromium" });
    },
  });
  const total = (name) => files.reduce((sum, file) => sum + file[name], 0);
  const counts = { tests: total("tests"), fail: total("failed"), skipped: total("skipped") };
  counts.pass = counts.tests - counts.fail - counts.skipped;
  const ok = ended.code === 0 && files.length > 0 && files.every((file) => file.ok);
  if (files.length === 0) report({ file: "widget/**/*.test.ts", ok, ms: ended.ms, note: "no file ran" });
  results.push({ file: "the element tests", kind: "element", ok, ms: ended.ms, counts, output: ended.output });
}

/** The machine's idle cores over the last few seconds, from every core's time counters. */
class IdleCores {
  #samples = [];
  constructor(windowMs) {
    this.windowMs = windowMs;
    this.sample();
  }

  sample() {
    let idle = 0;
    let total = 0;
    for (const { times } of cpus()) {
      idle += times.idle;
      total += times.user + times.nice + times.sys + times.idle + times.irq;
    }
    const atMs = performance.now();
    this.#samples.push({ atMs, idle, total });
    while (this.#samples.length > 2 && this.#samples[1].atMs <= atMs - this.windowMs) this.#samples.shift();
  }

  get count() {
    const [first, last] = [this.#samples[0], this.#samples.at(-1)];
    const total = last.total - first.total;
    return total > 0 ? ((last.idle - first.idle) / total) * cpus().length : cpus().length;
  }
}

/**
 * Runs `tasks` (functions returning promises) in order, at most `max` at once: one more only while
 * three quarters of a core has been idle for the last few seconds, since the last one started.
 * On a machine busy with other work they run one at a time, as fast as each would alone, so that
 * no test waits for its reply longer than it would there.
 */
async function runSparingly(tasks, max) {
  const windowMs = 3000;
  const idle = new IdleCores(windowMs);
  const running = new Set();
  let lastStartMs = -Infinity;
  while (tasks.length > 0 || running.size > 0) {
    idle.sample();
    const spare = running.size === 0 || (idle.count >= 0.75 && performance.now() - lastStartMs >= windowMs);
    if (tasks.length > 0 && running.size < max && spare) {
      const start = tasks.shift();
      const task = start().finally(() => running.delete(task));
      running.add(task);
      lastStartMs = performance.now();
    } else {
      await Promise.race([...running, sleep(500)]);
    }
  }
}

/** The test files under a folder, or the file itself, relative to the repository. */
async function testFilesAt(path) {
  const at = relative(repoRoot, resolve(path));
  if (!(await stat(path)).isDirectory()) return [at];
  const entries = await readdir(path, { recursive: true });
  return entries.filter((entry) => entry.endsWith(".test.ts")).map((entry) => join(at, entry));
}

async function lastTimes() {
  try {
    return JSON.parse(await readFile(timesFile, "utf8"));
  } catch {
    return {};
  }
}

function printSummary() {
  const failures = results.filter((result) => !result.ok);
  for (const failure of failures) console.log(`\n✖ ${failure.file}, everything it printed:\n\n${failure.output.trimEnd()}`);
  const sum = (kind, name) =>
    results.filter((result) => result.kind === kind).reduce((total, result) => total + (result.counts[name] ?? 0), 0);
  console.log("");
  for (const name of ["tests", "suites", "pass", "fail", "cancelled", "skipped", "todo"]) console.log(`ℹ ${name} ${sum("node", name)}`);
  if (everything) {
    console.log(
      `ℹ element tests ${sum("element", "tests")}: pass ${sum("element", "pass")}, fail ${sum("element", "fail")}, skipped ${sum("element", "skipped")}`,
    );
  }
  const wallS = Math.round((performance.now() - startedMs) / 1000);
  const files = `${results.filter((result) => result.kind === "node").length} files${everything ? " and the element tests" : ""}`;
  const outcome = failures.length ? `${failures.map((failure) => failure.file).join(", ")} failed` : "all passed";
  console.log(`ℹ ${files} in ${Math.floor(wallS / 60)} min ${wallS % 60} s: ${outcome}`);
  return failures.length === 0;
}

// As npm run build: dist/, custom-elements.json and the size budgets. The files then find it built
// (PORCH_TEST_DIST_BUILT) and do not build it again: a build empties dist/ first, under the pages
// the files running beside are serving.
const build = await runNode(["scripts/build.mjs"]);
process.stdout.write(build.output);
if (build.code !== 0) process.exit(1);
const env = { ...process.env, PORCH_TEST_DIST_BUILT: "1" };

const files = (await Promise.all((everything ? [join(repoRoot, "test")] : positionals).map(testFilesAt))).flat();
const times = await lastTimes();
// The longest first, as last time (a file not timed yet counts as long), so that none starts last and ends long after the rest.
const expectedMs = (file) => times[file] ?? 60_000;
const together = files.filter((file) => !runAlone[file]).sort((a, b) => expectedMs(b) - expectedMs(a));
const alone = files.filter((file) => runAlone[file]).sort();
console.log(
  `\n${together.length} test files${everything ? " and the element tests" : ""}, up to ${maxAtOnce} at once, ` +
    `then ${alone.length} alone${alone.length ? `: ${alone.map((file) => file.replace(/^.*\//, "")).join(", ")}` : ""}\n`,
);
const tasks = together.map((file) => () => runTestFile(file, env));
if (everything) tasks.unshift(() => runElementTests(env));
await runSparingly(tasks, maxAtOnce);
for (const file of alone) await runTestFile(file, env);

if (everything) {
  await mkdir(dirname(timesFile), { recursive: true });
  await writeFile(timesFile, JSON.stringify(Object.fromEntries(results.map((result) => [result.file, Math.round(result.ms)])), null, 1));
}
process.exit(printSummary() ? 0 : 1);
