// npm run build: bundles the visitor widget and the owner's inbox, so visitors never download the
// inbox, enforces the widget's size budgets, and writes the Custom Elements Manifest
// (custom-elements.json, see custom-elements-manifest.config.mjs).
//
// The widget is two files: dist/porch.js, the loader every page view downloads (the launcher, no
// framework: widget/porch.ts), and dist/porch-<hash>.js, the chat it loads on the first sign of
// intent (widget/chat/porch-visitor-chat.ts: Lit, the panel, the session). The chunk is bundled
// first, on its own, so it imports nothing from porch.js (an older porch.js may load a newer chunk
// after a deploy, docs/widget.md); its name, from its content, is then baked into porch.js.
// Each language but English (built into the chat) is a chunk of its own, porch-<hash>-<locale>.js,
// which porch.js fetches beside the chat for the language it chose (bundleCatalogues).
// PORCH_ENDPOINT=wss://… bakes the backend endpoint in (a data-endpoint attribute still wins).
import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, rm, readdir, readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { cli as analyzeElements } from "@custom-elements-manifest/analyzer/cli.js";
import esbuild, { minify } from "rollup-plugin-esbuild";
import { minifyTemplates } from "./minify-templates.mjs";

/** Gzip bytes of porch.js, the script every page view downloads before the visitor shows intent. */
export const loaderBudgetBytes = 3 * 1024;
/**
 * Gzip bytes of what a visitor downloads when they show intent: porch.js and the chat's chunk with
 * every chunk it imports statically. The goal is 18 KB; the build holds the widget to 23.5 KB, so
 * it cannot grow unnoticed: Lit alone is 6.4 KB of it and the chat's own code 13 KB
 * (docs/benchmarks.md, "Widget weight", measures each part). A feature the chat loads with
 * `import()` on first use is a chunk of its own, listed apart and not counted here.
 */
export const widgetBudgetBytes = 23.5 * 1024;
export const widgetGoalBytes = 18 * 1024;
/** Gzip bytes of one language's catalogue, fetched with the chat on intent (issue 26). */
export const catalogueBudgetBytes = 1.5 * 1024;

async function bundle({ input, name, fileName }, define) {
  const build = await rollup({
    input,
    // A chunk loaded on first use imports what it shares from the entry's chunk, which exports it:
    // no facade chunk in front of the entry (one file still loads on intent).
    preserveEntrySignatures: "allow-extension",
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: "es2022", tsconfig: "tsconfig.json", define }),
      minifyTemplates(),
      minify({ target: "es2022", legalComments: "none", sourceMap: false }),
    ],
  });
  const { output } = await build.write({
    dir: "dist",
    format: "es",
    entryFileNames: fileName,
    chunkFileNames: `${name}-[hash].js`,
    hashCharacters: "hex",
  });
  await build.close();
  const files = [];
  for (const chunk of output) {
    const bytes = await readFile(`dist/${chunk.fileName}`);
    files.push({
      file: chunk.fileName,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      entry: chunk.isEntry,
      imports: chunk.imports ?? [],
      module: chunk.facadeModuleId ? chunk.facadeModuleId.slice(process.cwd().length + 1) : undefined,
    });
  }
  return files;
}

/**
 * Every language's catalogue (widget/chat/locales/, English aside: it is the chat's own), one
 * chunk each, named `porch-<hash>-<locale>.js` with one hash over them all: porch.js carries that
 * one prefix, not a name per language, and a change to any catalogue renames them all.
 */
async function bundleCatalogues() {
  const locales = (await readdir("widget/chat/locales")).filter((file) => file.endsWith(".ts")).map((file) => file.slice(0, -3));
  const build = await rollup({
    input: Object.fromEntries(locales.map((locale) => [locale, `widget/chat/locales/${locale}.ts`])),
    // UTF-8 as written, not \u escapes: a module script is always read as UTF-8, and Arabic or
    // Japanese escaped would take twice the bytes.
    plugins: [
      // A language's words for a sent message's states come from widget/shared/locales/, shared with the inbox.
      nodeResolve({ browser: true }),
      esbuild({ target: "es2022", tsconfig: "tsconfig.json" }),
      minify({ target: "es2022", legalComments: "none", sourceMap: false, charset: "utf8" }),
    ],
  });
  const { output } = await build.generate({ format: "es", entryFileNames: "[name].js" });
  await build.close();
  // Data only: a chunk shared between catalogues would be a request more on intent.
  if (output.length !== locales.length) throw new Error(`each catalogue must be one chunk: ${output.map((c) => c.fileName).join(", ")}`);
  const hash = createHash("sha256");
  for (const chunk of output) hash.update(chunk.fileName).update(chunk.code);
  const prefix = `porch-${hash.digest("hex").slice(0, 8)}-`;
  await mkdir("dist", { recursive: true });
  const files = [];
  for (const chunk of output) {
    const file = prefix + chunk.fileName;
    await writeFile(`dist/${file}`, chunk.code);
    const bytes = Buffer.from(chunk.code);
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, locale: chunk.name });
  }
  return { prefix, files };
}

/**
 * Splits a bundle's chunks into what loads with its entry (the entry and every chunk it imports
 * statically, transitively) and what loads on first use (chunks reached only by `import()`: a
 * feature's code, which the visitor downloads when they use it, not when they open the chat).
 */
function byPhase(files) {
  const withEntry = new Set();
  const visit = (file) => {
    if (withEntry.has(file)) return;
    withEntry.add(file);
    for (const imported of files.find((f) => f.file === file)?.imports ?? []) visit(imported);
  };
  for (const entry of files.filter((f) => f.entry)) visit(entry.file);
  return { onLoad: files.filter((f) => withEntry.has(f.file)), onFirstUse: files.filter((f) => !withEntry.has(f.file)) };
}

const sum = (files) => files.reduce((total, f) => ({ raw: total.raw + f.raw, gzip: total.gzip + f.gzip }), { raw: 0, gzip: 0 });

/**
 * The owner's page, its stylesheet and icon, its web app manifest, and the app's icons (all of
 * demo/icons/; `npm run icons` makes the PNGs), from demo/ (infra/hosting.ts lists them as
 * stable files).
 */
const inboxPages = ["inbox.html", "inbox.css", "favicon.svg", "inbox.webmanifest"];

/**
 * The inbox's service worker: a classic script (module workers are not in every browser that
 * has Web Push), one file under a stable name that browsers re-check (infra/hosting.ts).
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

/**
 * Builds every file. `widget` is what a visitor can download: `loader` (porch.js) and `chunks`
 * (the chat), held to their budgets; `inbox` is what the owner downloads.
 */
export async function build({ endpoint = process.env.PORCH_ENDPOINT ?? "", quiet = false } = {}) {
  await rm("dist", { recursive: true, force: true });
  const baked = { __PORCH_ENDPOINT__: JSON.stringify(endpoint) };
  // The chat fetches its language's catalogue for the parts loaded on first use: it names them too.
  const catalogues = await bundleCatalogues();
  const locales = { __PORCH_LOCALES__: JSON.stringify(`./${catalogues.prefix}`) };
  const [chunks, inboxFiles] = await Promise.all([
    bundle({ input: "widget/chat/porch-visitor-chat.ts", name: "porch", fileName: "porch-[hash].js" }, { ...baked, ...locales }),
    bundle({ input: "widget/inbox.ts", name: "inbox", fileName: "inbox.js" }, baked),
  ]);
  const chat = chunks.find((file) => file.entry);
  const loaderFiles = await bundle(
    { input: "widget/porch.ts", name: "porch", fileName: "porch.js" },
    { ...baked, ...locales, __PORCH_CHUNK__: JSON.stringify(`./${chat.file}`) },
  );
  const [loader] = loaderFiles;
  if (loaderFiles.length !== 1) throw new Error(`porch.js must be one file: ${loaderFiles.map((f) => f.file).join(", ")}`);
  // The inbox page is hosted next to porch.js when deployed; it finds the endpoint baked into inbox.js.
  await bundleServiceWorker();
  for (const page of inboxPages) await copyFile(`demo/${page}`, `dist/${page}`);
  await cp("demo/icons", "dist/icons", { recursive: true });
  const { onLoad, onFirstUse } = byPhase(chunks);
  const widget = { loader, chunks, onFirstUse, catalogues: catalogues.files, files: [loader, ...chunks], total: sum([loader, ...onLoad]) };
  // The inbox's languages are chunks of their own (widget/inbox/catalogues.ts): the owner loads one.
  const inboxPhases = byPhase(inboxFiles);
  const languages = inboxPhases.onFirstUse.filter((f) => f.module?.startsWith("widget/inbox/locales/"));
  const largestLanguage = languages.reduce((largest, f) => (f.gzip > largest.gzip ? f : largest), { raw: 0, gzip: 0 });
  const inbox = {
    files: inboxFiles,
    onFirstUse: inboxPhases.onFirstUse,
    total: sum(inboxPhases.onLoad),
    withLanguage: sum([...inboxPhases.onLoad, largestLanguage]),
  };
  if (!quiet) {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(10);
    const firstUse = new Set([...widget.onFirstUse, ...inbox.onFirstUse]);
    for (const f of [...widget.files, ...inbox.files]) {
      console.log(
        `${f.file.padEnd(24)}${kb(f.raw)} raw${kb(f.gzip)} gzip${firstUse.has(f) ? `  (${f.module?.startsWith("widget/inbox/locales/") ? "a language, as the inbox starts" : "on first use"}: ${f.module ?? "shared code"})` : ""}`,
      );
    }
    for (const f of widget.catalogues) {
      console.log(
        `${f.file.padEnd(24)}${kb(f.raw)} raw${kb(f.gzip)} gzip  (language: ${f.locale}, ${f.locale.endsWith(".first-use") ? "with the first part loaded on first use" : "with the chat"}; budget ${kb(catalogueBudgetBytes).trim()})`,
      );
    }
    console.log(
      `${"porch.js (loader)".padEnd(24)}${kb(loader.raw)} raw${kb(loader.gzip)} gzip  (budget ${kb(loaderBudgetBytes).trim()}: before any intent)`,
    );
    console.log(
      `${"widget total".padEnd(24)}${kb(widget.total.raw)} raw${kb(widget.total.gzip)} gzip  (budget ${kb(widgetBudgetBytes).trim()}, goal ${kb(widgetGoalBytes).trim()}: porch.js and the chat, on intent)`,
    );
    console.log(`${"inbox.js total".padEnd(24)}${kb(inbox.total.raw)} raw${kb(inbox.total.gzip)} gzip  (the owner's page only)`);
    console.log(
      `${"inbox.js + a language".padEnd(24)}${kb(inbox.withLanguage.raw)} raw${kb(inbox.withLanguage.gzip)} gzip  (with the largest catalogue, fetched as it starts)`,
    );
  }
  return { widget, inbox };
}

/** What is over its budget, in words; empty when both hold. */
export function overBudget({ widget }) {
  return [
    widget.loader.gzip > loaderBudgetBytes && `porch.js is over its budget: ${widget.loader.gzip} > ${loaderBudgetBytes} bytes gzip`,
    widget.total.gzip > widgetBudgetBytes &&
      `the widget (porch.js and the chat it loads on intent) is over its budget: ${widget.total.gzip} > ${widgetBudgetBytes} bytes gzip`,
    ...widget.catalogues.map(
      (f) =>
        f.gzip > catalogueBudgetBytes && `the ${f.locale} catalogue is over its budget: ${f.gzip} > ${catalogueBudgetBytes} bytes gzip`,
    ),
  ].filter(Boolean);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [built] = await Promise.all([build(), analyzeElements({ argv: ["analyze"] })]);
  console.log(`${"custom-elements.json".padEnd(24)}the public elements' manifest`);
  const problems = overBudget(built);
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exit(1);
}
