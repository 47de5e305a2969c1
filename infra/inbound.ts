/// <reference path="../.sst/platform/config.d.ts" />
import { inboundComponents, inboundFunction } from "#backend/handlers/routes.ts";
import { rawMailEnv, rawMailPrefix } from "#backend/inbound/raw-mail.ts";
import { ownerEmailVariable } from "#backend/notify/owner-email.ts";
import type { attachmentBucket } from "./bucket.ts";
import { lambda, linksFor, type LinkedComponents } from "./functions.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * Answers by email on AWS (docs/deploy.md, "Answers by email"), with PORCH_INBOUND_DOMAIN: SES
 * receives the domain's mail (its MX record: created in Route 53, or printed), a receipt rule set
 * made the account's active one in this region, whose rule takes `reply+…` mail for the domain
 * only, scans it, stores it raw in a private bucket (expired after 7 days; SES alone may put, for
 * this account's rule) and invokes the inbound function (SES alone may, for this account), which
 * reads the bucket and stores the answer as a `send` would (it has the message handler's links),
 * its files in the attachments' bucket (`attachmentWrites`: put and tag).
 */
export function inbound(
  links: LinkedComponents<"inbound">,
  settings: DeploySettings,
  attachmentWrites: ReturnType<typeof attachmentBucket>["attachmentWrites"]["inbound"],
) {
  const domain = settings.email.inboundDomain;
  if (!domain) return null;
  const accountId = aws.getCallerIdentityOutput().accountId;
  const region = aws.getRegionOutput().region;
  const bucket = privateExpiringBucket();
  const ruleSet = new aws.ses.ReceiptRuleSet(inboundComponents.ruleSet, { ruleSetName: `${$app.name}-${$app.stage}-inbound` });
  const ruleName = `${$app.name}-${$app.stage}-answers`;
  const ruleArn = $interpolate`arn:aws:ses:${region}:${accountId}:receipt-rule-set/${ruleSet.ruleSetName}:receipt-rule/${ruleName}`;
  const policy = new aws.s3.BucketPolicy(`${inboundComponents.bucket}Policy`, {
    bucket: bucket.id,
    policy: $jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SesPutsRawMail",
          Effect: "Allow",
          Principal: { Service: "ses.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: $interpolate`${bucket.arn}/${rawMailPrefix}*`,
          Condition: { StringEquals: { "AWS:SourceAccount": accountId, "AWS:SourceArn": ruleArn } },
        },
      ],
    }),
  });
  const fn = new sst.aws.Function(inboundComponents.function, {
    ...lambda,
    handler: inboundFunction.handler,
    timeout: `${inboundFunction.timeoutS} seconds`,
    link: linksFor("inbound", links),
    environment: {
      ...settings.email.environment,
      ...settings.ownerProfile,
      ...settings.limits,
      ...settings.retention.environment,
      ...(settings.ownerEmail ? { [ownerEmailVariable]: settings.ownerEmail } : {}),
      [rawMailEnv.bucket]: bucket.bucket,
    },
    permissions: [{ actions: ["s3:GetObject"], resources: [$interpolate`${bucket.arn}/${rawMailPrefix}*`] }, ...attachmentWrites],
  });
  const permission = new aws.lambda.Permission(`${inboundComponents.function}FromSes`, {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "ses.amazonaws.com",
    sourceAccount: accountId,
    sourceArn: ruleArn,
  });
  const rule = new aws.ses.ReceiptRule(
    inboundComponents.rule,
    {
      name: ruleName,
      ruleSetName: ruleSet.ruleSetName,
      recipients: [domain],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: "Optional",
      s3Actions: [{ position: 1, bucketName: bucket.bucket, objectKeyPrefix: rawMailPrefix }],
      lambdaActions: [{ position: 2, functionArn: fn.arn, invocationType: "Event" }],
    },
    // SES checks both when the rule is made.
    { dependsOn: [policy, permission] },
  );
  new aws.ses.ActiveReceiptRuleSet(`${inboundComponents.ruleSet}Active`, { ruleSetName: ruleSet.ruleSetName }, { dependsOn: [rule] });
  const mxValue = $interpolate`10 inbound-smtp.${region}.amazonaws.com`;
  const identity = settings.email.identity;
  if (identity?.dns === "route53" && settings.email.sender) {
    const zone = aws.route53.getZoneOutput({ name: settings.email.sender });
    new aws.route53.Record(inboundComponents.mx, { zoneId: zone.zoneId, name: domain, type: "MX", ttl: 300, records: [mxValue] });
    return { functionName: fn.name, mx: $interpolate`${domain} MX ${mxValue} (created in Route 53)` };
  }
  return { functionName: fn.name, mx: $interpolate`${domain} MX ${mxValue}: add this record where the domain's DNS is` };
}

/** The bucket of raw mail: private, every object expired after `rawMailExpiryDays`. */
function privateExpiringBucket() {
  // Raw mail is personal data of no later use: `sst remove` deletes it, even on production (whose
  // `removal: "retain"` would keep the bucket).
  const bucket = new aws.s3.Bucket(inboundComponents.bucket, { forceDestroy: true }, { retainOnDelete: false });
  new aws.s3.BucketPublicAccessBlock(`${inboundComponents.bucket}Private`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketLifecycleConfiguration(`${inboundComponents.bucket}Expiry`, {
    bucket: bucket.id,
    rules: [
      { id: "expire-raw-mail", status: "Enabled", filter: { prefix: "" }, expiration: { days: inboundComponents.rawMailExpiryDays } },
    ],
  });
  return bucket;
}
