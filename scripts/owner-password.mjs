// `npm run password -- --stage production`: prints the owner password of a deployed stage and
// nothing else, on any OS. Run as is, it runs itself inside `sst shell <the same arguments>`,
// where SST provides the stage's linked resources: SST_RESOURCE_<Name> variables, or
// SST_RESOURCES_JSON on Windows. `Resource` from the `sst` package reads either.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const insideShell = process.argv.includes("--inside-sst-shell");

if (insideShell) {
  const { Resource } = await import("sst");
  let password;
  try {
    password = Resource.OwnerPassword.value;
  } catch {
    password = undefined;
  }
  if (typeof password !== "string" || password === "") {
    console.error(
      "porch: this stage has no OwnerPassword. Is it deployed (npx sst deploy --stage <stage>), in this region (PORCH_AWS_REGION)?",
    );
    process.exit(1);
  }
  process.stdout.write(`${password}\n`);
} else {
  const sst = fileURLToPath(new URL("../node_modules/sst/bin/sst.mjs", import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const shell = spawnSync(process.execPath, [sst, "shell", ...process.argv.slice(2), "--", process.execPath, self, "--inside-sst-shell"], {
    stdio: "inherit",
  });
  if (shell.error) console.error(`porch: could not run sst shell: ${shell.error.message}`);
  process.exit(shell.status ?? 1);
}
