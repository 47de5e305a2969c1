/**
 * Running Porch over time, on production's graph: the jobs queue cannot take the chat's
 * concurrency, the owner hears of the bad day (alarms by email), what `sst remove` keeps and the
 * backups are what docs/deploy.md says, an upgrade's new widget waits for its functions, the table
 * can be deployed over the last release's, the site is served on the owner's domain, and the
 * deploying user's documented policy covers every service the deploy uses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { componentNames, jobsFunction } from "#backend/handlers/routes.ts";
import { tableDefinition } from "#backend/store/table.ts";
import { releasedTable, replacementRefusal, tableChanges, tableShape, upgradeNote } from "#infra/table-upgrade.ts";
import { Graph, parentNameOf } from "./assert-graph.ts";
import type { MockDeploy, RecordedResource } from "./mock-deploy.ts";
import { scenarios } from "./scenarios.ts";

const settings = scenarios.production.env;

export function assertOperations(deploy: MockDeploy, root: string): string[] {
  if (deploy.problems.length > 0) return [];
  const graph = new Graph(deploy.resources);
  return [
    ...checkJobsConcurrency(graph),
    ...checkAlarms(graph),
    ...checkRetention(graph, deploy),
    ...checkSiteAfterFunctions(graph),
    ...checkTableRelease(deploy),
    ...checkSiteDomain(graph, deploy),
    ...checkDeployPolicy(deploy, root),
  ];
}

/** SQS invokes the jobs function at most `maxConcurrency` times at once (2 to 1,000 is what SQS accepts). */
function checkJobsConcurrency(graph: Graph): string[] {
  const { maxConcurrency } = jobsFunction.queue;
  if (!(maxConcurrency >= 2 && maxConcurrency <= 1000)) return [`routes.ts caps the jobs at ${maxConcurrency}: SQS accepts 2 to 1,000`];
  const mappings = graph.ofType("aws:lambda/eventSourceMapping:EventSourceMapping");
  const capped = mappings.filter((mapping) => mapping.inputs.scalingConfig?.maximumConcurrency === maxConcurrency);
  return mappings.length === 1 && capped.length === 1
    ? []
    : [
        `the jobs queue's event source mapping is not capped at ${maxConcurrency} concurrent invocations (scalingConfig: ${JSON.stringify(mappings[0]?.inputs.scalingConfig)}): a burst of jobs could take the chat's concurrency`,
      ];
}

/** The alarm watching `metricName`, or the one whose metric queries do. */
const alarmOn = (alarms: RecordedResource[], metricName: string) =>
  alarms.find(
    (alarm) =>
      alarm.inputs.metricName === metricName ||
      (alarm.inputs.metricQueries ?? []).some((query: any) => query.metric?.metricName === metricName),
  );

/**
 * The owner's alarms: an SNS topic with the owner's address subscribed by email, and alarms on
 * the dead-letter queue, on every function's errors and on frames API Gateway refused, each
 * telling the topic when it goes off and when it clears.
 */
function checkAlarms(graph: Graph): string[] {
  const failures: string[] = [];
  const topic = graph.ofType("aws:sns/topic:Topic").find((candidate) => parentNameOf(candidate) === componentNames.alarms);
  if (!topic) return [`with PORCH_OWNER_EMAIL set there is no ${componentNames.alarms} topic: alarms reach nobody`];
  const subscriptions = graph.ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === topic.state.arn);
  if (
    subscriptions.length !== 1 ||
    subscriptions[0]!.inputs.protocol !== "email" ||
    subscriptions[0]!.inputs.endpoint !== settings.PORCH_OWNER_EMAIL
  ) {
    failures.push(
      `the alarms' topic is not subscribed by email to ${settings.PORCH_OWNER_EMAIL}: ${JSON.stringify(subscriptions.map((s) => s.inputs))}`,
    );
  }
  const alarms = graph.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
  for (const alarm of alarms) {
    if (!(alarm.inputs.alarmActions ?? []).includes(topic.state.arn) || !(alarm.inputs.okActions ?? []).includes(topic.state.arn)) {
      failures.push(`alarm ${alarm.inputs.name} does not tell the owner's topic when it goes off and when it clears`);
    }
  }

  const deadLetters = graph.ofType("aws:sqs/queue:Queue").find((queue) => parentNameOf(queue) === "PorchJobsDeadLetters");
  const deadLetterAlarm = alarmOn(alarms, "ApproximateNumberOfMessagesVisible");
  if (deadLetterAlarm?.inputs.dimensions?.QueueName !== deadLetters?.inputs.name || !(deadLetterAlarm?.inputs.threshold === 0)) {
    failures.push("no alarm goes off when the jobs' dead-letter queue holds a message");
  }
  const functionNames = graph
    .ofType("aws:lambda/function:Function")
    .map((fn) => fn.inputs.name)
    .sort();
  const errorsAlarm = alarmOn(alarms, "Errors");
  const watched = (errorsAlarm?.inputs.metricQueries ?? [])
    .filter((query: any) => query.metric?.metricName === "Errors")
    .map((query: any) => query.metric.dimensions?.FunctionName)
    .sort();
  if (JSON.stringify(watched) !== JSON.stringify(functionNames)) {
    failures.push(`the function errors alarm watches ${JSON.stringify(watched)}, not every function: ${JSON.stringify(functionNames)}`);
  }
  const api = graph.ofType("aws:apigatewayv2/api:Api")[0];
  const refusedAlarm = alarmOn(alarms, "ClientError");
  if (refusedAlarm?.inputs.dimensions?.ApiId !== `${api?.name}-id` || refusedAlarm?.inputs.dimensions?.Stage !== "$default") {
    failures.push("no alarm goes off when API Gateway refuses frames (the stage's throttle)");
  }
  return failures;
}

/**
 * What `sst remove --stage production` keeps, as docs/deploy.md ("Remove") says: the table, with
 * point-in-time recovery on, the attachments' bucket (with the policy that lets it notify the
 * jobs queue, made in its name), and API Gateway's account-wide logging role that SST keeps
 * everywhere; the site's bucket (rebuilt by any deploy) goes.
 */
function checkRetention(graph: Graph, deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const table = graph.ofType("aws:dynamodb/table:Table")[0];
  if (table?.inputs.pointInTimeRecovery?.enabled !== true)
    failures.push("the table has no point-in-time recovery: there would be nothing to restore from");
  const kept = deploy.resources.filter((resource) => resource.custom && resource.retainOnDelete).map((resource) => resource.type);
  const documented = [
    "aws:apigateway/account:Account",
    "aws:dynamodb/table:Table",
    "aws:iam/role:Role",
    "aws:s3/bucket:Bucket",
    "aws:sqs/queuePolicy:QueuePolicy",
  ];
  if (JSON.stringify([...new Set(kept)].sort()) !== JSON.stringify(documented)) {
    failures.push(
      `\`sst remove --stage ${deploy.stage}\` keeps ${JSON.stringify(kept)}, docs/deploy.md ("Remove") says ${JSON.stringify(documented)}`,
    );
  }
  return failures;
}

/**
 * A deploy uploads the new porch.js and inbox after the functions they talk to are deployed.
 * SST's site builder resolves its inputs before it registers the build command (so the graph shows
 * no edge): the build's environment must hold every function's deployed name, which exists only
 * once the function is deployed, and the command and the upload of its output come after them.
 */
function checkSiteAfterFunctions(graph: Graph): string[] {
  const builder = graph.ofType("command:local:Command").find((command) => command.name === "PorchSiteBuilder");
  const uploads = graph.ofType("pulumi-nodejs:dynamic:Resource").find((resource) => resource.name.includes("AssetFiles"));
  if (!builder || !uploads) return ["the site's build or upload was not found"];
  const failures: string[] = [];
  const functions = graph.ofType("aws:lambda/function:Function");
  const waitedFor = String(builder.inputs.environment?.PORCH_FUNCTIONS_DEPLOYED ?? "").split(",");
  const order = (resource: RecordedResource) => graph.resources.indexOf(resource);
  for (const fn of functions) {
    if (!waitedFor.includes(fn.inputs.name) || order(fn) > order(builder)) {
      failures.push(`the site is built without waiting for ${fn.name}: a new widget could meet the old handler`);
    }
  }
  if (order(uploads) < order(builder)) failures.push("the site's files are uploaded before it is built");
  return failures;
}

/**
 * The table deploys over the last release's (infra/released-table.json): no change that would
 * replace it, and a change of global indexes announced by the deploy's note.
 */
function checkTableRelease(deploy: MockDeploy): string[] {
  const changes = tableChanges(releasedTable.table, tableShape(tableDefinition));
  const refusal = replacementRefusal(changes, releasedTable.release);
  if (refusal) return [`backend/store/table.ts: ${refusal}`];
  const note = upgradeNote(changes, releasedTable.release);
  if (!note)
    return deploy.outputs.upgradeNote === undefined
      ? []
      : [`the deploy prints an upgrade note for an unchanged table: ${JSON.stringify(deploy.outputs.upgradeNote)}`];
  return deploy.outputs.upgradeNote === note && deploy.warnings.some((warning) => warning.includes(note))
    ? []
    : [`the global indexes change (${changes.globalIndexes.join(", ")}) but the deploy does not print the upgrade note`];
}

/** PORCH_SITE_DOMAIN: the distribution answers for it, with a certificate made for it, and Route 53 points it there. */
function checkSiteDomain(graph: Graph, deploy: MockDeploy): string[] {
  const domain = settings.PORCH_SITE_DOMAIN;
  const failures: string[] = [];
  const distribution = graph.ofType("aws:cloudfront/distribution:Distribution")[0];
  if (!(distribution?.inputs.aliases ?? []).includes(domain)) failures.push(`the distribution does not answer for ${domain}`);
  const certificate = graph.ofType("aws:acm/certificate:Certificate").find((candidate) => candidate.inputs.domainName === domain);
  if (!certificate) failures.push(`no certificate is made for ${domain}`);
  const records = graph
    .ofType("aws:route53/record:Record")
    .filter((record) => record.inputs.name === domain && record.inputs.aliases?.length);
  if (
    records
      .map((record) => record.inputs.type)
      .sort()
      .join() !== "A,AAAA"
  )
    failures.push(`Route 53 does not point ${domain} at the distribution`);
  if (deploy.outputs.inboxUrl !== `https://${domain}/inbox.html`)
    failures.push(`output inboxUrl is ${String(deploy.outputs.inboxUrl)}, not on ${domain}`);
  return failures;
}

/** The IAM service each kind of resource is made through (dynamic resources by what they call). */
function serviceOf(resource: RecordedResource): string | undefined {
  if (resource.type === "pulumi-nodejs:dynamic:Resource") {
    if (/BucketFiles/.test(resource.name)) return "s3";
    if (/KvKeys/.test(resource.name)) return "cloudfront-keyvaluestore";
    if (/HostedZoneLookup/.test(resource.name)) return "route53";
    return "cloudfront";
  }
  const module = /^aws:([a-z0-9]+)\/(\w+):/.exec(resource.type);
  if (!module) return undefined;
  const byModule: Record<string, string> = {
    apigatewayv2: "apigateway",
    sesv2: "ses",
    cloudwatch: module[2] === "logGroup" ? "logs" : "cloudwatch",
  };
  return byModule[module[1]!] ?? module[1];
}

/**
 * docs/deploy.md's policy for the deploying user (its first ```json block after "The deploying
 * user's permissions") allows some action of every service the deploy makes resources with.
 */
function checkDeployPolicy(deploy: MockDeploy, root: string): string[] {
  const docs = readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
  const section = docs.slice(docs.indexOf("### The deploying user's permissions"));
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!json) return ['docs/deploy.md has no policy for the deploying user (a ```json block under "The deploying user\'s permissions")'];
  const policy = JSON.parse(json) as { Statement: { Action: string | string[] }[] };
  const allowed = new Set(policy.Statement.flatMap((statement) => [statement.Action].flat()).map((action) => action.split(":")[0]));
  const services = new Set(
    deploy.resources
      .filter((resource) => resource.custom)
      .map(serviceOf)
      .filter((service) => service !== undefined),
  );
  return [...services]
    .filter((service) => !allowed.has(service))
    .map((service) => `docs/deploy.md's policy for the deploying user allows nothing of ${service}, which the deploy uses`);
}
