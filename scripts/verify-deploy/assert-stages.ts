/**
 * Porch beside itself: a second stage in production's region, and production deployed to a
 * second region before the first is removed (docs/deploy.md), must create nothing whose name
 * another already holds, and a stage that does not own the SES identity must use it, not make it.
 *
 * A name is unique within a scope: the account (IAM, CloudFront, whose names span every region),
 * the world (S3 buckets, CloudFront's alternate domain names), a region (functions, tables,
 * queues, topics, log groups, alarms, SES identities and configuration sets) or a DNS zone
 * (records). Every resource type the deploy makes is listed here with the field that names it, or
 * as named by AWS alone; a type not listed fails the check until someone says which it is.
 */
import { componentNames } from "#backend/handlers/routes.ts";
import { checkSenders, parentNameOf } from "./assert-graph.ts";
import { mockAws, type MockDeploy, type RecordedResource } from "./mock-deploy.ts";
import { productionOnlyEnv, siteEnv } from "./scenarios.ts";

type Scope = "account" | "world" | "region" | "zone";

/** The field that names a resource of each type, and where that name must be unique. */
const namedTypes: Record<string, { field: string; scope: Scope }> = {
  "aws:iam/role:Role": { field: "name", scope: "account" },
  "aws:iam/policy:Policy": { field: "name", scope: "account" },
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": { field: "name", scope: "account" },
  "aws:cloudfront/cachePolicy:CachePolicy": { field: "name", scope: "account" },
  "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": { field: "name", scope: "account" },
  "aws:cloudfront/function:Function": { field: "name", scope: "account" },
  "aws:cloudfront/keyValueStore:KeyValueStore": { field: "name", scope: "account" },
  "aws:cloudfront/originAccessControl:OriginAccessControl": { field: "name", scope: "account" },
  "aws:cloudfront/distribution:Distribution": { field: "aliases", scope: "world" },
  "aws:s3/bucket:Bucket": { field: "bucket", scope: "world" },
  "aws:s3/bucketV2:BucketV2": { field: "bucket", scope: "world" },
  "aws:lambda/function:Function": { field: "name", scope: "region" },
  "aws:dynamodb/table:Table": { field: "name", scope: "region" },
  "aws:sqs/queue:Queue": { field: "name", scope: "region" },
  "aws:sns/topic:Topic": { field: "name", scope: "region" },
  // Unique within its schedule group (the region's default one).
  "aws:scheduler/schedule:Schedule": { field: "name", scope: "region" },
  "aws:cloudwatch/logGroup:LogGroup": { field: "name", scope: "region" },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { field: "name", scope: "region" },
  "aws:sesv2/emailIdentity:EmailIdentity": { field: "emailIdentity", scope: "region" },
  "aws:sesv2/configurationSet:ConfigurationSet": { field: "configurationSetName", scope: "region" },
  "aws:ses/domainIdentityVerification:DomainIdentityVerification": { field: "domain", scope: "region" },
  "aws:route53/record:Record": { field: "name", scope: "zone" },
  "aws:ses/receiptRuleSet:ReceiptRuleSet": { field: "ruleSetName", scope: "region" },
  // Unique within its rule set: the region is stricter.
  "aws:ses/receiptRule:ReceiptRule": { field: "name", scope: "region" },
};

/** Types with no name of their own to collide on: AWS names them, or they hang off a named resource. */
const unnamedTypes = new Set([
  "aws:apigateway/account:Account",
  "aws:apigatewayv2/api:Api",
  "aws:apigatewayv2/integration:Integration",
  "aws:apigatewayv2/route:Route",
  "aws:apigatewayv2/routeResponse:RouteResponse",
  "aws:apigatewayv2/stage:Stage",
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:lambda/eventSourceMapping:EventSourceMapping",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:lambda/functionUrl:FunctionUrl",
  "aws:lambda/permission:Permission",
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketNotification:BucketNotification",
  // One per account and region, whatever its name: only the stage with PORCH_INBOUND_DOMAIN makes it (docs/deploy.md).
  "aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:sqs/queuePolicy:QueuePolicy",
  "command:local:Command",
  "pulumi-nodejs:dynamic:Resource",
  "random:index/randomBytes:RandomBytes",
  "random:index/randomPassword:RandomPassword",
]);

/** Resources that make something in AWS: not components, not providers. */
function created(deploy: MockDeploy): RecordedResource[] {
  return deploy.resources.filter((resource) => resource.custom && !resource.type.startsWith("pulumi:providers:"));
}

/** Each unique name the deploy claims, with what claims it. An auto-named resource (no name given) claims none. */
function claimedNames(deploy: MockDeploy): { names: Map<string, string>; unknown: string[] } {
  const names = new Map<string, string>();
  const unknown = new Set<string>();
  for (const resource of created(deploy)) {
    const named = namedTypes[resource.type];
    if (!named) {
      if (!unnamedTypes.has(resource.type)) unknown.add(resource.type);
      continue;
    }
    const values = [resource.inputs[named.field]].flat().filter((value): value is string => typeof value === "string" && value !== "");
    for (const value of values) {
      const bare = value.replace(/\.$/, "").toLowerCase();
      const key = {
        account: `${resource.type} ${bare}`,
        world: `${named.field} ${bare}`,
        region: `${resource.type} ${deploy.region} ${bare}`,
        zone: `DNS ${resource.inputs.type} ${bare}`,
      }[named.scope];
      names.set(key, `${resource.type} ${resource.name}`);
    }
  }
  return {
    names,
    unknown: [...unknown].map((type) => `${type} is not in assert-stages.ts: say which field names it and where that name is unique`),
  };
}

/** Names `beside` claims that `first` holds already: what would fail with AlreadyExists. */
export function checkNoCollisions(first: MockDeploy, beside: MockDeploy, what: string) {
  const held = claimedNames(first);
  const claimed = claimedNames(beside);
  const failures = [...new Set([...held.unknown, ...claimed.unknown])];
  for (const [key, claimant] of claimed.names) {
    const holder = held.names.get(key);
    if (holder)
      failures.push(
        `${what}: ${claimant} takes the name "${key.split(" ").pop()}" that ${holder} of stage ${first.stage} in ${first.region} holds`,
      );
  }
  return failures;
}

const sesTypes = (deploy: MockDeploy) => created(deploy).filter((resource) => resource.type.startsWith("aws:ses"));
const dnsRecords = (deploy: MockDeploy) => created(deploy).filter((resource) => resource.type === "aws:route53/record:Record");

/**
 * A stage that does not own the identity (the second stage, with the shared .env): it looks the
 * identity up, makes no SES resource and no DNS record, and sends through the identity's
 * configuration set. It gets no site domain (that is .env.production's).
 */
export function checkSharedIdentity(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const sender = siteEnv.PORCH_EMAIL_SENDER;
  const made = sesTypes(deploy);
  if (made.length > 0)
    failures.push(`stage ${deploy.stage} creates ${made.map((r) => r.type).join(", ")}: production's identity is the region's`);
  if (
    !deploy.invokes.some((call) => call.token === "aws:sesv2/getEmailIdentity:getEmailIdentity" && call.inputs.emailIdentity === sender)
  ) {
    failures.push(`stage ${deploy.stage} does not look up the SES identity ${sender}`);
  }
  const records = dnsRecords(deploy);
  if (records.length > 0) failures.push(`stage ${deploy.stage} writes DNS records: ${records.map((r) => r.inputs.name).join(", ")}`);
  const configurationSet = `arn:aws:ses:${deploy.region}:${mockAws.accountId}:configuration-set/${mockAws.sharedConfigurationSet}`;
  failures.push(...checkSenders(deploy, configurationSet).map((failure) => `stage ${deploy.stage}: ${failure}`));
  if (!String(deploy.outputs.emailIdentity).includes("shared by this stage")) {
    failures.push(
      `stage ${deploy.stage}'s output emailIdentity does not say it shares the identity: ${String(deploy.outputs.emailIdentity)}`,
    );
  }
  return failures;
}

/** The `_dmarc` records a deploy writes. */
const dmarcRecords = (deploy: MockDeploy) => dnsRecords(deploy).filter((record) => String(record.inputs.name).startsWith("_dmarc."));

/**
 * A domain in Route 53: SES's three DKIM records, and `_dmarc` only when PORCH_EMAIL_DMARC asks for
 * it, with the owner's value, replacing the record there (SST's Email would write `p=none` and fail
 * on an existing one).
 */
export function checkDmarc(deploy: MockDeploy, asked: string | undefined): string[] {
  const records = dmarcRecords(deploy);
  if (!asked)
    return records.length === 0 ? [] : [`stage ${deploy.stage} writes ${records[0]!.inputs.name} though no DMARC record was asked for`];
  const record = records[0];
  if (records.length !== 1 || !record) return [`expected one _dmarc record with PORCH_EMAIL_DMARC set, found ${records.length}`];
  const failures: string[] = [];
  if (record.inputs.name !== `_dmarc.${siteEnv.PORCH_EMAIL_SENDER}` || record.inputs.type !== "TXT")
    failures.push(`the DMARC record is ${record.inputs.type} ${record.inputs.name}`);
  if (JSON.stringify(record.inputs.records) !== JSON.stringify([asked]))
    failures.push(`the DMARC record holds ${JSON.stringify(record.inputs.records)}, not ${asked}`);
  if (record.inputs.allowOverwrite !== true)
    failures.push("the DMARC record does not replace the one the domain has: the deploy would fail on it");
  return failures;
}

/**
 * A domain whose DNS is elsewhere (PORCH_EMAIL_DNS=manual): the identity and its configuration set
 * made directly (keeping an earlier release's, inside SST's Email, by alias), nothing that waits
 * for SES to verify, no DNS record written, and the records to add printed: SES's three DKIM
 * CNAMEs for this identity's tokens and the DMARC record asked for.
 */
export function checkDnsElsewhere(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const sender = siteEnv.PORCH_EMAIL_SENDER;
  const identity = created(deploy).find((resource) => resource.type === "aws:sesv2/emailIdentity:EmailIdentity");
  const configurationSet = created(deploy).find((resource) => resource.type === "aws:sesv2/configurationSet:ConfigurationSet");
  if (!identity || !configurationSet) return [`with DNS elsewhere, no SES identity and configuration set for ${sender}`];
  const waiting = created(deploy).filter((resource) => resource.type === "aws:ses/domainIdentityVerification:DomainIdentityVerification");
  if (waiting.length > 0) failures.push("with DNS elsewhere the deploy waits for SES to verify the domain (up to 45 minutes, then fails)");
  if (dnsRecords(deploy).length > 0)
    failures.push(
      `with DNS elsewhere the deploy writes to Route 53: ${dnsRecords(deploy)
        .map((r) => r.inputs.name)
        .join(", ")}`,
    );
  if (identity.inputs.configurationSetName !== configurationSet.inputs.configurationSetName)
    failures.push("the identity does not use its configuration set");
  const earlier = `urn:pulumi:${deploy.stage}::porch::sst:aws:Email::${componentNames.email}`;
  for (const resource of [identity, configurationSet]) {
    if (parentNameOf(resource) === componentNames.email) continue;
    if (!resource.aliases.some((alias) => alias.startsWith(`${earlier}::${resource.name}`)))
      failures.push(
        `${resource.name} has no alias to its earlier place inside ${componentNames.email}: an upgrade would make the identity again`,
      );
  }
  const tokens: string[] = identity.state.dkimSigningAttributes.tokens;
  const expected = [
    ...tokens.map((token) => `${token}._domainkey.${sender} CNAME ${token}.dkim.amazonses.com`),
    `_dmarc.${sender} TXT "${productionOnlyEnv.PORCH_EMAIL_DMARC}"`,
  ];
  if (JSON.stringify(deploy.outputs.emailDnsRecords) !== JSON.stringify(expected)) {
    failures.push(`output emailDnsRecords is ${JSON.stringify(deploy.outputs.emailDnsRecords)}, expected ${JSON.stringify(expected)}`);
  }
  failures.push(...checkSenders(deploy, configurationSet.state.arn).map((failure) => `with DNS elsewhere: ${failure}`));
  return failures;
}

/** The region move: the new region makes its own identity (identities are regional) and, per the docs, no domain and no DMARC yet. */
export function checkRegionMove(deploy: MockDeploy, region: string): string[] {
  const failures: string[] = [];
  if (deploy.outputs.region !== region) failures.push(`the moved stage deploys to ${String(deploy.outputs.region)}, not ${region}`);
  const identity = created(deploy).find((resource) => resource.type === "aws:sesv2/emailIdentity:EmailIdentity");
  if (!identity) failures.push(`production in ${region} makes no SES identity: the identity of another region cannot send here`);
  failures.push(...checkDmarc(deploy, undefined));
  return failures;
}
