// npm run build: bundles widget/porch.ts into dist/porch.js and enforces the size budget.
// PORCH_ENDPOINT=wss://… bakes the backend endpoint in (a data-endpoint attribute still wins).
import { rm, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import esbuild, { minify } from "rollup-plugin-esbuild";
import { minifyTemplates } from "./minify-templates.mjs";

/** Gzip bytes of everything a visitor downloads for the widget. */
export const budgetBytes = 20 * 1024;
const goalBytes = 15 * 1024;

export async function build({ endpoint = process.env.PORCH_ENDPOINT ?? "", quiet = false } = {}) {
  await rm("dist", { recursive: true, force: true });
  const bundle = await rollup({
    input: "widget/porch.ts",
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: "es2022", tsconfig: "tsconfig.json", define: { __PORCH_ENDPOINT__: JSON.stringify(endpoint) } }),
      minifyTemplates(),
      minify({ target: "es2022", legalComments: "none", sourceMap: false }),
    ],
  });
  const { output } = await bundle.write({
    dir: "dist",
    format: "es",
    entryFileNames: "porch.js",
    chunkFileNames: "porch-[hash].js",
  });
  await bundle.close();
  const files = [];
  for (const chunk of output) {
    const bytes = await readFile(`dist/${chunk.fileName}`);
    files.push({ file: chunk.fileName, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const total = files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  if (!quiet) {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(10);
    for (const f of files) console.log(`${f.file.padEnd(24)}${kb(f.raw)} raw${kb(f.gzip)} gzip`);
    console.log(`${"total".padEnd(24)}${kb(total.raw)} raw${kb(total.gzip)} gzip  (budget ${kb(budgetBytes).trim()}, goal ${kb(goalBytes).trim()})`);
  }
  return { files, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { total } = await build();
  if (total.gzip > budgetBytes) {
    console.error(`porch.js is over its size budget: ${total.gzip} > ${budgetBytes} bytes gzip`);
    process.exit(1);
  }
}
