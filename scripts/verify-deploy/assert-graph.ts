/**
 * What the mock deploy must show for Porch to work once deployed. Each check returns the
 * promises it broke as sentences; an empty list means the graph is right.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sentTag } from "#backend/attachments/object-key.ts";
import { lambdaNodejs, runtimeProvidedModules } from "#backend/handlers/bundling.ts";
import { retentionVariables } from "#backend/chat/retention.ts";
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames, linkProperties, links as linkTable, linksOf, type LinkedFunction } from "#backend/handlers/links.ts";
import {
  componentNames,
  inboundFunction,
  jobsFunction,
  notifyFunction,
  retentionSchedule,
  routes,
  unsubscribeFunction,
} from "#backend/handlers/routes.ts";
import { rawMailPrefix } from "#backend/inbound/raw-mail.ts";
import { retentionJob } from "#backend/jobs/job.ts";
import { ownerEmailVariable } from "#backend/notify/owner-email.ts";
import { tableDefinition } from "#backend/store/table.ts";
import { attachmentCors, unsentUploadExpiryDays } from "#infra/bucket-rules.ts";
import { cacheControl, declaredFiles, inboxApp, purgeEarlierReleases, siteHeaders, stableFiles } from "#infra/hosting.ts";
import { nodeRuntimes } from "./bundle-handler.ts";
import { mockAws, type MockDeploy, type RecordedResource } from "./mock-deploy.ts";
import { sampleOwnerProfile, scenarios } from "./scenarios.ts";

/** The settings the graph checked here was deployed with (production's). */
const deployed = scenarios.production.env;

/** What the mock deploy generates for the link key (mock-deploy.ts names each generated value). */
const generatedLinkKey = "mock-generated-LinkSigningKeyGenerated";

/** API Gateway ends an integration after 29 s: a Lambda must give up before that. */
const integrationTimeoutS = 29;

export function assertGraph(deploy: MockDeploy, root: string): string[] {
  // A program that failed leaves a partial graph: its own errors are the useful report.
  if (deploy.problems.length > 0) return [...new Set(deploy.problems)];
  const graph = new Graph(deploy.resources);
  return [
    ...checkTable(graph, deploy),
    ...checkRoutes(graph, deploy),
    ...checkNotify(graph, deploy),
    ...checkBundles(deploy),
    ...checkLinks(graph, deploy, root),
    ...checkStage(graph),
    ...checkSite(graph, deploy),
    ...checkSiteHeaders(graph),
    ...checkLogGroups(graph, root),
    ...checkOutputs(deploy),
    ...checkJobs(graph, deploy),
    ...checkEmail(graph, deploy),
    ...checkOwnerProfile(graph, deploy),
    ...checkRetention(graph, deploy),
    ...checkAttachments(graph, deploy),
  ];
}

/** Every route's function reads the owner's profile from its environment (backend/handlers/runtime.ts). */
function checkOwnerProfile(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  for (const route of routes) {
    const { lambda } = lambdaOf(graph, deploy, route.handler);
    const variables = lambda?.inputs.environment?.variables ?? {};
    for (const [name, value] of Object.entries(sampleOwnerProfile)) {
      if (variables[name] !== value)
        failures.push(
          `${route.routeKey}'s function gets ${name}=${JSON.stringify(variables[name])}, not the deploy's ${JSON.stringify(value)}`,
        );
    }
  }
  return failures;
}

export class Graph {
  constructor(readonly resources: RecordedResource[]) {}
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((resource) => resource.type === type);
  }
  childrenOf(parentName: string, type: string): RecordedResource[] {
    return this.ofType(type).filter((resource) => parentNameOf(resource) === parentName);
  }
}

export function parentNameOf(resource: RecordedResource): string {
  return resource.parent.split("::").pop() ?? "";
}

/** Mocked resources get the id `<name>-id` (mock-deploy.ts). */
function idOf(resource: RecordedResource): string {
  return `${resource.name}-id`;
}

const attributeTypes = { string: "S", number: "N", binary: "B" } as const;

function projectionOf(projection: string | readonly string[] | undefined) {
  if (projection === undefined || projection === "all") return { projectionType: "ALL" };
  if (projection === "keys-only") return { projectionType: "KEYS_ONLY" };
  return { projectionType: "INCLUDE", nonKeyAttributes: [...projection] };
}

/** An index's projection as the mock deploy recorded it. */
function recordedProjection(index: any) {
  return index.projectionType === "INCLUDE"
    ? { projectionType: "INCLUDE", nonKeyAttributes: index.nonKeyAttributes }
    : { projectionType: index.projectionType };
}

function checkTable(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const tables = graph.ofType("aws:dynamodb/table:Table");
  if (tables.length !== 1) return [`expected one DynamoDB table, found ${tables.length}`];
  const table = tables[0]!.inputs;
  const expect = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      failures.push(`table ${what} is ${JSON.stringify(actual)}, backend/store/table.ts says ${JSON.stringify(expected)}`);
    }
  };

  expect("hash key", table.hashKey, tableDefinition.primaryIndex.hashKey);
  expect("range key", table.rangeKey, tableDefinition.primaryIndex.rangeKey);
  expect(
    "attributes",
    sortByName(table.attributes ?? []),
    sortByName(Object.entries(tableDefinition.fields).map(([name, type]) => ({ name, type: attributeTypes[type] }))),
  );
  expect(
    "global indexes",
    sortByName(
      (table.globalSecondaryIndexes ?? []).map((index: any) => ({
        name: index.name,
        hashKey: index.hashKey,
        rangeKey: index.rangeKey,
        ...recordedProjection(index),
      })),
    ),
    sortByName(
      Object.entries(tableDefinition.globalIndexes).map(([name, index]) => ({
        name,
        hashKey: index.hashKey,
        rangeKey: index.rangeKey,
        ...projectionOf(index.projection),
      })),
    ),
  );
  expect(
    "local indexes",
    sortByName(
      (table.localSecondaryIndexes ?? []).map((index: any) => ({
        name: index.name,
        rangeKey: index.rangeKey,
        ...recordedProjection(index),
      })),
    ),
    sortByName(
      Object.entries(tableDefinition.localIndexes).map(([name, index]) => ({
        name,
        rangeKey: index.rangeKey,
        ...projectionOf(index.projection),
      })),
    ),
  );
  expect("ttl", table.ttl, { attributeName: tableDefinition.ttl, enabled: true });
  expect("billing mode", table.billingMode, "PAY_PER_REQUEST");

  // DynamoDB rejects a key that is not a declared attribute and an attribute that is no key.
  const keys = new Set<string>([
    tableDefinition.primaryIndex.hashKey,
    tableDefinition.primaryIndex.rangeKey,
    ...Object.values(tableDefinition.globalIndexes).flatMap((index) => [index.hashKey, index.rangeKey]),
    ...Object.values(tableDefinition.localIndexes).map((index) => index.rangeKey),
  ]);
  const fields = new Set(Object.keys(tableDefinition.fields));
  for (const key of keys) {
    if (!fields.has(key)) failures.push(`index key "${key}" is missing from the table's fields`);
  }
  for (const field of fields) {
    if (!keys.has(field)) failures.push(`field "${field}" is no index key: DynamoDB would reject it`);
  }

  const retained = tables[0]!.retainOnDelete;
  if (deploy.app.removal === "retain" && !retained) {
    failures.push(`on stage "${deploy.stage}" the table must survive \`sst remove\``);
  }
  return failures;
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

function checkRoutes(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const apiRoutes = graph.ofType("aws:apigatewayv2/route:Route");
  const routeResponses = graph.ofType("aws:apigatewayv2/routeResponse:RouteResponse");
  const runtimes = new Set<string>();

  const declared = routes.map((route) => route.routeKey).sort();
  const created = apiRoutes.map((route) => route.inputs.routeKey).sort();
  if (JSON.stringify(declared) !== JSON.stringify(created)) {
    failures.push(`routes created ${JSON.stringify(created)}, backend/handlers/routes.ts declares ${JSON.stringify(declared)}`);
  }

  for (const route of routes) {
    const apiRoute = apiRoutes.find((candidate) => candidate.inputs.routeKey === route.routeKey);
    if (!apiRoute) continue;
    const component = parentNameOf(apiRoute);
    const integration = graph.childrenOf(component, "aws:apigatewayv2/integration:Integration")[0];
    const fnComponent = graph.childrenOf(component, "sst:aws:Function")[0];
    const lambda = fnComponent && graph.childrenOf(fnComponent.name, "aws:lambda/function:Function")[0];
    const build = fnComponent && deploy.builds.find((candidate) => candidate.functionID === fnComponent.name);
    const where = `route ${route.routeKey}`;
    if (!integration || !lambda || !build) {
      failures.push(`${where}: no Lambda integration was created`);
      continue;
    }

    if (apiRoute.inputs.target !== `integrations/${idOf(integration)}`) {
      failures.push(`${where}: targets ${apiRoute.inputs.target}, not its integration`);
    }
    if (integration.inputs.integrationType !== "AWS_PROXY" || !String(integration.inputs.integrationUri).includes(lambda.state.arn)) {
      failures.push(`${where}: the integration does not proxy to its Lambda`);
    }
    if (lambda.inputs.handler !== route.handler) {
      failures.push(`${where}: Lambda handler is ${lambda.inputs.handler}, routes.ts says ${route.handler}`);
    }
    runtimes.add(lambda.inputs.runtime);
    failures.push(...checkLambdaSettings(where, lambda));

    const responses = routeResponses.filter((response) => response.inputs.routeId === idOf(apiRoute));
    if (route.twoWay) {
      if (apiRoute.inputs.routeResponseSelectionExpression !== "$default") {
        failures.push(`${where} is two-way but has no routeResponseSelectionExpression "$default"`);
      }
      if (!responses.some((response) => response.inputs.routeResponseKey === "$default")) {
        failures.push(`${where} is two-way but has no "$default" route response: replies would never reach the client`);
      }
    } else if (apiRoute.inputs.routeResponseSelectionExpression !== undefined || responses.length > 0) {
      failures.push(`${where} is one-way but has a route response`);
    }
  }
  if (runtimes.size > 1) failures.push(`routes use different runtimes: ${[...runtimes].join(", ")}`);
  return failures;
}

function checkLambdaSettings(where: string, lambda: RecordedResource): string[] {
  const failures: string[] = [];
  const settings = lambda.inputs;
  if (!(nodeRuntimes as readonly string[]).includes(settings.runtime))
    failures.push(`${where}: runtime ${settings.runtime} is not a supported Node runtime`);
  if (JSON.stringify(settings.architectures) !== JSON.stringify(["arm64"])) {
    failures.push(`${where}: architecture ${JSON.stringify(settings.architectures)}, expected arm64`);
  }
  if (!(settings.timeout >= 3 && settings.timeout < integrationTimeoutS)) {
    failures.push(`${where}: timeout ${settings.timeout} s must be 3 s or more and under API Gateway's ${integrationTimeoutS} s`);
  }
  if (!(settings.memorySize >= 512)) failures.push(`${where}: ${settings.memorySize} MB is too little memory`);
  return failures;
}

/** The Lambda SST created for a handler, found through the Function component that built it. */
export function lambdaOf(graph: Graph, deploy: MockDeploy, handler: string) {
  const build = deploy.builds.find((candidate) => candidate.bundle.handler === handler);
  const lambda = build && graph.childrenOf(build.functionID, "aws:lambda/function:Function")[0];
  return { build, lambda };
}

function checkNotify(graph: Graph, deploy: MockDeploy): string[] {
  const where = `notify function (${notifyFunction.handler})`;
  const { build, lambda } = lambdaOf(graph, deploy, notifyFunction.handler);
  if (!build || !lambda) return [`${where} was not created`];
  const failures = checkLambdaSettings(where, lambda);
  if (build.functionID !== linkNames.notify) failures.push(`${where} is named ${build.functionID}, not ${linkNames.notify}`);
  if (lambda.inputs.environment?.variables?.PORCH_INBOX_URL !== deploy.outputs.inboxUrl) {
    failures.push(`${where} does not get PORCH_INBOX_URL = the inbox URL`);
  }
  const invokeConfig = graph.childrenOf(build.functionID, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")[0];
  if (invokeConfig?.inputs.maximumRetryAttempts !== 0) {
    failures.push(`${where} is retried by Lambda: a notification could be sent more than once`);
  }
  // What it needs and no more: the webhook (a secret, empty until set), the table (push devices,
  // the VAPID pair); never the socket, the password or another function. The owner's address is
  // configuration, in its environment.
  const links = Object.keys(build.links).sort();
  const expectedLinks = [linkNames.notifyWebhook, linkNames.table].sort();
  if (JSON.stringify(links) !== JSON.stringify(expectedLinks)) {
    failures.push(`${where} is linked to ${JSON.stringify(links)}, expected exactly ${JSON.stringify(expectedLinks)}`);
  }
  if (build.links[linkNames.notifyWebhook]?.value !== "") failures.push(`${where}: the NotifyWebhook secret is not empty by default`);
  if (lambda.inputs.environment?.variables?.[ownerEmailVariable] !== deployed.PORCH_OWNER_EMAIL) {
    failures.push(`${where} does not get ${ownerEmailVariable}=${deployed.PORCH_OWNER_EMAIL} from the deploy's settings`);
  }
  const table = graph.ofType("aws:dynamodb/table:Table")[0];
  if (build.links[linkNames.table]?.name !== table?.state.name) failures.push(`${where} does not read the table's name`);
  const statements = policyStatements(graph, build.functionID);
  if (!statements.some((statement) => statement.Action.includes("dynamodb:*") && statement.Resource.includes(table?.state.arn))) {
    failures.push(`${where}'s role does not allow DynamoDB on the table (push devices)`);
  }
  const beyond = statements.flatMap((statement) => statement.Action).filter((action) => !/^(dynamodb|ses):/.test(action));
  if (beyond.length > 0) failures.push(`${where} may do more than use the table and send email: ${JSON.stringify(beyond)}`);
  return failures;
}

/**
 * Every function is bundled the same way (bundling.ts's `lambdaNodejs`, which the bench measures):
 * minified, which SST does only when told, and leaving out only what bundling.ts declares.
 */
function checkBundles(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  for (const build of deploy.builds) {
    const { nodejs } = build.bundle;
    failures.push(...build.bundle.errors.map((error) => `${build.functionID}: ${error}`));
    if (nodejs.minify !== true || !build.bundle.minified) {
      failures.push(
        `${build.functionID} is not minified: SST minifies only with nodejs.minify = true (it has ${JSON.stringify(nodejs.minify)})`,
      );
    }
    const external = nodejs.esbuild?.external ?? [];
    if (JSON.stringify([...external].sort()) !== JSON.stringify([...runtimeProvidedModules].sort())) {
      failures.push(
        `${build.functionID} leaves ${JSON.stringify(external)} to the runtime, backend/handlers/bundling.ts says ${JSON.stringify(runtimeProvidedModules)}`,
      );
    }
    if (JSON.stringify(nodejs) !== JSON.stringify(lambdaNodejs)) {
      failures.push(
        `${build.functionID} is bundled with ${JSON.stringify(nodejs)}, not bundling.ts's lambdaNodejs (what the bench measures)`,
      );
    }
  }
  return failures;
}

function checkLinks(graph: Graph, deploy: MockDeploy, root: string): string[] {
  const failures: string[] = [];
  const table = graph.ofType("aws:dynamodb/table:Table")[0];
  const api = graph.ofType("aws:apigatewayv2/api:Api")[0];
  const managementEndpoint = `https://${mockAws.apiId}.execute-api.${deploy.region}.amazonaws.com/$default`;
  const notify = lambdaOf(graph, deploy, notifyFunction.handler).lambda;
  // What backend/handlers/runtime.ts and notify.ts read from `Resource`.
  const routeLinks: Record<string, Record<string, unknown>> = {
    [linkNames.table]: { name: table?.state.name },
    [linkNames.socket]: { managementEndpoint },
    // Nobody ran `sst secret set`: the generated password and link key must be what handlers read.
    [linkNames.ownerPassword]: { value: mockAws.generatedPassword },
    [linkNames.linkSigningKey]: { value: generatedLinkKey },
    [linkNames.notify]: { name: notify?.state.name },
    [linkNames.attachments]: { name: attachmentsBucketOf(graph)?.state.bucket },
  };
  const notifyLinks: Record<string, Record<string, unknown>> = {
    [linkNames.notifyWebhook]: { value: "" },
  };

  for (const build of deploy.builds) {
    if (build.bundle.handler === jobsFunction.handler || build.bundle.handler === unsubscribeFunction.handler) continue; // checkJobs, checkEmail
    const isNotify = build.bundle.handler === notifyFunction.handler;
    // Answers by email are stored as a `send` is, their files too: the route's links.
    const expected = isNotify ? notifyLinks : routeLinks;
    for (const [linkName, properties] of Object.entries(expected)) {
      const linked = build.links[linkName];
      if (!linked) {
        failures.push(`${build.functionID} is not linked to ${linkName}`);
        continue;
      }
      for (const [property, value] of Object.entries(properties)) {
        if (linked[property] !== value) {
          failures.push(
            `${build.functionID}: Resource.${linkName}.${property} is ${JSON.stringify(linked[property])}, expected ${JSON.stringify(value)}`,
          );
        }
      }
    }

    const role = graph.childrenOf(build.functionID, "aws:iam/role:Role")[0];
    const statements: { Action: string[]; Resource: string[] }[] = (role?.inputs.inlinePolicies ?? []).flatMap(
      (policy: { policy: string }) => JSON.parse(policy.policy).Statement,
    );
    const allows = (action: string, resource: string) =>
      statements.some((statement) => statement.Action.includes(action) && statement.Resource.includes(resource));
    if (isNotify) continue;
    if (!allows("execute-api:ManageConnections", `${api?.state.executionArn}/*/*/@connections/*`)) {
      failures.push(`${build.functionID}'s role does not allow execute-api:ManageConnections on the socket's connections`);
    }
    if (!allows("dynamodb:*", table?.state.arn) || !allows("dynamodb:*", `${table?.state.arn}/*`)) {
      failures.push(`${build.functionID}'s role does not allow DynamoDB on the table and its indexes`);
    }
    if (!allows("lambda:InvokeFunction", notify?.state.arn)) {
      failures.push(`${build.functionID}'s role does not allow invoking the notify function`);
    }
  }

  // The handlers' types for `Resource` are the table's (checkLinkTable: the table is what is deployed).
  const declaredTypes = readFileSync(path.join(root, "sst-links.d.ts"), "utf8");
  if (!/\binterface Resource extends LinkedResources\b/.test(declaredTypes)) {
    failures.push("sst-links.d.ts does not give SST's Resource the table's links (LinkedResources, backend/handlers/links.ts)");
  }
  failures.push(...checkLinkTable(deploy));
  const generated = graph.ofType("random:index/randomPassword:RandomPassword");
  const generatedNames = generated.map((resource) => resource.name).sort();
  if (JSON.stringify(generatedNames) !== JSON.stringify(["LinkSigningKeyGenerated", "OwnerPasswordGenerated"])) {
    failures.push(
      `the OwnerPassword and LinkSigningKey secrets must each be backed by a generated value (random.RandomPassword), found ${JSON.stringify(generatedNames)}`,
    );
  }
  for (const secret of generated) {
    if (!(secret.inputs.length >= 16)) {
      failures.push(`the generated ${secret.name} is ${secret.inputs.length} characters: at least 16, never empty`);
    }
  }
  // The message handler reads its new-conversation limit from here (docs/security.md).
  for (const route of routes) {
    const { lambda } = lambdaOf(graph, deploy, route.handler);
    if (!/^\d+\/\d+$/.test(lambda?.inputs.environment?.variables?.PORCH_CONVERSATIONS_PER_ADDRESS ?? "")) {
      failures.push(`${route.routeKey}'s function has no PORCH_CONVERSATIONS_PER_ADDRESS (<count>/<seconds>)`);
    }
  }
  return failures;
}

/** The attachments' bucket (infra/bucket.ts), by its component's name. */
function attachmentsBucketOf(graph: Graph) {
  return graph.ofType("aws:s3/bucket:Bucket").find((bucket) => parentNameOf(bucket) === linkNames.attachments);
}

/**
 * What each function may do to the attachments' objects (infra/bucket.ts): the socket's functions
 * are linked to the bucket (one chat runtime; the link reads), the message function writes (and
 * the inbound function, the files of answers by email), the jobs function deletes; nothing may
 * list or change the bucket.
 */
const attachmentGrants: Partial<Record<string, readonly string[]>> = {
  ...Object.fromEntries(routes.map((route) => [route.handler, ["s3:GetObject"]])),
  [routes.find((route) => route.routeKey === "$default")!.handler]: ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"],
  [inboundFunction.handler]: ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"],
  [jobsFunction.handler]: ["s3:DeleteObject", "s3:GetObject"],
};

/**
 * The attachments' bucket as docs/deploy.md ("Attachments") says: private (every public access
 * blocked, no policy allowing anyone), CORS POST from any origin and nothing else, unsent uploads
 * expiring after a day, every object created under `attachments/` an event to the jobs queue,
 * and only the message function writing (presigned POSTs, tags) and the jobs function deleting.
 * The notify and unsubscribe functions may not touch it.
 */
function checkAttachments(graph: Graph, deploy: MockDeploy): string[] {
  const bucket = attachmentsBucketOf(graph);
  if (!bucket) return ["no attachments' bucket"];
  const failures: string[] = [];
  const part = (type: string) => graph.childrenOf(linkNames.attachments, type)[0]?.inputs ?? {};
  const block = part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
  for (const setting of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
    if (block[setting] !== true) failures.push(`the attachments' bucket does not set ${setting}: it could be made public`);
  }
  const policy = JSON.parse(part("aws:s3/bucketPolicy:BucketPolicy").policy ?? "{}");
  const allows = [policy.Statement ?? []].flat().filter((statement: { Effect: string }) => statement.Effect === "Allow");
  if (allows.length) failures.push(`the attachments' bucket policy allows ${JSON.stringify(allows)}`);
  const cors = part("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration").corsRules ?? [];
  const corsRule = { origins: cors[0]?.allowedOrigins, methods: cors[0]?.allowedMethods };
  if (
    cors.length !== 1 ||
    JSON.stringify(corsRule) !== JSON.stringify({ origins: attachmentCors.allowOrigins, methods: attachmentCors.allowMethods })
  ) {
    failures.push(`the attachments' bucket's CORS is ${JSON.stringify(cors)}: POST from any origin, nothing else, expected`);
  }
  const rules = part("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules ?? [];
  const expiry = {
    status: "Enabled",
    filter: { tag: { key: sentTag.key, value: sentTag.unsent } },
    expiration: { days: unsentUploadExpiryDays },
  };
  if (
    rules.length !== 1 ||
    JSON.stringify({ status: rules[0].status, filter: rules[0].filter, expiration: rules[0].expiration }) !== JSON.stringify(expiry)
  ) {
    failures.push(
      `the attachments' bucket's lifecycle is ${JSON.stringify(rules)}: unsent uploads (tag ${sentTag.key}=${sentTag.unsent}) must expire after a day`,
    );
  }
  const notification = graph
    .ofType("aws:s3/bucketNotification:BucketNotification")
    .find((candidate) => candidate.inputs.bucket === bucket.inputs.bucket);
  const queue = graph.ofType("aws:sqs/queue:Queue").find((candidate) => parentNameOf(candidate) === linkNames.jobs);
  const events = notification?.inputs.queues ?? [];
  const expected = [{ events: ["s3:ObjectCreated:*"], filterPrefix: "attachments/", queueArn: queue?.state.arn }];
  if (
    JSON.stringify(events.map(({ events, filterPrefix, queueArn }: Record<string, unknown>) => ({ events, filterPrefix, queueArn }))) !==
    JSON.stringify(expected)
  ) {
    failures.push(`the attachments' bucket notifies ${JSON.stringify(events)}: every upload must be an event on the jobs queue`);
  }
  const objects = `${bucket.state.arn}/*`;
  for (const build of deploy.builds) {
    // The inbound function reads its raw mail's bucket too (assert-inbound.ts checks that grant).
    const ofRawMail = (statement: { Resource: string[] }) =>
      build.bundle.handler === inboundFunction.handler && statement.Resource.every((resource) => resource.endsWith(`/${rawMailPrefix}*`));
    const statements = policyStatements(graph, build.functionID).filter(
      (statement) => statement.Action.some((action) => action.startsWith("s3:")) && !ofRawMail(statement),
    );
    const granted = [...new Set(statements.flatMap((statement) => statement.Action))].sort();
    const expectedGrants = attachmentGrants[build.bundle.handler] ?? [];
    if (JSON.stringify(granted) !== JSON.stringify(expectedGrants)) {
      failures.push(`${build.functionID} may use ${JSON.stringify(granted)} of S3, expected ${JSON.stringify(expectedGrants)}`);
    }
    const elsewhere = statements.flatMap((statement) => statement.Resource).filter((resource) => resource !== objects);
    if (elsewhere.length)
      failures.push(`${build.functionID} may use S3 on ${JSON.stringify(elsewhere)}, not only the attachments' objects`);
  }
  return failures;
}

/** Which function of the table of links a bundle is. */
function linkedFunctionOf(handler: string): LinkedFunction | undefined {
  if (routes.some((route) => route.handler === handler)) return "route";
  if (handler === notifyFunction.handler) return "notify";
  if (handler === jobsFunction.handler) return "jobs";
  if (handler === unsubscribeFunction.handler) return "unsubscribe";
  if (handler === inboundFunction.handler) return "inbound";
  return undefined;
}

/**
 * What the handlers' `Resource` type says (backend/handlers/links.ts) is what SST gives them:
 * each function exactly the links whose rows name it, each link of its row's kind, with exactly
 * the properties of that kind.
 */
function checkLinkTable(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  for (const build of deploy.builds) {
    const linkedFunction = linkedFunctionOf(build.bundle.handler);
    if (!linkedFunction) {
      failures.push(`${build.functionID} runs ${build.bundle.handler}, no function of backend/handlers/routes.ts`);
      continue;
    }
    const linked = Object.keys(build.links).sort();
    const expected = linksOf(linkedFunction)
      .map((key) => linkNames[key])
      .sort();
    if (JSON.stringify(linked) !== JSON.stringify(expected)) {
      failures.push(`${build.functionID} is linked to ${JSON.stringify(linked)}, the table of links says ${JSON.stringify(expected)}`);
    }
    for (const [name, value] of Object.entries(build.links)) {
      const row = Object.values(linkTable).find((link) => link.name === name);
      if (!row) continue;
      // SST's type is the component's, after its parents' (`pulumi.pulumi.Stack$sst.aws.Dynamo`).
      const kind = String(value.type).split("$").pop();
      if (kind !== row.kind) failures.push(`${build.functionID}: Resource.${name} is a ${kind}, the table of links says ${row.kind}`);
      const properties = Object.keys(value)
        .filter((property) => property !== "type")
        .sort();
      const declared = [...linkProperties[row.kind]].sort();
      if (JSON.stringify(properties) !== JSON.stringify(declared)) {
        failures.push(
          `${build.functionID}: Resource.${name} has ${JSON.stringify(properties)}, the table of links types ${JSON.stringify(declared)}`,
        );
      }
    }
  }
  return failures;
}

function checkStage(graph: Graph): string[] {
  const stage = graph.ofType("aws:apigatewayv2/stage:Stage")[0];
  const limits = stage?.inputs.defaultRouteSettings ?? {};
  if (!(limits.throttlingRateLimit > 0 && limits.throttlingBurstLimit > 0)) {
    return ["the WebSocket stage has no throttling: one API could use the whole account's regional quota"];
  }
  return [];
}

function checkSite(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const builder = graph.ofType("command:local:Command").find((command) => command.name.startsWith("PorchSite"));
  if (builder?.inputs.create !== "npm run build") failures.push(`the site is not built with "npm run build"`);
  if (builder?.inputs.environment?.PORCH_ENDPOINT !== deploy.outputs.websocketUrl) {
    failures.push("the site build does not get PORCH_ENDPOINT = the WebSocket URL");
  }

  const uploads = graph.ofType("pulumi-nodejs:dynamic:Resource").find((resource) => resource.name.includes("BucketFiles"));
  const files: { key: string; cacheControl: string; contentType: string }[] = uploads?.inputs.files ?? [];
  // Earlier releases' chunks stay in the bucket and in CloudFront's routes (the KV store's keys).
  const routes = graph.ofType("pulumi-nodejs:dynamic:Resource").find((resource) => resource.name.includes("KvKeys"));
  for (const [what, resource] of [
    ["bucket", uploads],
    ["routes", routes],
  ] as const) {
    if (resource?.inputs.purge !== purgeEarlierReleases) {
      failures.push(`a deploy purges the site's ${what} (purge: ${resource?.inputs.purge}): pages open before it lose their chunk`);
    }
  }
  const immutable = (cacheControl: string) => cacheControl.includes("immutable");
  const shortLived = (cacheControl: string) => {
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? NaN);
    return !immutable(cacheControl) && maxAge <= 3600;
  };
  for (const required of stableFiles) {
    if (!files.some((file) => file.key === required)) {
      failures.push(
        `the site does not upload ${required}: dist/ from \`npm run build\` has only ${files.map((file) => file.key).join(", ") || "nothing"}`,
      );
    }
  }
  // The inbox app's manifest and service worker: their declared type, and the worker re-checked on every visit.
  for (const [key, declared] of Object.entries(declaredFiles)) {
    const file = files.find((candidate) => candidate.key === key);
    if (!file) failures.push(`the site does not upload ${key}`);
    else if (file.contentType !== declared.contentType || file.cacheControl !== declared.cacheControl) {
      failures.push(
        `${key} is uploaded as ${file.contentType} with "${file.cacheControl}", infra/hosting.ts says ${declared.contentType} with "${declared.cacheControl}"`,
      );
    }
  }
  const worker = files.find((file) => file.key === inboxApp.serviceWorker);
  if (worker && /max-age=[1-9]/.test(worker.cacheControl)) failures.push(`the service worker is cached ("${worker.cacheControl}")`);
  for (const file of files) {
    if (Object.hasOwn(declaredFiles, file.key)) continue;
    const stableUrl = (stableFiles as readonly string[]).includes(file.key);
    if (stableUrl && !shortLived(file.cacheControl)) {
      failures.push(`${file.key} keeps its URL across deploys but is cached with "${file.cacheControl}"`);
    }
    if (!stableUrl && !immutable(file.cacheControl)) {
      failures.push(`${file.key} is a hashed asset but is cached with "${file.cacheControl}"`);
    }
    // What docs/deploy.md's table says, from infra/hosting.ts.
    const documented = stableUrl ? cacheControl.stable : cacheControl.hashed;
    if (file.cacheControl !== documented)
      failures.push(`${file.key} is cached with "${file.cacheControl}", infra/hosting.ts says "${documented}"`);
  }
  return failures;
}

/** CloudFront's path patterns: `*` any run of characters, `?` one; case-sensitive. */
function matchesPathPattern(pattern: string, path: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^/?${regex.replace(/^\//, "")}$`).test(path);
}

/**
 * The headers infra/hosting.ts declares, on the real distribution: the response headers policy
 * of the behavior that serves each of porch.js, a chunk, inbox.html and /inbox must send CORS
 * to any origin, frame-ancestors 'none' and nosniff, as the local stack does.
 */
function checkSiteHeaders(graph: Graph): string[] {
  const distributions = graph.ofType("aws:cloudfront/distribution:Distribution");
  if (distributions.length !== 1) return [`expected one CloudFront distribution, found ${distributions.length}`];
  const distribution = distributions[0]!.inputs;
  const policies = graph.ofType("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
  const behaviorFor = (path: string) =>
    (distribution.orderedCacheBehaviors ?? []).find((behavior: any) => matchesPathPattern(behavior.pathPattern, path)) ??
    distribution.defaultCacheBehavior;

  const failures: string[] = [];
  const paths = ["/porch.js", "/porch-0a1b2c3d.js", "/inbox.html", "/inbox", "/inbox.js", "/favicon.svg"];
  for (const path of paths) {
    const policyId = behaviorFor(path)?.responseHeadersPolicyId;
    const policy = policies.find((candidate) => idOf(candidate) === policyId);
    if (!policy) {
      failures.push(`CloudFront serves ${path} with no response headers policy (${policyId ?? "none"}): no CORS, no frame-ancestors`);
      continue;
    }
    const cors = policy.inputs.corsConfig ?? {};
    const security = policy.inputs.securityHeadersConfig ?? {};
    const problems = [
      !(cors.accessControlAllowOrigins?.items ?? []).includes(siteHeaders.allowOrigin) &&
        `Access-Control-Allow-Origin is not "${siteHeaders.allowOrigin}"`,
      !(cors.accessControlAllowMethods?.items ?? []).includes("GET") && "CORS does not allow GET",
      cors.accessControlAllowCredentials !== false && "CORS allows credentials",
      cors.originOverride !== true && "CORS does not override the origin's headers",
      security.contentSecurityPolicy?.contentSecurityPolicy !== siteHeaders.contentSecurityPolicy &&
        `Content-Security-Policy is not "${siteHeaders.contentSecurityPolicy}"`,
      security.contentSecurityPolicy?.override !== true && "Content-Security-Policy does not override the origin's",
      security.frameOptions?.frameOption !== siteHeaders.frameOptions && `X-Frame-Options is not ${siteHeaders.frameOptions}`,
      security.contentTypeOptions?.override !== true && "X-Content-Type-Options: nosniff is not set",
    ].filter((problem): problem is string => typeof problem === "string");
    failures.push(...problems.map((problem) => `CloudFront's headers for ${path} (${policy.name}): ${problem}`));
  }
  return [...new Set(failures)];
}

/**
 * docs/deploy.md names every log group as SST names it (`/aws/lambda/<app>-<stage>-<function>-`
 * then a random suffix, the app name cut short when the whole would be too long). A queue
 * subscriber's name also carries a hash of the queue's ARN, unknown before the deploy: the docs
 * write it `…`.
 */
function checkLogGroups(graph: Graph, root: string): string[] {
  const docs = readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
  const created = graph.ofType("aws:cloudwatch/logGroup:LogGroup").map((group) =>
    String(group.inputs.name)
      .replace(/-[a-z]{8}$/, "-")
      .replace(/Subscriber[A-Z][a-z]{5}Function/, "Subscriber…Function"),
  );
  const documented = [...docs.matchAll(/`(\/aws\/[^`\s]+-)…`/g)].map((match) => match[1]!);
  const failures = created
    .filter((prefix) => !documented.includes(prefix))
    .map((prefix) => `docs/deploy.md does not list the log group ${prefix}…`);
  for (const prefix of documented) {
    if (!created.includes(prefix)) failures.push(`docs/deploy.md lists a log group ${prefix}… that the deploy does not create`);
  }
  return failures;
}

function checkOutputs(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const outputs = deploy.outputs as Record<string, string | undefined>;
  const websocketUrl = `wss://${mockAws.apiId}.execute-api.${deploy.region}.amazonaws.com/$default`;
  // Production serves the site on its own domain (PORCH_SITE_DOMAIN).
  const siteUrl = `https://${deployed.PORCH_SITE_DOMAIN}`;
  if (outputs.websocketUrl !== websocketUrl) failures.push(`output websocketUrl is ${outputs.websocketUrl}, expected ${websocketUrl}`);
  if (outputs.scriptUrl !== `${siteUrl}/porch.js`) failures.push(`output scriptUrl is ${outputs.scriptUrl}`);
  if (outputs.inboxUrl !== `${siteUrl}/inbox.html`) failures.push(`output inboxUrl is ${outputs.inboxUrl}`);
  const tag = outputs.scriptTag ?? "";
  if (!/^<script\b[^>]*><\/script>$/.test(tag) || !tag.includes(`src="${siteUrl}/porch.js"`) || !tag.includes(websocketUrl)) {
    failures.push(`output scriptTag is not a <script> tag with porch.js and the endpoint: ${tag}`);
  }
  if (!outputs.ownerPassword?.includes(`npm run password -- --stage ${deploy.stage}`)) {
    failures.push(`output ownerPassword does not say how to print the generated password: ${outputs.ownerPassword}`);
  }
  if (outputs.region !== deploy.region) failures.push(`output region is ${outputs.region}, expected ${deploy.region}`);
  const table = deploy.resources.find((resource) => resource.type === "aws:dynamodb/table:Table");
  if (outputs.table !== table?.state.name) failures.push(`output table is ${outputs.table}, not the table's name ${table?.state.name}`);
  return failures;
}

// ---- the job queue ---------------------------------------------------------------------------

/**
 * The jobs queue (backend/jobs/): a queue with a dead-letter queue after `maxReceiveCount`
 * receives, a visibility timeout longer than the jobs function runs, an event source mapping
 * with partial batch responses, and a jobs function linked to the table, the queue and the socket
 * only (it tells visitors the owner has gone). The message handler may enqueue.
 */
function checkJobs(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const settings = jobsFunction.queue;
  const queues = graph.ofType("aws:sqs/queue:Queue");
  const queue = queues.find((candidate) => parentNameOf(candidate) === linkNames.jobs);
  const deadLetters = queues.find((candidate) => parentNameOf(candidate) === `${linkNames.jobs}DeadLetters`);
  if (!queue || !deadLetters)
    return [
      `the ${linkNames.jobs} queue and its dead-letter queue were not both created (queues: ${queues.map((q) => q.name).join(", ") || "none"})`,
    ];
  const redrive = JSON.parse(queue.inputs.redrivePolicy ?? "{}");
  if (redrive.deadLetterTargetArn !== deadLetters.state.arn)
    failures.push(`the jobs queue's failed messages do not go to its dead-letter queue: ${queue.inputs.redrivePolicy}`);
  if (redrive.maxReceiveCount !== settings.maxReceiveCount) {
    failures.push(
      `the jobs queue moves a message to the dead-letter queue after ${redrive.maxReceiveCount} receives, routes.ts says ${settings.maxReceiveCount}`,
    );
  }
  if (!(deadLetters.inputs.messageRetentionSeconds >= 7 * 24 * 3600)) {
    failures.push(
      `dead letters are kept ${deadLetters.inputs.messageRetentionSeconds ?? "the default"} s: too short to look into a failed job`,
    );
  }
  if (queue.inputs.fifoQueue) failures.push("the jobs queue is FIFO: per-message DelaySeconds needs a standard queue");

  const where = `jobs function (${jobsFunction.handler})`;
  const { build, lambda } = lambdaOf(graph, deploy, jobsFunction.handler);
  if (!build || !lambda) return [...failures, `${where} was not created`];
  const fn = lambda.inputs;
  if (fn.timeout !== jobsFunction.timeoutS) failures.push(`${where}: timeout ${fn.timeout} s, routes.ts says ${jobsFunction.timeoutS} s`);
  if (!(queue.inputs.visibilityTimeoutSeconds > fn.timeout)) {
    failures.push(
      `the jobs queue's visibility timeout (${queue.inputs.visibilityTimeoutSeconds} s) must be longer than the function's timeout (${fn.timeout} s): a running job would be handed out again`,
    );
  }
  if (queue.inputs.visibilityTimeoutSeconds !== settings.visibilityTimeoutS) {
    failures.push(
      `the jobs queue's visibility timeout is ${queue.inputs.visibilityTimeoutSeconds} s, routes.ts says ${settings.visibilityTimeoutS} s`,
    );
  }
  if (!(nodeRuntimes as readonly string[]).includes(fn.runtime))
    failures.push(`${where}: runtime ${fn.runtime} is not a supported Node runtime`);
  if (JSON.stringify(fn.architectures) !== JSON.stringify(["arm64"]))
    failures.push(`${where}: architecture ${JSON.stringify(fn.architectures)}, expected arm64`);

  const mapping = graph
    .ofType("aws:lambda/eventSourceMapping:EventSourceMapping")
    .find((candidate) => candidate.inputs.eventSourceArn === queue.state.arn);
  if (!mapping) failures.push("no event source mapping feeds the jobs queue to a function");
  else {
    if (mapping.inputs.functionName !== lambda.state.arn)
      failures.push(`the jobs queue feeds ${mapping.inputs.functionName}, not the jobs function`);
    if (!(mapping.inputs.functionResponseTypes ?? []).includes("ReportBatchItemFailures")) {
      failures.push(
        "the jobs queue's event source mapping does not report batch item failures: one failed job would run its whole batch again",
      );
    }
    if (mapping.inputs.batchSize !== settings.batchSize)
      failures.push(`the jobs batch size is ${mapping.inputs.batchSize}, routes.ts says ${settings.batchSize}`);
  }

  // Linked to what it needs and nothing more, with the values the handler reads: reply emails need
  // the link key, the owner-away job the socket, and the owner's digests the notify function and
  // the password (for their links' references).
  const table = graph.ofType("aws:dynamodb/table:Table")[0];
  const notify = lambdaOf(graph, deploy, notifyFunction.handler).lambda;
  const expectedLinks: Record<string, Record<string, unknown>> = {
    [linkNames.table]: { name: table?.state.name },
    [linkNames.jobs]: { url: queue.state.url },
    [linkNames.linkSigningKey]: { value: generatedLinkKey },
    [linkNames.socket]: { managementEndpoint: `https://${mockAws.apiId}.execute-api.${deploy.region}.amazonaws.com/$default` },
    [linkNames.ownerPassword]: { value: mockAws.generatedPassword },
    [linkNames.notify]: { name: notify?.state.name },
    [linkNames.attachments]: { name: attachmentsBucketOf(graph)?.state.bucket },
  };
  const linked = Object.keys(build.links).sort();
  if (JSON.stringify(linked) !== JSON.stringify(Object.keys(expectedLinks).sort())) {
    failures.push(`${where} is linked to ${JSON.stringify(linked)}, expected exactly ${JSON.stringify(Object.keys(expectedLinks).sort())}`);
  }
  // (Linking a queue grants `sqs:*` on it, SST's choice, as linking the table grants `dynamodb:*`.)
  const allowsOn = (functionID: string, action: string, resource: string | undefined) =>
    policyStatements(graph, functionID).some(
      (statement) =>
        (statement.Action.includes(action) || statement.Action.includes(`${action.split(":")[0]}:*`)) &&
        statement.Resource.includes(resource ?? ""),
    );
  const allows = (action: string, resource: string | undefined) => allowsOn(build.functionID, action, resource);
  for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"]) {
    if (!allows(action, queue.state.arn)) failures.push(`${where}'s role does not allow ${action} on the jobs queue`);
  }
  if (!allows("dynamodb:*", table?.state.arn) || !allows("dynamodb:*", `${table?.state.arn}/*`)) {
    failures.push(`${where}'s role does not allow DynamoDB on the table and its indexes`);
  }
  const api = graph.ofType("aws:apigatewayv2/api:Api")[0];
  if (!allows("execute-api:ManageConnections", `${api?.state.executionArn}/*/*/@connections/*`)) {
    failures.push(`${where}'s role does not allow execute-api:ManageConnections on the socket's connections`);
  }
  if (!allows("lambda:InvokeFunction", notify?.state.arn)) failures.push(`${where}'s role does not allow invoking the notify function`);

  // The message handler enqueues a sweep when the owner deletes a conversation.
  const message = routes.find((route) => route.routeKey === "$default")!;
  const messageBuild = deploy.builds.find((candidate) => candidate.bundle.handler === message.handler);
  for (const [linkName, properties] of Object.entries(expectedLinks)) {
    for (const [property, value] of Object.entries(properties)) {
      if (build.links[linkName]?.[property] !== value)
        failures.push(
          `${where}: Resource.${linkName}.${property} is ${JSON.stringify(build.links[linkName]?.[property])}, expected ${JSON.stringify(value)}`,
        );
    }
  }
  if (messageBuild?.links[linkNames.jobs]?.url !== queue.state.url)
    failures.push(`the message handler is not linked to the jobs queue (Resource.${linkNames.jobs}.url)`);
  if (messageBuild && !allowsOn(messageBuild.functionID, "sqs:SendMessage", queue.state.arn)) {
    failures.push("the message handler's role does not allow sqs:SendMessage on the jobs queue");
  }
  return failures;
}

// ---- retention ---------------------------------------------------------------------------

/**
 * The retention job (infra/retention.ts): an EventBridge schedule, daily and enabled, that
 * invokes the jobs function with the retention job as its event, through a role that the
 * scheduler alone may assume and that may invoke that function and nothing else; and the
 * deploy's `PORCH_RETENTION_DAYS` given to the functions that read it (the jobs function deletes,
 * the message function says it in `hello`).
 */
function checkRetention(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const expectedDays = deployed.PORCH_RETENTION_DAYS;
  const jobs = lambdaOf(graph, deploy, jobsFunction.handler).lambda;
  const schedules = graph
    .ofType("aws:scheduler/schedule:Schedule")
    .filter((candidate) => parentNameOf(candidate) === retentionSchedule.name);
  if (schedules.length !== 1) return [`expected one ${retentionSchedule.name} schedule, found ${schedules.length}`];
  const schedule = schedules[0]!.inputs;
  if (schedule.scheduleExpression !== retentionSchedule.expression)
    failures.push(`the retention schedule runs ${schedule.scheduleExpression}, expected ${retentionSchedule.expression}`);
  if (schedule.state !== "ENABLED")
    failures.push(`the retention schedule is ${schedule.state}, expected ENABLED with ${expectedDays} days`);
  if (!jobs || schedule.target?.arn !== jobs.state.arn)
    failures.push(`the retention schedule invokes ${schedule.target?.arn}, not the jobs function`);
  let event: unknown;
  try {
    event = JSON.parse(schedule.target?.input ?? "");
  } catch {
    event = undefined;
  }
  if (JSON.stringify(event) !== JSON.stringify(retentionJob))
    failures.push(`the retention schedule sends ${schedule.target?.input}, expected ${JSON.stringify(retentionJob)}`);
  const role = graph.ofType("aws:iam/role:Role").find((candidate) => candidate.state.arn === schedule.target?.roleArn);
  if (!role) return [...failures, "the retention schedule's role was not created"];
  const trust = JSON.stringify(role.inputs.assumeRolePolicy ?? "");
  if (!trust.includes("scheduler.amazonaws.com") || /lambda\.amazonaws|ecs-tasks/.test(trust))
    failures.push(`the retention schedule's role may be assumed by ${trust}, expected EventBridge Scheduler alone`);
  const statements: { Action: string | string[]; Resource: string | string[] }[] = (role.inputs.inlinePolicies ?? []).flatMap(
    (policy: { policy: string }) => JSON.parse(policy.policy).Statement,
  );
  const granted = statements.flatMap((statement) =>
    [statement.Action].flat().flatMap((action) => [statement.Resource].flat().map((resource) => `${action} ${resource}`)),
  );
  if (JSON.stringify(granted) !== JSON.stringify([`lambda:InvokeFunction ${jobs?.state.arn}`]))
    failures.push(
      `the retention schedule's role grants ${JSON.stringify(granted)}, expected lambda:InvokeFunction on the jobs function alone`,
    );
  const readers: [string, RecordedResource | undefined][] = [
    ["the jobs function", jobs],
    ...routes.map((route): [string, RecordedResource | undefined] => [
      `${route.routeKey}'s function`,
      lambdaOf(graph, deploy, route.handler).lambda,
    ]),
  ];
  for (const [where, lambda] of readers) {
    const days = lambda?.inputs.environment?.variables?.[retentionVariables.days];
    if (days !== expectedDays)
      failures.push(`${where} gets ${retentionVariables.days}=${JSON.stringify(days)}, expected ${JSON.stringify(expectedDays)}`);
  }
  return failures;
}

// ---- reply emails --------------------------------------------------------------------------

/**
 * Reply emails, as deployed with production's settings (scenarios.ts): the SES identity and
 * its configuration set; `ses:SendEmail` on the jobs function alone, and nothing more of SES; the
 * settings in the functions' environment; the delay within SQS's per-message limit, through the
 * jobs queue (checkJobs checks its subscription); the unsubscribe endpoint a public function URL
 * running the unsubscribe handler, linked to the table and the link key only.
 */
function checkEmail(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const settings = deployed;
  const identities = graph.ofType("aws:sesv2/emailIdentity:EmailIdentity");
  const configSets = graph.ofType("aws:sesv2/configurationSet:ConfigurationSet");
  if (identities.length !== 1 || configSets.length !== 1) {
    return [
      `expected one SES identity and one configuration set for ${settings.PORCH_EMAIL_SENDER}, found ${identities.length} and ${configSets.length}`,
    ];
  }
  const identity = identities[0]!;
  const configSet = configSets[0]!;
  if (parentNameOf(identity) !== componentNames.email) failures.push(`the SES identity is not ${componentNames.email}'s`);
  if (identity.inputs.emailIdentity !== settings.PORCH_EMAIL_SENDER) {
    failures.push(`the SES identity is ${identity.inputs.emailIdentity}, PORCH_EMAIL_SENDER says ${settings.PORCH_EMAIL_SENDER}`);
  }
  if (identity.inputs.configurationSetName !== configSet.inputs.configurationSetName) {
    failures.push("the SES identity does not use its configuration set");
  }
  const dkim = graph.ofType("aws:route53/record:Record").filter((record) => String(record.inputs.name).includes("._domainkey."));
  if (dkim.length !== 3) failures.push(`expected SES's 3 DKIM records in Route 53 for a domain sender, found ${dkim.length}`);

  failures.push(...checkSenders(deploy, configSet.state.arn));
  const jobs = lambdaOf(graph, deploy, jobsFunction.handler);
  const notify = lambdaOf(graph, deploy, notifyFunction.handler);
  // The owner's emails: with an identity and the owner's address, the output says they are on.
  if (!String(deploy.outputs.ownerEmails).startsWith(`on: notifications are emailed to ${settings.PORCH_OWNER_EMAIL}`)) {
    failures.push(`output ownerEmails does not say the owner's emails are on: ${JSON.stringify(deploy.outputs.ownerEmails)}`);
  }
  // From the identity, the site's name in the subject, links to the inbox.
  const notifyVariables = notify.lambda?.inputs.environment?.variables ?? {};
  const ownerEmailEnvironment = {
    [emailEnv.from]: `porch@${settings.PORCH_EMAIL_SENDER}`,
    [emailEnv.siteUrl]: settings.PORCH_SITE_URL,
    [emailEnv.siteName]: settings.PORCH_SITE_NAME,
    PORCH_INBOX_URL: deploy.outputs.inboxUrl,
  };
  for (const [name, value] of Object.entries(ownerEmailEnvironment)) {
    if (notifyVariables[name] !== value) {
      failures.push(`the notify function gets ${name}=${JSON.stringify(notifyVariables[name])}, expected ${JSON.stringify(value)}`);
    }
  }

  // The settings, as each function reads them (backend/email/settings.ts).
  const unsubscribeLambda = lambdaOf(graph, deploy, unsubscribeFunction.handler).lambda;
  const unsubscribeUrl = graph
    .ofType("aws:lambda/functionUrl:FunctionUrl")
    .find((url) => url.inputs.functionName === unsubscribeLambda?.state.name)?.state.functionUrl;
  const message = lambdaOf(graph, deploy, routes.find((route) => route.routeKey === "$default")!.handler).lambda;
  const expectedEnvironment = {
    [emailEnv.visitorEmails]: "on",
    [emailEnv.delayS]: settings.PORCH_VISITOR_EMAIL_DELAY_S,
    [emailEnv.from]: `porch@${settings.PORCH_EMAIL_SENDER}`,
    [emailEnv.siteUrl]: settings.PORCH_SITE_URL,
    [emailEnv.siteName]: settings.PORCH_SITE_NAME,
  };
  const functionsReading: [string, RecordedResource | undefined, Record<string, unknown>][] = [
    ["the message handler", message, expectedEnvironment],
    ["the jobs function", jobs.lambda, { ...expectedEnvironment, [emailEnv.unsubscribeUrl]: unsubscribeUrl }],
    ["the unsubscribe function", unsubscribeLambda, expectedEnvironment],
  ];
  for (const [where, lambda, expected] of functionsReading) {
    const variables = lambda?.inputs.environment?.variables ?? {};
    for (const [name, value] of Object.entries(expected)) {
      if (variables[name] !== value)
        failures.push(`${where} gets ${name}=${JSON.stringify(variables[name])}, expected ${JSON.stringify(value)}`);
    }
  }
  const delayS = Number(message?.inputs.environment?.variables?.[emailEnv.delayS]);
  if (!(Number.isInteger(delayS) && delayS >= 1 && delayS <= 900)) {
    failures.push(`the reply email delay (${delayS} s) must be 1 to 900 s: SQS's per-message DelaySeconds is the delay`);
  }

  // The unsubscribe endpoint: public (mail providers POST to it without credentials), running the handler.
  const where = `unsubscribe function (${unsubscribeFunction.handler})`;
  const unsubscribe = lambdaOf(graph, deploy, unsubscribeFunction.handler);
  if (!unsubscribe.build || !unsubscribe.lambda) return [...failures, `${where} was not created`];
  failures.push(...checkLambdaSettings(where, unsubscribe.lambda));
  if (unsubscribe.build.functionID !== componentNames.unsubscribe) failures.push(`${where} is named ${unsubscribe.build.functionID}`);
  const url = graph
    .ofType("aws:lambda/functionUrl:FunctionUrl")
    .find((candidate) => candidate.inputs.functionName === unsubscribe.lambda!.state.name);
  if (!url) failures.push(`${where} has no function URL: the links in reply emails would lead nowhere`);
  else if (url.inputs.authorizationType !== "NONE")
    failures.push(`${where}'s URL needs ${url.inputs.authorizationType} auth: mail providers cannot call it`);
  const permissions = graph
    .ofType("aws:lambda/permission:Permission")
    .filter((permission) => permission.inputs.function === unsubscribe.lambda!.state.name);
  if (!permissions.some((permission) => permission.inputs.action === "lambda:InvokeFunctionUrl" && permission.inputs.principal === "*")) {
    failures.push(`${where}'s URL is not public (no lambda:InvokeFunctionUrl for everyone)`);
  }
  if (deploy.outputs.unsubscribeUrl !== unsubscribeUrl) failures.push("output unsubscribeUrl is not the function's URL");
  const links = Object.keys(unsubscribe.build.links).sort();
  const expectedLinks = [linkNames.linkSigningKey, linkNames.table].sort();
  if (JSON.stringify(links) !== JSON.stringify(expectedLinks)) {
    failures.push(`${where} is linked to ${JSON.stringify(links)}, expected exactly ${JSON.stringify(expectedLinks)}`);
  }
  if (unsubscribe.build.links[linkNames.linkSigningKey]?.value !== generatedLinkKey)
    failures.push(`${where} does not read the generated link key`);
  const granted = policyStatements(graph, unsubscribe.build.functionID).flatMap((statement) => statement.Action);
  const beyondTable = granted.filter((action) => !action.startsWith("dynamodb:"));
  if (beyondTable.length > 0) failures.push(`${where} may do more than use the table: ${JSON.stringify(beyondTable)}`);
  return failures;
}

/**
 * Who may send: the jobs function (reply emails) and the notify function (the owner's), with
 * ses:SendEmail only, on the identity's configuration set (the one this stage made, or the one
 * of the identity it shares) and the account's verified identities; no other function.
 */
export function checkSenders(deploy: MockDeploy, configurationSetArn: string): string[] {
  const failures: string[] = [];
  const graph = new Graph(deploy.resources);
  const jobs = lambdaOf(graph, deploy, jobsFunction.handler);
  const notify = lambdaOf(graph, deploy, notifyFunction.handler);
  const senders = new Map([
    [jobs.build?.functionID, "the jobs function"],
    [notify.build?.functionID, "the notify function"],
  ]);
  const sendResources = [configurationSetArn, `arn:aws:ses:${deploy.region}:${mockAws.accountId}:identity/*`];
  for (const build of deploy.builds) {
    const sesStatements = policyStatements(graph, build.functionID).filter((statement) =>
      statement.Action.some((action) => action.startsWith("ses:")),
    );
    const sender = senders.get(build.functionID);
    if (!sender && sesStatements.length > 0) {
      failures.push(
        `${build.functionID} may use SES (${sesStatements.flatMap((statement) => statement.Action).join(", ")}): only the jobs and notify functions send`,
      );
    }
    if (!sender) continue;
    const actions = [...new Set(sesStatements.flatMap((statement) => statement.Action))];
    if (JSON.stringify(actions) !== JSON.stringify(["ses:SendEmail"])) {
      failures.push(`${sender} may use ${JSON.stringify(actions)} of SES, expected exactly ["ses:SendEmail"]`);
    }
    const resources = [...new Set(sesStatements.flatMap((statement) => statement.Resource))].sort();
    if (JSON.stringify(resources) !== JSON.stringify([...sendResources].sort())) {
      failures.push(`${sender} may send through ${JSON.stringify(resources)}, expected ${JSON.stringify(sendResources)}`);
    }
  }
  return failures;
}

export function policyStatements(graph: Graph, functionID: string): { Action: string[]; Resource: string[] }[] {
  const role = graph.childrenOf(functionID, "aws:iam/role:Role")[0];
  return (role?.inputs.inlinePolicies ?? []).flatMap((policy: { policy: string }) => JSON.parse(policy.policy).Statement);
}
