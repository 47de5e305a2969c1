/**
 * `npm run verify:deploy`: checks what `npx sst deploy` would create, without AWS.
 *   1/5 sst.config.ts typechecks against SST's platform types (installed by `sst install`);
 *   2/5 the real config, run through SST's real components under Pulumi mocks as production
 *       (scenarios.ts), builds the resource graph Porch needs (assert-graph.ts lists every
 *       promise) in the region it names, and what running it over time needs (assert-operations.ts),
 *       and the deploy's settings refuse what only the local stack may use (assert-refusals.ts);
 *   3/5 a second stage and production moved to another region deploy beside it without taking a
 *       name it holds, and email works in each, and with DNS elsewhere (assert-stages.ts);
 *   4/5 the same under `sst dev` (assert-dev.ts): no site deployed, outputs on this machine;
 *   5/5 the handler bundles built for the deploy answer hello / send / list on the local stack,
 *       sweep a deleted conversation, email a reply and answer its unsubscribe link.
 * Exits 1 with the broken promises listed when a step fails.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertDevMode } from "./assert-dev.ts";
import { assertGraph } from "./assert-graph.ts";
import { assertOperations } from "./assert-operations.ts";
import { Graph } from "./assert-graph.ts";
import { checkInbound, checkNoInbound } from "./assert-inbound.ts";
import { assertRefusals } from "./assert-refusals.ts";
import { checkRegion } from "./assert-region.ts";
import { checkDmarc, checkDnsElsewhere, checkNoCollisions, checkRegionMove, checkSharedIdentity } from "./assert-stages.ts";
import { runMockDeploy, type MockDeploy } from "./mock-deploy.ts";
import { scenarios, type Scenario } from "./scenarios.ts";
import { ensurePlatform, typecheckConfig } from "./platform.ts";
import { ensureSiteOutput } from "./site-build.ts";
import { runSmoke } from "./smoke.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const startedAt = Date.now();

/** sst.config.ts run as `scenario` would deploy it. */
function deployAs(scenario: Scenario): Promise<MockDeploy> {
  return runMockDeploy({ root, stage: scenario.stage, dev: scenario.dev ?? false, env: scenario.env });
}

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
  await step("step 1/5 typecheck sst.config.ts against SST's types", async () => {
    const platform = await ensurePlatform(root);
    const failures = await typecheckConfig(root);
    const note = `sst ${platform.version}, platform ${platform.installed ? "installed" : "already installed"}`;
    return { value: undefined, note, failures };
  });

  const production = await step("step 2/5 run sst.config.ts as production through SST's components under Pulumi mocks", async () => {
    const site = await ensureSiteOutput(root);
    const deploy = await deployAs(scenarios.production);
    const note = `${deploy.resources.length} resources, ${deploy.builds.length} handler bundles${site.built ? ", widget built" : ""}`;
    // A program that failed leaves a partial graph: its own errors are the useful report.
    const failures =
      deploy.problems.length > 0
        ? [...new Set(deploy.problems)]
        : [
            ...assertGraph(deploy, root),
            ...assertOperations(deploy, root),
            ...checkDmarc(deploy, scenarios.production.env.PORCH_EMAIL_DMARC),
            ...(await checkRegion(deploy, root)),
            ...checkInbound(new Graph(deploy.resources), deploy, scenarios.production.env.PORCH_INBOUND_DOMAIN, "route53"),
            ...(await assertRefusals()),
          ];
    return { value: deploy, note: `${note}, region ${deploy.region}, test-only settings refused`, failures };
  });

  await step("step 3/5 run it as a second stage, moved to another region, and with DNS elsewhere", async () => {
    const secondStage = await deployAs(scenarios.secondStage);
    const regionMove = await deployAs(scenarios.regionMove);
    const dnsElsewhere = await deployAs(scenarios.dnsElsewhere);
    const problems = [secondStage, regionMove, dnsElsewhere].flatMap((deploy) =>
      deploy.problems.map((problem) => `${deploy.stage} in ${deploy.region}: ${problem}`),
    );
    if (problems.length > 0) return { value: undefined, failures: [...new Set(problems)] };
    const failures = [
      ...checkNoCollisions(production, secondStage, `stage ${secondStage.stage} beside production`),
      ...checkSharedIdentity(secondStage),
      ...checkNoCollisions(production, regionMove, `production moved to ${regionMove.region}`),
      ...checkRegionMove(regionMove, scenarios.regionMove.region),
      ...checkDnsElsewhere(dnsElsewhere),
      ...checkInbound(new Graph(dnsElsewhere.resources), dnsElsewhere, scenarios.dnsElsewhere.env.PORCH_INBOUND_DOMAIN, "printed"),
      ...checkNoInbound(new Graph(secondStage.resources), secondStage),
    ];
    const note = `stage ${secondStage.stage} in ${secondStage.region}, production in ${regionMove.region}, DNS elsewhere: no name taken twice`;
    return { value: undefined, note, failures };
  });

  await step("step 4/5 run sst.config.ts as `sst dev` would", async () => {
    const dev = await deployAs(scenarios.dev);
    return { value: undefined, note: "site served from this machine", failures: assertDevMode(dev, root) };
  });

  await step("step 5/5 smoke-test the deployed handler bundles on the local stack", async () => {
    const failures = await runSmoke(production.builds);
    return {
      value: undefined,
      note: "hello, send and list answered, a deleted conversation swept, an address confirmed, a reply emailed and unsubscribed, by the bundles",
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
