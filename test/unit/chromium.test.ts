/**
 * The README's test command on a newcomer's machine (scripts/find-chromium.mjs, scripts/chromium.mjs):
 * CHROMIUM_PATH, else Chromium or Chrome where each OS installs them, else Chrome wherever
 * chrome-launcher finds it, else a stop at once with one line saying what to install.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";
import { ChromiumNotFoundError, knownBrowserPaths, locateChromium } from "#scripts/find-chromium.mjs";

/** A machine where exactly `installed` can run, and chrome-launcher finds `launcherFinds`. */
const machine = (platform: string, installed: string[], launcherFinds: string[] = [], env: Record<string, string> = {}) => ({
  platform,
  env,
  exists: (file: string) => installed.includes(file),
  installations: () => launcherFinds,
});

describe("finding the browser", () => {
  it("takes CHROMIUM_PATH first", () => {
    const found = locateChromium(machine("linux", ["/usr/bin/chromium", "/opt/mine/chrome"], [], { CHROMIUM_PATH: "/opt/mine/chrome" }));
    assert.equal(found, "/opt/mine/chrome");
  });

  it("finds Chromium or Chrome where Linux, macOS and Windows install them", () => {
    assert.equal(locateChromium(machine("linux", ["/usr/bin/google-chrome-stable"])), "/usr/bin/google-chrome-stable");
    assert.equal(locateChromium(machine("linux", ["/snap/bin/chromium", "/usr/bin/google-chrome"])), "/snap/bin/chromium");
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    assert.equal(locateChromium(machine("darwin", [mac], [], { HOME: "/Users/marta" })), mac);
    const ownApps = "/Users/marta/Applications/Chromium.app/Contents/MacOS/Chromium";
    assert.equal(locateChromium(machine("darwin", [ownApps], [], { HOME: "/Users/marta" })), ownApps);
    const windows = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    assert.equal(locateChromium(machine("win32", [windows], [], { PROGRAMFILES: "C:\\Program Files" })), windows);
    assert.ok(
      knownBrowserPaths("win32", { LOCALAPPDATA: "C:\\Users\\m\\AppData\\Local" }).includes(
        "C:\\Users\\m\\AppData\\Local\\Chromium\\Application\\chrome.exe",
      ),
    );
  });

  it("asks chrome-launcher last, for Chrome installed elsewhere", () => {
    const elsewhere = "/home/marta/chrome-linux/chrome";
    assert.equal(locateChromium(machine("linux", [elsewhere], [elsewhere])), elsewhere);
  });

  it("says in one line what to install when nothing is found, for each platform", () => {
    const hints = { linux: /apt-get install chromium/, darwin: /brew install --cask chromium/, win32: /winget install Google\.Chrome/ };
    for (const [platform, hint] of Object.entries(hints)) {
      assert.throws(
        () => locateChromium(machine(platform, [], ["/not/runnable/chrome"])),
        (error: Error) =>
          error instanceof ChromiumNotFoundError &&
          hint.test(error.message) &&
          /CHROMIUM_PATH/.test(error.message) &&
          !error.message.includes("\n"),
        platform,
      );
    }
  });

  it("refuses a CHROMIUM_PATH that names nothing runnable, rather than looking elsewhere", () => {
    assert.throws(
      () => locateChromium(machine("linux", ["/usr/bin/chromium"], [], { CHROMIUM_PATH: "/nowhere/chrome" })),
      /CHROMIUM_PATH is \/nowhere\/chrome/,
    );
  });

  it("stops whatever imports scripts/chromium.mjs at once, with that one line", () => {
    const startedMs = Date.now();
    const run = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `await import(${JSON.stringify(join(repoRoot, "scripts", "chromium.mjs"))})`],
      {
        env: { PATH: process.env.PATH ?? "", CHROMIUM_PATH: "/nowhere/chrome" },
        encoding: "utf8",
      },
    );
    assert.equal(run.status, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^porch: CHROMIUM_PATH is \/nowhere\/chrome, which is not a browser this user can run: [^\n]+\n$/);
    assert.ok(Date.now() - startedMs < 5000, "it did not stop at once");
  });
});
