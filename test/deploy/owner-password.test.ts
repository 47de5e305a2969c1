/**
 * `npm run password -- --stage <stage>` (scripts/owner-password.mjs) prints the owner password and
 * nothing else, whichever way `sst shell` hands the stage's resources over.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";
import { writeSstStandIn } from "#test/support/sst-stand-in.ts";

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
      const standIn = await writeSstStandIn(dir, { SST_RESOURCE_OwnerPassword: secret("from the stage") });
      const result = await password(["--stage", "production"], { SST_BIN_PATH: standIn.path });
      assert.deepEqual(result, { stdout: "from the stage\n", stderr: "", code: 0 });
      assert.deepEqual(await standIn.args(), ["shell", "--stage", "production"]);
    });
  });
});
