/**
 * SST's platform (its components' source and the Pulumi providers) in `.sst/platform/`, as
 * `sst install` unpacks it. Installing downloads ≈ 300 MB of npm packages, so it is skipped
 * when the platform matches the pinned `sst` and the `app()` part of sst.config.ts (where the
 * providers are listed) has not changed since.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PlatformStatus {
  version: string;
  installed: boolean;
}

export async function ensurePlatform(root: string): Promise<PlatformStatus> {
  const version = pinnedSstVersion(root);
  const platform = path.join(root, ".sst", "platform");
  const stampFile = path.join(root, ".sst", "verify-deploy.stamp");
  const stamp = `${version} ${appSectionHash(root)}`;
  const current =
    existsSync(path.join(platform, "config.d.ts")) &&
    readIfExists(path.join(platform, "version")).trim() === version &&
    readIfExists(stampFile) === stamp;
  if (current) return { version, installed: false };

  const home = path.join(root, ".sst", "home");
  mkdirSync(home, { recursive: true });
  try {
    await run(path.join(root, "node_modules", ".bin", "sst"), ["install", "--stage", "verify"], {
      cwd: root,
      env: {
        ...process.env,
        // Keep ~/.config/sst out of the user's home; skip the Pulumi and Bun downloads.
        HOME: home,
        SST_SKIP_DEPENDENCY_CHECK: "1",
        SST_NO_BUN: "1",
        SST_TELEMETRY_DISABLED: "1",
      },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`\`sst install\` failed:\n${failure.stdout ?? ""}${failure.stderr ?? failure.message}`, { cause: error });
  }
  writeFileSync(stampFile, stamp);
  return { version, installed: true };
}

/** `sst` must be pinned exactly: the mock deploy relies on its internals. */
function pinnedSstVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const version: string | undefined = manifest.devDependencies?.sst ?? manifest.dependencies?.sst;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`package.json must pin sst to an exact version (found ${JSON.stringify(version)})`);
  }
  return version;
}

function appSectionHash(root: string): string {
  const config = readFileSync(path.join(root, "sst.config.ts"), "utf8");
  const appSection = config.slice(0, config.indexOf("async run("));
  return createHash("sha256").update(appSection).digest("hex").slice(0, 16);
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Step 1's check: sst.config.ts against SST's own types (tsconfig.sst.json). */
export async function typecheckConfig(root: string): Promise<string[]> {
  try {
    await run(path.join(root, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.sst.json"], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return [];
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    const output = `${failure.stdout ?? ""}${failure.stderr ?? ""}`.trim() || failure.message;
    return output.split("\n").filter((line) => line.trim() !== "");
  }
}
