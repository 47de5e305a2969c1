/**
 * `npm run verify:deploy`: checks what `npx sst deploy` would create, without AWS.
 *   1/4 sst.config.ts typechecks against SST's platform types (installed by `sst install`);
 *   2/4 the real config, run through SST's real components under Pulumi mocks, builds the
 *       resource graph Porch needs (assert-graph.ts lists every promise), in the region it names;
 *   3/4 the same under `sst dev` (assert-dev.ts): no site deployed, outputs on this machine;
 *   4/4 the handler bundles built for the deploy answer hello / send / list on the local stack,
 *       sweep a deleted conversation, email a reply and answer its unsubscribe link.
 * Exits 1 with the broken promises listed when a step fails.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertDevMode } from "./assert-dev.ts";
import { assertGraph, sampleOwnerProfile } from "./assert-graph.ts";
import { checkRegion } from "./assert-region.ts";
import { mockAws, mockEmailEnv, runMockDeploy } from "./mock-deploy.ts";
import { ensurePlatform, typecheckConfig } from "./platform.ts";
import { ensureSiteOutput } from "./site-build.ts";
import { runSmoke } from "./smoke.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The mock deploy runs as production: its removal policy is the one that must be right. */
const stage = "production";
const startedAt = Date.now();

class StepFailure extends Error {
  constructor(
    readonly step: string,
    readonly details: string[],
  ) {
    super(`${step} failed`);
    this.name = "StepFailure";
  }
}

function progress(line: string) {
  console.log(`verify:deploy ${line}`);
}

function seconds(sinceMs: number) {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

async function step<T>(label: string, work: () => Promise<{ value: T; note?: string; failures: string[] }>) {
  const stepStartedAt = Date.now();
  progress(`${label} …`);
  let outcome: { value: T; note?: string; failures: string[] };
  try {
    outcome = await work();
  } catch (error) {
    throw new StepFailure(label, [error instanceof Error ? error.message : String(error)]);
  }
  if (outcome.failures.length > 0) throw new StepFailure(label, outcome.failures);
  progress(`${label}: ok${outcome.note ? ` (${outcome.note})` : ""}, ${seconds(stepStartedAt)}`);
  return outcome.value;
}

async function main() {
  await step("step 1/4 typecheck sst.config.ts against SST's types", async () => {
    const platform = await ensurePlatform(root);
    const failures = await typecheckConfig(root);
    const note = `sst ${platform.version}, platform ${platform.installed ? "installed" : "already installed"}`;
    return { value: undefined, note, failures };
  });

  const deploy = await step("step 2/4 run sst.config.ts through SST's components under Pulumi mocks", async () => {
    const site = await ensureSiteOutput(root);
    // As a site's .env would set them (SST loads it for every command): email on, who answers.
    const deploy = await runMockDeploy({ root, stage, env: { ...mockEmailEnv.on, ...sampleOwnerProfile } });
    const note = `stage ${stage}, ${deploy.resources.length} resources, ${deploy.builds.length} handler bundles${
      site.built ? ", widget built" : ""
    }`;
    const failures = [...assertGraph(deploy, root), ...(await checkRegion(deploy, root))];
    return { value: deploy, note: `${note}, region ${mockAws.region}`, failures };
  });

  await step("step 3/4 run sst.config.ts as `sst dev` would", async () => {
    const dev = await runMockDeploy({ root, stage: "dev", dev: true, env: mockEmailEnv.off });
    return { value: undefined, note: "site served from this machine", failures: assertDevMode(dev, root) };
  });

  await step("step 4/4 smoke-test the deployed handler bundles on the local stack", async () => {
    const failures = await runSmoke(deploy.builds);
    return {
      value: undefined,
      note: "hello, send and list answered, a deleted conversation swept, a reply emailed and unsubscribed, by the bundles",
      failures,
    };
  });

  progress(`passed in ${seconds(startedAt)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof StepFailure) {
      console.error(`verify:deploy FAILED at ${error.step}:`);
      for (const detail of error.details) console.error(`  - ${detail}`);
    } else {
      console.error("verify:deploy FAILED:", error);
    }
    process.exit(1);
  },
);
