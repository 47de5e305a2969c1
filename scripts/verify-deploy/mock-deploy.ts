/**
 * Runs the real sst.config.ts through SST's real components with Pulumi's runtime mocks in
 * place of AWS, and records every resource the deploy would create.
 *
 * It does what `sst deploy` does before talking to Pulumi's engine:
 * - evaluates `app()` for the stage, then bundles the program with esbuild the way the CLI
 *   does (`$app` / `$cli` / `$dev` defined, SST's shim injected, each provider of
 *   `.sst/provider-lock.json` and SST's components in scope as globals);
 * - answers the two calls SST's components make back to the CLI (`Provider.Aws.Bootstrap`,
 *   `Runtime.Build`) from a local JSON-RPC server, building handlers with bundle-handler.ts.
 * This leans on SST internals, which is why `sst` is pinned to one exact version.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { bundleHandler, type HandlerBundle } from "./bundle-handler.ts";

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, any>;
  state: Record<string, any>;
  /** URN of the parent resource (a component), if any. */
  parent: string;
  retainOnDelete: boolean;
  /** URNs of the resources it waits for: its `dependsOn` and those of the outputs among its inputs. */
  dependencies: string[];
  /** Earlier names it answers to (`aliases`), as `<parent URN>::<name>`. */
  aliases: string[];
}

/** One `Runtime.Build` call: what SST asked for and what was built. */
export interface HandlerBuild {
  functionID: string;
  runtime: string;
  /** Resources linked to the function, as SST encrypts them into its bundle. */
  links: Record<string, Record<string, unknown>>;
  bundle: HandlerBundle;
}

export interface MockDeploy {
  stage: string;
  /** The region `app()` named, which the mocks answer for. */
  region: string;
  app: Record<string, unknown>;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  /** What each component registered as its outputs (SST's `_dev`, `_metadata`…), by name. */
  componentOutputs: Record<string, Record<string, any>>;
  builds: HandlerBuild[];
  /** The provider functions the program called (data sources: `aws.sesv2.getEmailIdentity`…), with their inputs. */
  invokes: { token: string; inputs: Record<string, any> }[];
  /** What the program printed with console.warn (the deploy's notes). */
  warnings: string[];
  /** Problems outside the graph: unexpected RPCs, unknown invokes, program errors. */
  problems: string[];
}

/**
 * Deterministic stand-ins for what AWS would return, so outputs can be asserted. `region` is the
 * one `app()` names (set by runMockDeploy), as the AWS provider configured with it answers.
 */
export const mockAws = {
  region: "us-east-1",
  accountId: "123456789012",
  apiId: "porchmock1",
  distributionDomain: "d111111abcdef8.cloudfront.net",
  generatedPassword: "mock-generated-owner-password",
  /** The configuration set of the identity another stage made (`aws.sesv2.getEmailIdentity`). */
  sharedConfigurationSet: "porch-production-porchemailconfig-mockmock",
};

const runTimeoutMs = 90_000;
/** How many programs this process has run. */
let programRuns = 0;

/**
 * Runs sst.config.ts under Pulumi's mocks. `env` is set while it runs (the deploy's own settings,
 * such as PORCH_EMAIL_SENDER, which the config reads from the environment) and restored after.
 */
export async function runMockDeploy(args: {
  root: string;
  stage: string;
  dev?: boolean;
  env?: Record<string, string | undefined>;
}): Promise<MockDeploy> {
  const saved = Object.fromEntries(Object.keys(args.env ?? {}).map((name) => [name, process.env[name]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  setEnv(args.env ?? {});
  try {
    return await runMockProgram(args);
  } finally {
    setEnv(saved);
  }
}

async function runMockProgram(args: { root: string; stage: string; dev?: boolean }): Promise<MockDeploy> {
  const platform = path.join(args.root, ".sst", "platform");
  const work = path.join(args.root, ".sst", "verify-deploy");
  mkdirSync(work, { recursive: true });
  const requireFromPlatform = createRequire(path.join(platform, "package.json"));

  const result: MockDeploy = {
    stage: args.stage,
    region: mockAws.region,
    app: {},
    resources: [],
    outputs: {},
    componentOutputs: {},
    builds: [],
    invokes: [],
    warnings: [],
    problems: [],
  };

  // The CLI passes `protect` as false when app() leaves it out.
  result.app = { protect: false, ...(await evaluateApp(args.root, args.stage)), stage: args.stage };
  const region = (result.app.providers as { aws?: { region?: unknown } } | undefined)?.aws?.region;
  if (typeof region === "string") mockAws.region = region;
  result.region = mockAws.region;
  const program = await bundleProgram({ root: args.root, platform, work, app: result.app, dev: args.dev ?? false });

  // An error inside an `apply` (a failed handler build, a thrown VisibleError) leaves the
  // outputs that depend on it pending forever under mocks: stop shortly after the first one,
  // once the other errors it causes have been collected.
  let stop: (reason: "failed" | "timed out") => void = () => {};
  const stopped = new Promise<"failed" | "timed out">((resolve) => (stop = resolve));
  const stopSoon = () => setTimeout(() => stop("failed"), 1000);
  const timeout = setTimeout(() => stop("timed out"), runTimeoutMs);

  const rpc = await startRpcServer(async (method, params) => {
    if (method === "Provider.Aws.Bootstrap") {
      return {
        asset: "sst-asset-mock",
        assetEcrRegistryId: mockAws.accountId,
        assetEcrUrl: `${mockAws.accountId}.dkr.ecr.${mockAws.region}.amazonaws.com/sst-asset`,
        state: "sst-state-mock",
        appsyncHttp: "",
        appsyncRealtime: "",
      };
    }
    if (method === "Runtime.Build") {
      // SST adds the function's architecture to its `nodejs` settings; the bundler ignores it.
      const { architecture: _architecture, ...nodejs } = params.properties ?? {};
      const bundle = await cachedBundle({
        root: args.root,
        handler: params.handler,
        runtime: params.runtime,
        outDir: path.join(work, "artifacts", `${params.functionID}-src`),
        nodejs,
      });
      if (bundle.errors.length > 0) stopSoon();
      result.builds.push({
        functionID: params.functionID,
        runtime: params.runtime,
        links: params.links ?? {},
        bundle,
      });
      return {
        handler: bundle.handler,
        out: bundle.outDir,
        errors: bundle.errors,
        sourcemaps: [],
      };
    }
    // Only under `sst dev`: the live-Lambda bridge's endpoints, and registering a function to run here.
    if (method === "Provider.Aws.Appsync") {
      return {
        http: `mock.appsync-api.${mockAws.region}.amazonaws.com`,
        realtime: `mock.appsync-realtime-api.${mockAws.region}.amazonaws.com`,
      };
    }
    if (method === "Runtime.AddTarget") return {};
    result.problems.push(`unexpected call from SST's components to the CLI: ${method}`);
    return undefined;
  });

  // Only what this run sets: a developer's own secrets must not leak into the check.
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("SST_SECRET_")) delete process.env[key];
  }
  process.env.SST_SERVER = rpc.url;
  process.env.SST_SECRETS = "{}";

  const pulumi = requireFromPlatform("@pulumi/pulumi");
  const settings = requireFromPlatform("@pulumi/pulumi/runtime/settings");
  const options = new Map<string, Pick<RecordedResource, "parent" | "retainOnDelete" | "dependencies" | "aliases">>();

  await pulumi.runtime.setMocks(
    {
      newResource(resource: { type: string; name: string; inputs: any; custom?: boolean; id?: string }) {
        const inputs = revealSecrets(resource.inputs);
        const state = { ...inputs, ...stateFor(resource.type, resource.name, inputs) };
        const registered = options.get(`${resource.type}::${resource.name}`);
        result.resources.push({
          type: resource.type,
          name: resource.name,
          custom: resource.custom ?? false,
          inputs,
          state,
          parent: registered?.parent ?? "",
          retainOnDelete: registered?.retainOnDelete ?? false,
          dependencies: registered?.dependencies ?? [],
          aliases: registered?.aliases ?? [],
        });
        return { id: resource.id || `${resource.name}-id`, state };
      },
      call(call: { token: string; inputs: any }) {
        result.invokes.push({ token: call.token, inputs: call.inputs });
        const answer = invokeResult(call.token, call.inputs);
        if (!answer) {
          result.problems.push(`unexpected provider function call: ${call.token}`);
          return {};
        }
        return answer;
      },
    },
    "porch",
    args.stage,
    false,
  );
  // The mocks' `newResource` does not see resource options; record the ones asserted on.
  const monitor = settings.getMonitor();
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: any, callback: any) => {
    const propertyDependencies: string[] = [];
    request.getPropertydependenciesMap().forEach((urns: any) => propertyDependencies.push(...urns.getUrnsList()));
    options.set(`${request.getType()}::${request.getName()}`, {
      parent: request.getParent(),
      retainOnDelete: Boolean(request.getRetainondelete?.()),
      dependencies: [...new Set([...request.getDependenciesList(), ...propertyDependencies])],
      aliases: request.getAliasesList().map((alias: any) => {
        const spec = alias.getSpec();
        return alias.getUrn() || `${spec?.getParenturn() ?? ""}::${spec?.getName() || request.getName()}`;
      }),
    });
    return registerResource(request, callback);
  };
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (request: any, callback: any) => {
    const name = String(request.getUrn()).split("::").pop() ?? "";
    result.componentOutputs[name] = revealSecrets(request.getOutputs()?.toJavaScript() ?? {});
    return registerResourceOutputs(request, callback);
  };

  // The deploy's notes (infra/table.ts's upgrade note), kept for the checks rather than printed.
  const warn = console.warn;
  console.warn = (...parts: unknown[]) => void result.warnings.push(parts.map(String).join(" "));
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => {
    rejections.push(reason);
    stopSoon();
  };
  process.on("unhandledRejection", onRejection);
  process.off("unhandledRejection", ignoreFailedProgram);
  try {
    const completed = (async () => {
      // A fresh module each run: the program of an earlier scenario (another stage, another region) is cached under the same file.
      const programUrl = `${pathToFileURL(program).href}?run=${++programRuns}`;
      const outputs = await pulumi.runtime.runInPulumiStack(async () => (await import(programUrl)).default);
      // Resources created inside `apply` callbacks register after the program returns.
      await settings.waitForRPCs();
      result.outputs = outputs ?? {};
      return "completed" as const;
    })();
    const outcome = await Promise.race([completed, stopped]);
    if (outcome === "timed out") result.problems.push(`the program did not finish within ${runTimeoutMs / 1000} s`);
  } catch (error) {
    result.problems.push(`the program failed: ${describe(error)}`);
  } finally {
    clearTimeout(timeout);
    console.warn = warn;
    process.off("unhandledRejection", onRejection);
    process.on("unhandledRejection", ignoreFailedProgram);
    rpc.close();
  }
  for (const reason of rejections) result.problems.push(`the program failed: ${describe(reason)}`);
  return result;
}

/**
 * A program that failed leaves Pulumi's promises behind, which may reject once the run is over and
 * its failure reported: those are dropped; anything else still stops the check as Node would.
 */
function ignoreFailedProgram(reason: unknown): void {
  if (reason instanceof Error && reason.stack?.includes("verify-deploy-program")) return;
  throw reason;
}

/**
 * One build per handler and settings for the whole check: every mock deploy (a second stage, another
 * region) asks for the same bundles, which need building once.
 */
const bundles = new Map<string, Promise<HandlerBundle>>();

function cachedBundle(args: Parameters<typeof bundleHandler>[0]): Promise<HandlerBundle> {
  const key = JSON.stringify(args);
  if (!bundles.has(key)) bundles.set(key, bundleHandler(args));
  return bundles.get(key)!;
}

/** Pulumi's wire form of a secret value: `{ [signature]: secretSignature, value }`. */
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/** The graph is asserted on plain values: secrets are only marked so, not hidden, in mocks. */
function revealSecrets(value: any): any {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (value === null || typeof value !== "object") return value;
  if (Object.values(value).includes(secretSignature) && "value" in value) return revealSecrets(value.value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealSecrets(item)]));
}

/** Bundles sst.config.ts alone, with `$config` as the identity, and calls its `app()`. */
export async function evaluateApp(root: string, stage: string) {
  const work = path.join(root, ".sst", "verify-deploy");
  mkdirSync(work, { recursive: true });
  const shim = path.join(work, "app-shim.mjs");
  writeFileSync(shim, "export const $config = (config) => config;\n");
  const outfile = path.join(work, "app.mjs");
  await esbuild.build({
    entryPoints: [path.join(root, "sst.config.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    inject: [shim],
    logLevel: "silent",
  });
  const config = (await import(`${pathToFileURL(outfile).href}?${Date.now()}`)).default;
  return (await config.app({ stage })) as Record<string, unknown>;
}

/** The program the CLI would hand to Pulumi, written next to SST's own node_modules. */
async function bundleProgram(args: {
  root: string;
  platform: string;
  work: string;
  app: Record<string, unknown>;
  dev: boolean;
}): Promise<string> {
  const lock = JSON.parse(readFileSync(path.join(args.root, ".sst", "provider-lock.json"), "utf8")) as {
    package: string;
    alias: string;
  }[];
  const globals = path.join(args.work, "globals.mjs");
  writeFileSync(
    globals,
    [
      ...lock.map((entry) => `import * as ${entry.alias} from "${entry.package}"; globalThis.${entry.alias} = ${entry.alias};`),
      `import * as sst from ${JSON.stringify(path.join(args.platform, "src", "components"))}; globalThis.sst = sst;`,
    ].join("\n"),
  );
  const cli = {
    command: args.dev ? "dev" : "deploy",
    rpc: "",
    paths: {
      home: path.join(args.root, ".sst", "home"),
      root: args.root,
      work: args.work,
      platform: args.platform,
    },
    state: { version: {} },
    env: {},
  };
  const outfile = path.join(args.platform, `verify-deploy-program${args.dev ? "-dev" : ""}.mjs`);
  await esbuild.build({
    stdin: {
      contents: [
        // Providers and components are globals of sst.config.ts; set them before it runs.
        `import ${JSON.stringify(globals)};`,
        `import { run } from ${JSON.stringify(path.join(args.platform, "src", "auto", "run.ts"))};`,
        `import mod from ${JSON.stringify(path.join(args.root, "sst.config.ts"))};`,
        `const result = await run(mod.run);`,
        `export default result;`,
      ].join("\n"),
      resolveDir: args.root,
      loader: "ts",
    },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "esnext",
    packages: "external",
    nodePaths: [path.join(args.platform, "node_modules")],
    inject: [path.join(args.platform, "src", "shim", "run.js")],
    define: {
      $app: JSON.stringify(args.app),
      $cli: JSON.stringify(cli),
      $dev: String(args.dev),
    },
    logLevel: "silent",
  });
  return outfile;
}

/** Output properties AWS would fill in, for the resources whose outputs the config uses. */
function stateFor(type: string, name: string, inputs: any): Record<string, unknown> {
  const { region, accountId, apiId } = mockAws;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${accountId}:${resource}`;
  switch (type) {
    case "aws:apigatewayv2/api:Api":
      return {
        apiEndpoint: `wss://${apiId}.execute-api.${region}.amazonaws.com`,
        executionArn: arn("execute-api", apiId),
        arn: `arn:aws:apigateway:${region}::/apis/${apiId}`,
      };
    case "aws:lambda/function:Function": {
      const functionName = inputs.name ?? name;
      return {
        arn: arn("lambda", `function:${functionName}`),
        qualifiedArn: arn("lambda", `function:${functionName}:$LATEST`),
        invokeArn: arn("lambda", `function:${functionName}/invocations`),
        name: functionName,
      };
    }
    case "aws:dynamodb/table:Table":
      return { name: inputs.name ?? name, arn: arn("dynamodb", `table/${inputs.name ?? name}`) };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${accountId}:role/${name}`, name };
    case "aws:cloudfront/distribution:Distribution":
      return { domainName: mockAws.distributionDomain, arn: `arn:aws:cloudfront::${accountId}:distribution/${name}` };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2":
      return {
        bucket: inputs.bucket ?? name.toLowerCase(),
        arn: `arn:aws:s3:::${name.toLowerCase()}`,
        bucketRegionalDomainName: `${name.toLowerCase()}.s3.${region}.amazonaws.com`,
      };
    case "aws:sqs/queue:Queue": {
      const queueName = inputs.name ?? name;
      return { arn: arn("sqs", queueName), url: `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}` };
    }
    case "random:index/randomPassword:RandomPassword":
      // The owner password's is the one assertions name; every other generated value is its own.
      return { result: name === "OwnerPasswordGenerated" ? mockAws.generatedPassword : `mock-generated-${name}` };
    case "aws:lambda/functionUrl:FunctionUrl":
      return { functionUrl: `https://${name.toLowerCase()}.lambda-url.${region}.on.aws/`, urlId: name.toLowerCase() };
    case "aws:sesv2/emailIdentity:EmailIdentity":
      // SES makes the tokens for each identity: another region's identity has others.
      return {
        arn: arn("ses", `identity/${inputs.emailIdentity}`),
        dkimSigningAttributes: { tokens: [1, 2, 3].map((n) => `mockdkim${n}${region.replaceAll("-", "")}`) },
      };
    case "aws:sesv2/configurationSet:ConfigurationSet":
      return { arn: arn("ses", `configuration-set/${inputs.configurationSetName ?? name}`) };
    case "aws:sns/topic:Topic":
      return { arn: arn("sns", inputs.name ?? name), name: inputs.name ?? name };
    case "aws:acm/certificate:Certificate":
      return {
        arn: `arn:aws:acm:us-east-1:${accountId}:certificate/${name.toLowerCase()}`,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_mockvalidation.${inputs.domainName}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_mockvalidation.acm-validations.aws.",
          },
        ],
      };
    case "random:index/randomBytes:RandomBytes":
      return { base64: Buffer.alloc(inputs.length ?? 32, 7).toString("base64"), hex: "07".repeat(inputs.length ?? 32) };
    default:
      return inputs.arn ? {} : { arn: `arn:aws:mock:${region}:${accountId}:${name}` };
  }
}

function invokeResult(token: string, inputs: any): Record<string, unknown> | undefined {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { name: mockAws.region, region: mockAws.region, id: mockAws.region, endpoint: "", description: "" };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: mockAws.accountId, arn: `arn:aws:iam::${mockAws.accountId}:user/mock`, userId: "mock", id: mockAws.accountId };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { ...inputs, json: JSON.stringify(policyDocument(inputs)), id: "policy" };
    case "aws:sesv2/getEmailIdentity:getEmailIdentity":
      // The identity the production stage made, with the configuration set it named.
      return {
        emailIdentity: inputs.emailIdentity,
        arn: `arn:aws:ses:${mockAws.region}:${mockAws.accountId}:identity/${inputs.emailIdentity}`,
        configurationSetName: mockAws.sharedConfigurationSet,
        dkimSigningAttributes: [],
        identityType: String(inputs.emailIdentity).includes("@") ? "EMAIL_ADDRESS" : "DOMAIN",
        verificationStatus: "SUCCESS",
        id: inputs.emailIdentity,
        region: mockAws.region,
        tags: {},
      };
    case "aws:route53/getZone:getZone":
      return { zoneId: "ZMOCKZONE", id: "ZMOCKZONE", name: `${String(inputs.name ?? "").replace(/\.$/, "")}.` };
    default:
      return undefined;
  }
}

/** Mirrors getPolicyDocument closely enough to assert on actions and resources. */
function policyDocument(inputs: any) {
  return {
    Version: "2012-10-17",
    Statement: (inputs.statements ?? []).map((statement: any) => ({
      Effect: statement.effect ?? "Allow",
      Action: statement.actions,
      Resource: statement.resources,
      ...(statement.principals ? { Principal: Object.fromEntries(statement.principals.map((p: any) => [p.type, p.identifiers])) } : {}),
    })),
  };
}

async function startRpcServer(handle: (method: string, params: any) => Promise<unknown>) {
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: unknown[] };
      const answered = handle(method, params[0]).then(
        (answer) => (answer === undefined ? { error: `rpc: can't find method ${method}` } : { result: answer }),
        (error: unknown) => ({ error: describe(error) }),
      );
      void answered.then((reply) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // SST's components may still call after the program has returned (under `sst dev` each
    // function registers itself from an `apply`): the server stays up to answer them, without
    // keeping the process alive.
    close: () => {
      server.unref();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
