/**
 * `npm run bench`: measures Porch on this machine against the local stack, prints a table and
 * writes bench/results.json. docs/benchmarks.md explains each figure and the targets.
 */
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { lambdaRuntime } from "#backend/handlers/bundling.ts";
import { repoRoot } from "#backend/local/stack.ts";
import { measureAbuse, type AbuseReport } from "./abuse.ts";
import { measureBundles } from "./bundles.ts";
import { measureCosts, type CostReport } from "./costs.ts";
import { measureDeletes, type DeleteTiming } from "./deletes.ts";
import { measureLoad, type LoadReport } from "./load.ts";
import { n, print, printCostTable } from "./table.ts";
import { measureWidget } from "./widget.ts";

process.env.PORCH_LOG_LEVEL = "silent";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const startedMs = Date.now();
const progress = (line: string) => console.log(`[${((Date.now() - startedMs) / 1000).toFixed(0).padStart(3)} s] ${line}`);

const widget = await measureWidget(progress);
const costs: CostReport[] = await measureCosts(progress);
const deletes: DeleteTiming[] = await measureDeletes(progress);
const load: LoadReport = await measureLoad(progress);
const { bundles, firstFrames } = await measureBundles(progress);
const abuse: AbuseReport = await measureAbuse(progress);

// Issue 14's goals (docs/benchmarks.md, "Targets").
const targets = {
  visitorMessageRoundTrips: 3,
  visitorMessageWriteUnits: 4,
  visitorToOwnerP99MsAt200: 25,
  deliveredPerSecond: 400,
  /** Of the bare PutItem floor measured in the same run. */
  deliveredPerFloor: 0.5,
  loaderGzipBytes: 3 * 1024,
  widgetGzipBytes: 18 * 1024,
  openingMs: 100,
  bundleBytes: 300 * 1024,
  bundleLoadMs: 50,
};

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version },
  widget,
  costs,
  deletes,
  load,
  bundles,
  firstFrames,
  abuse,
  targets,
  seconds: Math.round((Date.now() - startedMs) / 1000),
};
await writeFile(join(repoRoot, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);

// ---- the table ----
console.log(
  `\nPorch benchmark, ${results.machine.cpus} cores (${results.machine.cpuModel}), Node ${process.version}, ${results.seconds} s`,
);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const filesOf = (phases: string[]) =>
  widget.files
    .filter((file) => phases.includes(file.phase))
    .map((file) => file.path.replace(/-[0-9a-f]{8}\.js$/, "-<hash>.js"))
    .join(" ");
print(
  "Widget weight (gzip, what the browser downloads for Porch on the demo page)",
  ["moment", "files", "gzip"],
  [
    [`page load and ${widget.idleMs / 1000} s idle, no interaction`, filesOf(["load"]), kb(widget.beforeIntentGzipBytes)],
    ["after intent (the pointer on the launcher)", filesOf(["load", "intent"]), kb(widget.afterIntentGzipBytes)],
    ["after the panel opens (all there is)", filesOf(["load", "intent", "open"]), kb(widget.totalGzipBytes)],
    ["the owner's inbox page", "/inbox.js /inbox.css", kb(widget.inboxGzipBytes)],
  ],
);
const { opening } = widget;
print(
  `Opening: click on the launcher to a usable panel (a focused field that takes text), ${opening.cpuThrottling}× CPU throttling, median of ${opening.cold.samples.length}`,
  ["the chat's chunk", "to focus ms", "to the next frame ms", "each run (to the frame)"],
  [
    ["not loaded (the click is the first intent)", opening.cold.focusMs, opening.cold.frameMs, opening.cold.samples.join(" ")],
    [
      "preloaded by intent (the pointer on the launcher)",
      opening.preloaded.focusMs,
      opening.preloaded.frameMs,
      opening.preloaded.samples.join(" "),
    ],
  ],
);
printCostTable(costs);
const [small, large] = costs as [CostReport, CostReport];
print(
  "Deleting a conversation (the reply comes after a mark and a reset; a job then erases the messages in runs of at most 1,000)",
  ["messages", "reply ms", "all erased s", "job runs", "left"],
  deletes.map((one) => [one.messages.toLocaleString("en"), Math.round(one.answerMs), n(one.sweptMs / 1000), one.sweepRuns, one.left]),
);
print(
  "Latency, ms (send → the other side's push; 1 visitor back to back, more visitors chatting at 50 messages/s in all, each answered by the owner; the stack as `npm start` runs it)",
  ["visitors", "v→o p50", "v→o p95", "v→o p99", "o→v p50", "o→v p95", "o→v p99", "loop delay p99", "max", "messages", "seconds"],
  load.latency.map((level) => [
    level.visitors,
    level.visitorToOwner.p50,
    level.visitorToOwner.p95,
    level.visitorToOwner.p99,
    level.ownerToVisitor.p50,
    level.ownerToVisitor.p95,
    level.ownerToVisitor.p99,
    level.eventLoopDelay.p99,
    level.eventLoopDelay.max,
    `${level.visitorToOwner.count}+${level.ownerToVisitor.count}${level.timedOut ? " (time limit)" : ""}`,
    n(level.seconds),
  ]),
);
const { throughput } = load;
const split = throughput.stackSplit;
print(
  "Throughput at saturation (200 visitors sending back to back, one owner receiving; the stack as `npm start` runs it, its main thread split by a CPU profile)",
  [
    "delivered/s",
    "of the PutItem floor",
    "stack CPU (both threads)",
    "  gateway",
    "  handlers",
    "  runtime+GC",
    "loop delay p99",
    "load gen CPU",
  ],
  [
    [
      throughput.deliveredPerSecond,
      `${n(throughput.deliveredPerSecond / load.floor.dynamoPut.perSecond, 2)} × ${load.floor.dynamoPut.perSecond}/s`,
      `${n(throughput.cpu.stack, 2)} cores`,
      split ? `${Math.round(split.gateway * 100)}%` : "-",
      split ? `${Math.round(split.handlers * 100)}%` : "-",
      split ? `${Math.round((split["node runtime"] + split["garbage collection"]) * 100)}%` : "-",
      `${throughput.eventLoopDelay.p99} ms`,
      `${n(throughput.cpu.loadGenerator, 2)} cores`,
    ],
  ],
);
print(
  `Cold start (bundled like SST for ${lambdaRuntime}: ESM, minified, SDK bundled except runtime-provided modules)`,
  ["handler", "KB", "gzip KB", "load ms (median)"],
  bundles.map((bundle) => [bundle.handler, n(bundle.bytes / 1024), n(bundle.gzipBytes / 1024), bundle.loadMs]),
);
print(
  `First frames of a fresh instance of the deployed message bundle, end to end on the local stack (median of ${firstFrames.instances} instances; ms from sending to the reply)`,
  ["frame", "fresh instance", "warm"],
  [
    ["visitor hello (the instance's first)", firstFrames.firstHelloMs, firstFrames.warmHelloMs],
    ["visitor send (its second)", firstFrames.firstSendMs, firstFrames.warmSendMs],
  ],
);
const { floor } = load;
print(
  "The machine's floor (same loopback, same run)",
  ["round trip", "p50 ms", "p95 ms", "p99 ms", "per second"],
  [
    [
      "bare DynamoDB PutItem (SDK → the stack's dynalite)",
      floor.dynamoPut.p50,
      floor.dynamoPut.p95,
      floor.dynamoPut.p99,
      floor.dynamoPut.perSecond,
    ],
    ["bare WebSocket echo (ws)", floor.webSocketEcho.p50, floor.webSocketEcho.p95, floor.webSocketEcho.p99, "-"],
  ],
);

const visitorSend = large.actions.find((action) => action.action === "visitor send, owner online")!;
const at200 = load.latency.find((level) => level.visitors === 200);
const visitorWriteUnits = (action: (typeof large.actions)[number]) => action.realWriteUnits + action.realIndexWriteUnits;
const costOf = (report: CostReport, name: string) => report.actions.find((action) => action.action === name)!;
// The owner's hello reads one inbox page, which fills up to its size as conversations are added:
// flat means no more requests, and no more read units than the inbox page itself gained.
const helloGrowth = costOf(large, "owner hello").realReadUnits - costOf(small, "owner hello").realReadUnits;
const inboxGrowth = costOf(large, "inbox (owner, one page)").realReadUnits - costOf(small, "inbox (owner, one page)").realReadUnits;
const verdicts: [string, boolean | null, string][] = [
  [
    "≤ 3 sequential round trips per visitor message (10,000 conv.)",
    visitorSend.roundTrips <= targets.visitorMessageRoundTrips,
    n(visitorSend.roundTrips),
  ],
  [
    "≤ 4 real write units per visitor message (computed for DynamoDB)",
    visitorWriteUnits(visitorSend) <= targets.visitorMessageWriteUnits,
    n(visitorWriteUnits(visitorSend)),
  ],
  [
    "owner hello flat in conversations (10 → 10,000: requests; RU but the inbox page's)",
    costOf(large, "owner hello").requests <= costOf(small, "owner hello").requests && helloGrowth <= inboxGrowth,
    `${n(costOf(small, "owner hello").realReadUnits)} → ${n(costOf(large, "owner hello").realReadUnits)} RU`,
  ],
  [
    "flat in conversations (send, hello, list, inbox)",
    ["visitor hello", "visitor send, owner online", "visitor send, owner offline", "owner send", "list (visitor, one page)"].every(
      (name) => {
        const a = small.actions.find((action) => action.action === name)!;
        const b = large.actions.find((action) => action.action === name)!;
        return b.requests <= a.requests && b.writeUnits <= a.writeUnits && b.readUnits <= a.readUnits;
      },
    ),
    "see table",
  ],
  [
    "a delete answers in flat time (20,000 messages within 3× the 100 case + 50 ms)",
    deletes.at(-1)!.answerMs <= deletes[0]!.answerMs * 3 + 50,
    `${Math.round(deletes[0]!.answerMs)} / ${Math.round(deletes.at(-1)!.answerMs)} ms`,
  ],
  [
    "p99 visitor→owner < 25 ms at 50 messages/s from 200 visitors",
    at200 ? at200.visitorToOwner.p99 < targets.visitorToOwnerP99MsAt200 : null,
    at200 ? `${at200.visitorToOwner.p99} ms` : "-",
  ],
  ["≥ 400 delivered messages/s", throughput.deliveredPerSecond >= targets.deliveredPerSecond, `${throughput.deliveredPerSecond}/s`],
  [
    "≤ 3 KB gzip before intent (page load and idle)",
    widget.beforeIntentGzipBytes <= targets.loaderGzipBytes,
    kb(widget.beforeIntentGzipBytes),
  ],
  ["≤ 18 KB gzip in all (loader and chunk)", widget.totalGzipBytes <= targets.widgetGzipBytes, kb(widget.totalGzipBytes)],
  ["click to usable panel < 100 ms at 4× CPU, preloaded", opening.preloaded.frameMs < targets.openingMs, `${opening.preloaded.frameMs} ms`],
  ["click to usable panel < 100 ms at 4× CPU, cold", opening.cold.frameMs < targets.openingMs, `${opening.cold.frameMs} ms`],
  [
    "delivered/s ≥ ½ the bare PutItem floor (same run)",
    throughput.deliveredPerSecond >= targets.deliveredPerFloor * load.floor.dynamoPut.perSecond,
    `${n(throughput.deliveredPerSecond / load.floor.dynamoPut.perSecond, 2)} × ${load.floor.dynamoPut.perSecond}/s`,
  ],
  [
    "handler bundles ≤ 300 KB",
    bundles.every((bundle) => bundle.bytes <= targets.bundleBytes),
    `max ${n(Math.max(...bundles.map((b) => b.bytes)) / 1024)} KB`,
  ],
  [
    "handler bundles load < 50 ms",
    bundles.every((bundle) => bundle.loadMs < targets.bundleLoadMs),
    `max ${Math.max(...bundles.map((b) => b.loadMs))} ms`,
  ],
];
print(
  "Targets",
  ["target", "met", "measured"],
  verdicts.map(([name, met, value]) => [name, met === null ? "n/a" : met ? "yes" : "NO", value]),
);
console.log(`\nWrote bench/results.json`);
console.log("Search at 10,000 conversations and 100,000 messages is measured apart: npm run bench:search (about 4 minutes).");
print(
  `Abuse: one attacker on one address for ${abuse.seconds} s, each at the frame limit (${abuse.framesPerAttacker} frames), while another visitor pings (docs/security.md)`,
  ["what the attacker got", "in a minute", "bound (docs/security.md)"],
  [
    ["conversations opened", abuse.conversationsOpened, "10 per 10 min (20 across a window's end)"],
    ["messages stored", abuse.messagesStored, "20 per conversation a minute"],
    ["wrong passwords checked", abuse.passwordsChecked, "5 per 15 min"],
    ["webhook posts (the owner away)", abuse.webhookPosts, "3 + 1 digest per 10 min"],
  ],
);
print(
  "Another visitor's ping round trip, ms",
  ["while", "p50", "p99", "max", "the flooder"],
  [
    ["the three attackers ran", abuse.visitorRttDuringAttack.p50, abuse.visitorRttDuringAttack.p99, abuse.visitorRttDuringAttack.max, "-"],
    [
      `one socket sent ${abuse.flood.frames.toLocaleString("en")} pings at once`,
      abuse.flood.p50,
      abuse.flood.p99,
      abuse.flood.max,
      abuse.flood.closedByServer ? "closed by the server (1000)" : "NOT closed",
    ],
  ],
);
