// npm run build: bundles the visitor widget (widget/porch.ts → dist/porch.js) and the owner's inbox
// (widget/inbox.ts → dist/inbox.js) as two self-contained files, so visitors never download the
// inbox, enforces porch.js's size budget, and writes the Custom Elements Manifest
// (custom-elements.json, see custom-elements-manifest.config.mjs).
// PORCH_ENDPOINT=wss://… bakes the backend endpoint in (a data-endpoint attribute still wins).
import { copyFile, cp, rm, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { cli as analyzeElements } from "@custom-elements-manifest/analyzer/cli.js";
import esbuild, { minify } from "rollup-plugin-esbuild";
import { minifyTemplates } from "./minify-templates.mjs";

/**
 * Gzip bytes of everything a visitor downloads for the widget. 21 KB while presence, typing, seen,
 * the email offer and the rest of this round are in one file; splitting porch.js into a small
 * loader and a chunk loaded on intent brings the budgets back down (docs/benchmarks.md).
 */
export const budgetBytes = 21 * 1024;
const goalBytes = 15 * 1024;

const entries = [
  { input: "widget/porch.ts", name: "porch" },
  { input: "widget/inbox.ts", name: "inbox" },
];

async function bundle({ input, name }, endpoint) {
  const build = await rollup({
    input,
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: "es2022", tsconfig: "tsconfig.json", define: { __PORCH_ENDPOINT__: JSON.stringify(endpoint) } }),
      minifyTemplates(),
      minify({ target: "es2022", legalComments: "none", sourceMap: false }),
    ],
  });
  const { output } = await build.write({
    dir: "dist",
    format: "es",
    entryFileNames: `${name}.js`,
    chunkFileNames: `${name}-[hash].js`,
  });
  await build.close();
  const files = [];
  for (const chunk of output) {
    const bytes = await readFile(`dist/${chunk.fileName}`);
    files.push({ file: chunk.fileName, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const total = files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { name, files, total };
}

/**
 * The owner's page, its stylesheet and icon, its web app manifest, and the app's icons (all of
 * demo/icons/; `npm run icons` makes the PNGs), from demo/ (widget/hosting.ts lists them as
 * stable files).
 */
const inboxPages = ["inbox.html", "inbox.css", "favicon.svg", "inbox.webmanifest"];

/**
 * The inbox's service worker: a classic script (module workers are not in every browser that
 * has Web Push), one file under a stable name that browsers re-check (widget/hosting.ts).
 */
async function bundleServiceWorker() {
  const build = await rollup({
    input: "widget/inbox-sw.ts",
    plugins: [
      esbuild({ target: "es2022", tsconfig: "tsconfig.json" }),
      minify({ target: "es2022", legalComments: "none", sourceMap: false }),
    ],
  });
  await build.write({ file: "dist/inbox-sw.js", format: "iife" });
  await build.close();
}

/** Builds every entry; `widget` is what a visitor downloads (held to the budget), `inbox` what the owner does. */
export async function build({ endpoint = process.env.PORCH_ENDPOINT ?? "", quiet = false } = {}) {
  await rm("dist", { recursive: true, force: true });
  const [widget, inbox] = await Promise.all(entries.map((entry) => bundle(entry, endpoint)));
  await bundleServiceWorker();
  // The inbox page is hosted next to porch.js when deployed; it finds the endpoint baked into inbox.js.
  for (const page of inboxPages) await copyFile(`demo/${page}`, `dist/${page}`);
  await cp("demo/icons", "dist/icons", { recursive: true });
  if (!quiet) {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(10);
    for (const { files } of [widget, inbox]) {
      for (const f of files) console.log(`${f.file.padEnd(24)}${kb(f.raw)} raw${kb(f.gzip)} gzip`);
    }
    console.log(
      `${"porch.js total".padEnd(24)}${kb(widget.total.raw)} raw${kb(widget.total.gzip)} gzip  (budget ${kb(budgetBytes).trim()}, goal ${kb(goalBytes).trim()})`,
    );
    console.log(`${"inbox.js total".padEnd(24)}${kb(inbox.total.raw)} raw${kb(inbox.total.gzip)} gzip  (the owner's page only)`);
  }
  return { widget, inbox, files: widget.files, total: widget.total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [{ total }] = await Promise.all([build(), analyzeElements({ argv: ["analyze"] })]);
  console.log(`${"custom-elements.json".padEnd(24)}the public elements' manifest`);
  if (total.gzip > budgetBytes) {
    console.error(`porch.js is over its size budget: ${total.gzip} > ${budgetBytes} bytes gzip`);
    process.exit(1);
  }
}
