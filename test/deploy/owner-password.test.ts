/**
 * `npm run password -- --stage <stage>` (scripts/owner-password.mjs) prints the owner password and
 * nothing else, whichever way `sst shell` hands the stage's resources over.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";

const run = promisify(execFile);
const script = join(repoRoot, "scripts", "owner-password.mjs");
const secret = (value: string) => JSON.stringify({ type: "sst.sst.Secret", value });

/** The script's stdout, stderr and exit code, with only `env` (and PATH) in its environment. */
async function password(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failure = error as { stdout: string; stderr: string; code: number };
    return { stdout: failure.stdout, stderr: failure.stderr, code: failure.code };
  }
}

describe("npm run password", () => {
  it("prints only the password when SST gives it as SST_RESOURCE_OwnerPassword (Linux, macOS)", async () => {
    const result = await password(["--inside-sst-shell"], { SST_RESOURCE_OwnerPassword: secret("correct horse") });
    assert.deepEqual(result, { stdout: "correct horse\n", stderr: "", code: 0 });
  });

  it("prints only the password when SST gives every resource in SST_RESOURCES_JSON (Windows)", async () => {
    const resources = JSON.stringify({
      OwnerPassword: JSON.parse(secret("battery staple")) as unknown,
      App: { name: "porch", stage: "production" },
    });
    const result = await password(["--inside-sst-shell"], { SST_RESOURCES_JSON: resources });
    assert.deepEqual(result, { stdout: "battery staple\n", stderr: "", code: 0 });
  });

  it("says what is wrong, on stderr, when the stage has no password", async () => {
    const result = await password(["--inside-sst-shell"], {});
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /this stage has no OwnerPassword/);
  });

  describe("run as the docs say", () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "porch-password-"));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("runs itself inside `sst shell` with the arguments given", async () => {
      // Stands in for the sst binary (SST_BIN_PATH is how sst's launcher finds it), since the real
      // `sst shell` needs AWS: it records its arguments and, like `sst shell`, runs the command
      // after `--` with the stage's resources in its environment.
      const standIn = join(dir, "sst");
      await writeFile(
        standIn,
        [
          "#!/usr/bin/env node",
          'const { spawnSync } = require("node:child_process");',
          'const args = process.argv.slice(2); const split = args.indexOf("--");',
          `require("node:fs").writeFileSync(${JSON.stringify(join(dir, "args.json"))}, JSON.stringify(args.slice(0, split)));`,
          `const env = { ...process.env, SST_RESOURCE_OwnerPassword: ${JSON.stringify(secret("from the stage"))} };`,
          'const child = spawnSync(args[split + 1], args.slice(split + 2), { stdio: "inherit", env });',
          "process.exit(child.status ?? 1);",
        ].join("\n"),
      );
      await chmod(standIn, 0o755);
      const result = await password(["--stage", "production"], { SST_BIN_PATH: standIn });
      assert.deepEqual(result, { stdout: "from the stage\n", stderr: "", code: 0 });
      assert.deepEqual(JSON.parse(await readFile(join(dir, "args.json"), "utf8")), ["shell", "--stage", "production"]);
    });
  });
});
