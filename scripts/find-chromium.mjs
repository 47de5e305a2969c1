// Where the browser every browser run here uses is (scripts/chromium.mjs): CHROMIUM_PATH, else
// Chromium or Chrome where Linux, macOS and Windows install them, else Chrome wherever
// chrome-launcher (the test runner's own finder: desktop files, `which`, macOS's app registry)
// finds it. Pure, so its "nothing found" answer is tested (test/unit/chromium.test.ts).
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";

/** What to install, by platform, when no browser is found. */
const installHints = {
  linux: "install Chromium (Debian, Ubuntu: apt-get install chromium; Fedora: dnf install chromium) or Google Chrome",
  darwin: "install Chromium (brew install --cask chromium) or Google Chrome",
  win32: "install Google Chrome (winget install Google.Chrome) or Chromium",
};

/** No browser to run, said in one line: what was looked for and what to do. */
export class ChromiumNotFoundError extends Error {
  name = "ChromiumNotFoundError";
}

/** Where each platform's installers put Chromium and Chrome, Chromium first. */
export function knownBrowserPaths(platform, env) {
  if (platform === "darwin") {
    const apps = ["/Applications", path.join(env.HOME || homedir(), "Applications")];
    return ["Chromium.app/Contents/MacOS/Chromium", "Google Chrome.app/Contents/MacOS/Google Chrome"].flatMap((app) =>
      apps.map((folder) => path.posix.join(folder, app)),
    );
  }
  if (platform === "win32") {
    const folders = [env.LOCALAPPDATA, env.PROGRAMFILES, env["PROGRAMFILES(X86)"]].filter(Boolean);
    return ["Chromium\\Application\\chrome.exe", "Google\\Chrome\\Application\\chrome.exe"].flatMap((exe) =>
      folders.map((folder) => path.win32.join(folder, exe)),
    );
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
  ];
}

/** Whether this user can run `file`. */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chrome's installations as chrome-launcher finds them; none when it finds none. */
export function chromeLauncherInstallations() {
  try {
    return createRequire(import.meta.url)("chrome-launcher").Launcher.getInstallations();
  } catch {
    return [];
  }
}

/**
 * The browser to run. Throws a `ChromiumNotFoundError` when CHROMIUM_PATH names nothing runnable,
 * or when nothing is found.
 */
export function locateChromium({
  env = process.env,
  platform = process.platform,
  exists = isExecutable,
  installations = chromeLauncherInstallations,
} = {}) {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) {
    if (exists(given)) return given;
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is ${given}, which is not a browser this user can run: correct it, or unset it to look for Chrome or Chromium`,
    );
  }
  const found = knownBrowserPaths(platform, env).find(exists) ?? installations().find(exists);
  if (found) return found;
  const hint = installHints[platform] ?? installHints.linux;
  throw new ChromiumNotFoundError(`no Chrome or Chromium found for the browser tests: ${hint}, or set CHROMIUM_PATH to its executable`);
}
