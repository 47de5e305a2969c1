/**
 * The config names its region, so every command of a stage (deploy, secret, shell, remove) finds
 * the same app: PORCH_AWS_REGION when set, else us-east-1; never AWS_REGION or a profile's region,
 * which SST would otherwise fall back to. docs/deploy.md documents it.
 */
import { evaluateApp, type MockDeploy } from "./mock-deploy.ts";

export const defaultRegion = "us-east-1";

function regionOf(app: Record<string, unknown>): unknown {
  return (app.providers as { aws?: { region?: unknown } } | undefined)?.aws?.region;
}

/** Runs `app()` with `env` in place of the matching variables of this process. */
async function regionWith(root: string, stage: string, env: Record<string, string | undefined>) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const assign = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  assign(env);
  try {
    return regionOf(await evaluateApp(root, stage));
  } finally {
    assign(saved);
  }
}

export async function checkRegion(deploy: MockDeploy, root: string): Promise<string[]> {
  const failures: string[] = [];
  const expected = process.env.PORCH_AWS_REGION || defaultRegion;
  const named = regionOf(deploy.app);
  if (named !== expected) failures.push(`app() names the region ${JSON.stringify(named)}, expected ${expected}`);

  const elsewhere = { AWS_REGION: "ap-south-1", AWS_DEFAULT_REGION: "ap-south-1", AWS_PROFILE: "porch-verify-none" };
  const overridden = await regionWith(root, deploy.stage, { ...elsewhere, PORCH_AWS_REGION: "eu-central-1" });
  if (overridden !== "eu-central-1") failures.push(`PORCH_AWS_REGION=eu-central-1 gives the region ${JSON.stringify(overridden)}`);
  const fallback = await regionWith(root, deploy.stage, { ...elsewhere, PORCH_AWS_REGION: undefined });
  if (fallback !== defaultRegion) {
    failures.push(
      `without PORCH_AWS_REGION the region is ${JSON.stringify(fallback)}, not ${defaultRegion}: AWS_REGION must not move the app`,
    );
  }
  return failures;
}
