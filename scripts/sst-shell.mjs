// Scripts that act on a deployed stage (`npm run password`, `npm run restore`) run themselves
// inside `sst shell <the same arguments>`, where SST provides the stage's linked resources:
// SST_RESOURCE_<Name> variables, or SST_RESOURCES_JSON on Windows, which `Resource` from the
// `sst` package reads either way. Run as is, `script` calls this and exits with the shell's status.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The argument a script is run with inside the shell. */
export const insideShellFlag = "--inside-sst-shell";

/**
 * Runs `script` (its `import.meta.url`) inside `sst shell`; exits with its status. The script's own
 * options (`ownOptions`, each with a value: `--from <table>`) go to it, the others (`--stage`) to
 * `sst shell`.
 */
export function runInsideSstShell(script, ownOptions = []) {
  const sst = fileURLToPath(new URL("../node_modules/sst/bin/sst.mjs", import.meta.url));
  const self = fileURLToPath(script);
  const shellArgs = [];
  const scriptArgs = [];
  const args = process.argv.slice(2);
  for (let at = 0; at < args.length; at++) {
    if (ownOptions.includes(args[at])) scriptArgs.push(args[at], args[++at] ?? "");
    else shellArgs.push(args[at]);
  }
  // The same Node with the same flags (tsx's loader, for a script in TypeScript).
  const command = [sst, "shell", ...shellArgs, "--", process.execPath, ...process.execArgv, self, insideShellFlag, ...scriptArgs];
  const shell = spawnSync(process.execPath, command, { stdio: "inherit" });
  if (shell.error) console.error(`porch: could not run sst shell: ${shell.error.message}`);
  process.exit(shell.status ?? 1);
}
