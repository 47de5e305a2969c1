/**
 * Builds one Lambda handler with the esbuild options SST 4.17's bundler uses when it deploys a
 * Node function (the CLI's Go code, pkg/runtime/node/build.go, which the `sst` binary runs):
 * one ESM `.mjs` file, platform node, target `esnext`, `keepNames`, every dependency bundled
 * (the AWS SDK too) except `sharp`, `pg-native`, `nodejs.install` and `nodejs.esbuild.external`,
 * a banner giving ESM code the `require` / `__filename` / `__dirname` that bundled CommonJS
 * expects, minified only when `nodejs.minify` is set (it defaults to false there, whatever the
 * TypeScript doc says), and no source map unless `nodejs.sourcemap` is set.
 * The mock deploy (step 2), the smoke test (step 3) and `npm run bench` all use it, so the code
 * that is checked against the resource graph and measured is the code that answers the smoke
 * test. docs/benchmarks.md describes the result.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

/** The Lambda Node.js runtimes SST 4 deploys. */
export const nodeRuntimes = ["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"] as const;

/** What SST passes as a function's `nodejs` properties (sst.aws.Function's `nodejs` argument). */
export interface NodeBundling {
  minify?: boolean;
  sourcemap?: boolean;
  splitting?: boolean;
  format?: "esm" | "cjs";
  banner?: string;
  install?: string[] | Record<string, string>;
  esbuild?: { external?: string[] };
}

/** SST always leaves these to `npm install` in the function's folder. */
const forceExternal = ["sharp", "pg-native"];

const sstBanner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
];

const sourceExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export interface HandlerBundle {
  /** `path/file.export` as Lambda's `handler` setting, relative to `outDir`. */
  handler: string;
  outDir: string;
  /** Absolute path of the bundled `.mjs`. */
  file: string;
  exportName: string;
  /** What the bundle exports: the handler export must be among them. */
  exports: string[];
  /** The `nodejs` properties it was built with, as SST passed them. */
  nodejs: NodeBundling;
  /** Every module left out of the bundle (SST's own plus `install` and `esbuild.external`). */
  external: string[];
  /** Whether esbuild minified it (whitespace, syntax and identifiers). */
  minified: boolean;
  /** Build failures, in SST's shape: empty when the bundle is usable. */
  errors: string[];
}

/**
 * `handler` is SST's `"backend/handlers/message.handler"`: a module path relative to `root`
 * and, after the last dot, the export Lambda calls.
 */
export async function bundleHandler(args: {
  root: string;
  handler: string;
  runtime: string;
  outDir: string;
  nodejs?: NodeBundling;
}): Promise<HandlerBundle> {
  const nodejs = args.nodejs ?? {};
  const dot = args.handler.lastIndexOf(".");
  const modulePath = args.handler.slice(0, dot);
  const exportName = args.handler.slice(dot + 1);
  // Lambda's handler setting may hold one dot only: SST turns the file name's dots into dashes.
  const outPath = path.posix.join(path.posix.dirname(modulePath), path.posix.basename(modulePath).replaceAll(".", "-"));
  const file = path.join(args.outDir, `${outPath}.mjs`);
  const install = Array.isArray(nodejs.install) ? nodejs.install : Object.keys(nodejs.install ?? {});
  const result: HandlerBundle = {
    handler: `${outPath}.${exportName}`,
    outDir: args.outDir,
    file,
    exportName,
    exports: [],
    nodejs,
    external: [...forceExternal, ...install, ...(nodejs.esbuild?.external ?? [])],
    minified: nodejs.minify === true,
    errors: [],
  };

  if (!(nodeRuntimes as readonly string[]).includes(args.runtime)) {
    result.errors.push(`unsupported runtime "${args.runtime}" for ${args.handler}`);
    return result;
  }
  // What SST would do differently for these is not reproduced here; Porch uses neither.
  if (nodejs.format === "cjs" || nodejs.splitting) {
    result.errors.push(`${args.handler}: nodejs.format "cjs" and nodejs.splitting are not reproduced by verify:deploy`);
    return result;
  }
  const source = sourceExtensions
    .map((extension) => path.join(args.root, modulePath + extension))
    .find((candidate) => existsSync(candidate));
  if (!source) {
    result.errors.push(`handler file not found: ${modulePath}{${sourceExtensions.join(",")}}`);
    return result;
  }

  try {
    const built = await esbuild.build({
      entryPoints: [source],
      outfile: file,
      absWorkingDir: args.root,
      platform: "node",
      external: result.external,
      keepNames: true,
      bundle: true,
      metafile: true,
      format: "esm",
      target: "esnext",
      mainFields: ["module", "main"],
      banner: { js: [...sstBanner, nodejs.banner ?? ""].join("\n") },
      minifyWhitespace: result.minified,
      minifySyntax: result.minified,
      minifyIdentifiers: result.minified,
      sourcemap: nodejs.sourcemap ? "linked" : false,
      logLevel: "silent",
    });
    const output = Object.entries(built.metafile.outputs).find(([outPath]) => path.resolve(args.root, outPath) === file);
    result.exports = output?.[1].exports ?? [];
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[]; message: string };
    result.errors.push(...(failure.errors?.map((message) => formatMessage(message)) ?? [failure.message]));
    return result;
  }
  if (!result.exports.includes(exportName)) {
    result.errors.push(
      `${args.handler}: ${path.relative(args.root, source)} has no export "${exportName}" ` +
        `(it exports: ${result.exports.join(", ") || "nothing"})`,
    );
  }
  return result;
}

function formatMessage(message: esbuild.Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : "";
  return `${where}${message.text}`;
}
