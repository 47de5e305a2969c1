/**
 * Answers by email as deployed (infra/inbound.ts): the receipt rule set active, its rule taking
 * the inbound domain's mail into the bucket and then the inbound function, the bucket private with
 * its 7-day expiry and a policy letting only SES (for this account's rule) put, the function's
 * permission for SES alone, its links and its read of the bucket (its writes of the attachments'
 * bucket: assert-graph.ts, with every function's), the MX record or its output.
 */
import { emailEnv } from "#backend/email/settings.ts";
import { inboundComponents, inboundFunction } from "#backend/handlers/routes.ts";
import { rawMailEnv, rawMailPrefix } from "#backend/inbound/raw-mail.ts";
import { type Graph, lambdaOf, policyStatements } from "./assert-graph.ts";
import { mockAws, type MockDeploy } from "./mock-deploy.ts";

export function checkInbound(graph: Graph, deploy: MockDeploy, domain: string, mx: "route53" | "printed"): string[] {
  const failures: string[] = [];
  const one = (type: string) => {
    const found = graph.ofType(type);
    if (found.length !== 1) failures.push(`expected one ${type} for answers by email, found ${found.length}`);
    return found[0];
  };
  const ruleSet = one("aws:ses/receiptRuleSet:ReceiptRuleSet");
  const rule = one("aws:ses/receiptRule:ReceiptRule");
  const active = one("aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet");
  const bucket = graph.ofType("aws:s3/bucket:Bucket").find((candidate) => candidate.name === inboundComponents.bucket);
  const { build, lambda } = lambdaOf(graph, deploy, inboundFunction.handler);
  if (!ruleSet || !rule || !active || !bucket || !build || !lambda) return [...failures, "answers by email are not deployed whole"];
  const ruleSetName = ruleSet.inputs.ruleSetName;
  if (active.inputs.ruleSetName !== ruleSetName) failures.push("the active receipt rule set is not Porch's");
  if (rule.inputs.ruleSetName !== ruleSetName) failures.push("the receipt rule is not in Porch's rule set");
  if (JSON.stringify(rule.inputs.recipients) !== JSON.stringify([domain])) {
    failures.push(`the receipt rule's recipients are ${JSON.stringify(rule.inputs.recipients)}, expected [${domain}]`);
  }
  if (rule.inputs.enabled !== true || rule.inputs.scanEnabled !== true) failures.push("the receipt rule is not enabled with scanning");
  const s3 = rule.inputs.s3Actions?.[0];
  const invoke = rule.inputs.lambdaActions?.[0];
  if (s3?.bucketName !== bucket.state.bucket || s3?.objectKeyPrefix !== rawMailPrefix) {
    failures.push(`the rule does not store raw mail in the bucket under ${rawMailPrefix}`);
  }
  if (invoke?.functionArn !== lambda.state.arn || invoke?.invocationType !== "Event" || !(s3?.position < invoke?.position)) {
    failures.push("the rule does not invoke the inbound function (asynchronously) after storing the mail");
  }
  // The bucket: private, expiring, SES alone may put, for this account's rule.
  // Mocked resources get the id `<name>-id` (mock-deploy.ts).
  const ofBucket = (type: string) => graph.ofType(type).find((candidate) => candidate.inputs.bucket === `${bucket.name}-id`);
  const blocks = ofBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
  if (
    !blocks ||
    !["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((key) => blocks.inputs[key])
  ) {
    failures.push("the inbound bucket is not private");
  }
  const lifecycle = ofBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
  if (lifecycle?.inputs.rules?.[0]?.expiration?.days !== inboundComponents.rawMailExpiryDays)
    failures.push(`raw mail does not expire after ${inboundComponents.rawMailExpiryDays} days`);
  const policy = ofBucket("aws:s3/bucketPolicy:BucketPolicy");
  const statements: {
    Principal?: { Service?: string };
    Action?: string;
    Resource?: string;
    Condition?: Record<string, Record<string, string>>;
  }[] = policy ? JSON.parse(policy.inputs.policy).Statement : [];
  const sesPut = statements.find(
    (statement) => statement.Principal?.Service === "ses.amazonaws.com" && statement.Action === "s3:PutObject",
  );
  if (!sesPut || sesPut.Resource !== `${bucket.state.arn}/${rawMailPrefix}*`)
    failures.push("the bucket policy does not let SES put raw mail");
  else if (
    sesPut.Condition?.StringEquals?.["AWS:SourceAccount"] !== mockAws.accountId ||
    !sesPut.Condition.StringEquals["AWS:SourceArn"]?.includes(":receipt-rule/")
  ) {
    failures.push("the bucket policy lets SES put for any account or rule (no SourceAccount and SourceArn)");
  }
  // The function: SES alone invokes it, for this account; it reads the raw mail and nothing else of S3.
  const permission = graph
    .ofType("aws:lambda/permission:Permission")
    .find((candidate) => candidate.inputs.principal === "ses.amazonaws.com");
  if (!permission || permission.inputs.function !== lambda.state.name || permission.inputs.sourceAccount !== mockAws.accountId) {
    failures.push("SES may not invoke the inbound function, or may for any account");
  }
  const variables = lambda.inputs.environment?.variables ?? {};
  if (variables[emailEnv.inboundDomain] !== domain) failures.push(`the inbound function does not get ${emailEnv.inboundDomain}=${domain}`);
  if (variables[rawMailEnv.bucket] !== bucket.state.bucket) failures.push(`the inbound function does not get ${rawMailEnv.bucket}`);
  if (variables[rawMailEnv.dir] !== undefined) failures.push(`the inbound function gets ${rawMailEnv.dir}, the local stack's only`);
  // Of the raw mail's bucket, it reads the raw mail only (assert-graph.ts checks the attachments' grants).
  const rawMailActions = policyStatements(graph, build.functionID)
    .flatMap((statement) => statement.Action.map((action) => ({ action, resources: statement.Resource })))
    .filter(
      ({ action, resources }) =>
        action.startsWith("s3:") &&
        resources.some((resource) => resource === bucket.state.arn || resource.startsWith(`${bucket.state.arn}/`)),
    );
  if (
    rawMailActions.length !== 1 ||
    rawMailActions[0]!.action !== "s3:GetObject" ||
    rawMailActions[0]!.resources.join() !== `${bucket.state.arn}/${rawMailPrefix}*`
  ) {
    failures.push(
      `the inbound function's access to raw mail is ${JSON.stringify(rawMailActions)}, expected GetObject on the raw mail only`,
    );
  }
  // The MX record: in Route 53, or in the output to add by hand.
  const records = graph.ofType("aws:route53/record:Record").filter((record) => record.inputs.type === "MX");
  const mxValue = `10 inbound-smtp.${deploy.region}.amazonaws.com`;
  if (mx === "route53" && (records.length !== 1 || records[0]!.inputs.name !== domain || records[0]!.inputs.records?.[0] !== mxValue)) {
    failures.push(
      `expected the MX record ${domain} → ${mxValue} in Route 53, found ${JSON.stringify(records.map((record) => record.inputs))}`,
    );
  }
  if (mx === "printed" && records.length > 0) failures.push("an MX record was made in Route 53 for a domain whose DNS is elsewhere");
  if (!String(deploy.outputs.answersByEmail).includes(`${domain} MX ${mxValue}`)) {
    failures.push(`output answersByEmail does not give the MX record: ${JSON.stringify(deploy.outputs.answersByEmail)}`);
  }
  return failures;
}

/** Without an inbound domain, nothing of it is deployed. */
export function checkNoInbound(graph: Graph, deploy: MockDeploy): string[] {
  const made = [
    "aws:ses/receiptRuleSet:ReceiptRuleSet",
    "aws:ses/receiptRule:ReceiptRule",
    "aws:ses/activeReceiptRuleSet:ActiveReceiptRuleSet",
  ]
    .flatMap((type) => graph.ofType(type))
    .map((resource) => resource.name);
  if (lambdaOf(graph, deploy, inboundFunction.handler).build) made.push(inboundComponents.function);
  return made.length > 0 ? [`a stage without ${emailEnv.inboundDomain} made ${made.join(", ")}`] : [];
}
