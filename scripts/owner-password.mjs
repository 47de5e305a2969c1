// `npm run password -- --stage production`: prints the owner password of a deployed stage and
// nothing else, on any OS, from inside `sst shell` (scripts/sst-shell.mjs).
import { insideShellFlag, runInsideSstShell } from "./sst-shell.mjs";

if (process.argv.includes(insideShellFlag)) {
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
  runInsideSstShell(import.meta.url);
}
