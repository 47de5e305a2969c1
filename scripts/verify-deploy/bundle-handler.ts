/**
 * Builds one Lambda handler the way SST 4 does for a Node runtime: esbuild, one ESM `.mjs`
 * file, platform node, syntax target by runtime, every dependency bundled (the AWS SDK too),
 * and a banner giving ESM code the `require` / `__dirname` that bundled CommonJS expects.
 * The mock deploy (step 2) and the smoke test (step 3) both use it, so the code that is
 * checked against the resource graph is the code that answers the smoke test.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

/** Syntax level of each Lambda Node runtime, as SST maps it. */
export const esTargetByRuntime: Record<string, string> = {
  "nodejs20.x": "es2022",
  "nodejs22.x": "es2023",
  "nodejs24.x": "es2024",
};

const banner = [
  `import { createRequire as topLevelCreateRequire } from "module";`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath } from "url";`,
  `import { dirname as topLevelDirname } from "path";`,
  `const __filename = topLevelFileUrlToPath(import.meta.url);`,
  `const __dirname = topLevelDirname(__filename);`,
].join("\n");

const sourceExtensions = [".ts", ".mts", ".tsx", ".js", ".mjs"];

export interface HandlerBundle {
  /** `path/file.export` as Lambda's `handler` setting, relative to `outDir`. */
  handler: string;
  outDir: string;
  /** Absolute path of the bundled `.mjs`. */
  file: string;
  exportName: string;
  /** What the bundle exports: the handler export must be among them. */
  exports: string[];
  /** Modules left to the Lambda runtime (`nodejs.esbuild.external`). */
  external: string[];
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
  external?: string[];
}): Promise<HandlerBundle> {
  const dot = args.handler.lastIndexOf(".");
  const modulePath = args.handler.slice(0, dot);
  const exportName = args.handler.slice(dot + 1);
  const file = path.join(args.outDir, `${modulePath}.mjs`);
  const result: HandlerBundle = {
    handler: args.handler,
    outDir: args.outDir,
    file,
    exportName,
    exports: [],
    external: args.external ?? [],
    errors: [],
  };

  const target = esTargetByRuntime[args.runtime];
  if (!target) {
    result.errors.push(`unsupported runtime "${args.runtime}" for ${args.handler}`);
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
      bundle: true,
      format: "esm",
      platform: "node",
      target,
      mainFields: ["module", "main"],
      // SST's `nodejs.minify` is on by default.
      minify: true,
      external: result.external,
      banner: { js: banner },
      sourcemap: "linked",
      metafile: true,
      logLevel: "silent",
    });
    const output = Object.entries(built.metafile.outputs).find(
      ([outPath]) => path.resolve(args.root, outPath) === file,
    );
    result.exports = output?.[1].exports ?? [];
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[]; message: string };
    result.errors.push(
      ...(failure.errors?.map((message) => formatMessage(message)) ?? [failure.message]),
    );
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
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column}: `
    : "";
  return `${where}${message.text}`;
}
