/**
 * What `npx sst dev` does with the config: it deploys the table, the attachments' bucket, the socket and the functions
 * (which then run on this machine), not the site; StaticSite runs the site's dev command
 * instead, and the outputs point at where that serves it (infra/hosting.ts's devSiteUrl).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames } from "#backend/handlers/links.ts";
import { notifyFunction } from "#backend/handlers/routes.ts";
import { devSiteUrl } from "#infra/hosting.ts";
import { parentNameOf } from "./assert-graph.ts";
import type { MockDeploy } from "./mock-deploy.ts";

export function assertDevMode(dev: MockDeploy, root: string): string[] {
  if (dev.problems.length > 0) return [...new Set(dev.problems)];
  const failures: string[] = [];
  // The attachments' bucket is deployed in dev as the table is: the functions on this machine use it.
  const types = new Set(
    dev.resources
      .filter((resource) => resource.type !== "aws:s3/bucket:Bucket" || parentNameOf(resource) !== linkNames.attachments)
      .map((resource) => resource.type),
  );
  for (const type of [
    "aws:cloudfront/distribution:Distribution",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    "aws:s3/bucket:Bucket",
  ]) {
    if (types.has(type)) failures.push(`sst dev creates a ${type}: the site is served from this machine there`);
  }
  if (dev.builds.length > 0) failures.push(`sst dev built ${dev.builds.length} bundles: its functions run on this machine`);

  const site = dev.componentOutputs.PorchSite?._dev as { command?: string; environment?: Record<string, string> } | undefined;
  const script = /^npm run (\S+)$/.exec(site?.command ?? "")?.[1];
  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {};
  if (!script || !scripts[script]) failures.push(`sst dev runs "${site?.command}" for the site, which is no npm script of package.json`);
  const outputs = dev.outputs as Record<string, string | undefined>;
  if (!outputs.websocketUrl || site?.environment?.PORCH_ENDPOINT !== outputs.websocketUrl) {
    failures.push(
      `sst dev's site command gets PORCH_ENDPOINT ${site?.environment?.PORCH_ENDPOINT}, not the WebSocket ${outputs.websocketUrl}`,
    );
  }
  if (outputs.scriptUrl !== `${devSiteUrl}/porch.js`)
    failures.push(`in sst dev, output scriptUrl is ${outputs.scriptUrl}, not ${devSiteUrl}/porch.js`);
  if (outputs.inboxUrl !== `${devSiteUrl}/inbox.html`)
    failures.push(`in sst dev, output inboxUrl is ${outputs.inboxUrl}, not ${devSiteUrl}/inbox.html`);
  if (!outputs.scriptTag?.includes(`src="${devSiteUrl}/porch.js"`)) failures.push(`in sst dev, output scriptTag is ${outputs.scriptTag}`);
  const notify = dev.resources.find(
    (resource) => resource.type === "aws:lambda/function:Function" && resource.name.startsWith("PorchNotify"),
  );
  if (notify?.inputs.environment?.variables?.PORCH_INBOX_URL !== outputs.inboxUrl) {
    failures.push(`in sst dev, ${notifyFunction.handler} does not link to the inbox at ${outputs.inboxUrl}`);
  }
  failures.push(...assertNoEmail(dev));
  // Without the owner's address the alarms would reach nobody, and cost $0.10 a metric a month.
  const alarms = dev.resources.filter(
    (resource) => resource.type === "aws:cloudwatch/metricAlarm:MetricAlarm" || resource.type === "aws:sns/topic:Topic",
  );
  if (alarms.length > 0)
    failures.push(`without PORCH_OWNER_EMAIL the deploy creates ${alarms.map((resource) => resource.name).join(", ")}`);
  return failures;
}

/**
 * This run has no email settings (scenarios.ts's emptyEnv): no SES identity, no function may use SES, and
 * the functions are told visitor emails are off, so the widget does not offer them.
 */
function assertNoEmail(deploy: MockDeploy): string[] {
  const failures: string[] = [];
  const ses = deploy.resources.filter((resource) => resource.type.startsWith("aws:ses"));
  if (ses.length > 0) failures.push(`without PORCH_EMAIL_SENDER the deploy creates ${ses.map((resource) => resource.type).join(", ")}`);
  for (const role of deploy.resources.filter((resource) => resource.type === "aws:iam/role:Role")) {
    const actions: string[] = (role.inputs.inlinePolicies ?? []).flatMap((policy: { policy: string }) =>
      JSON.parse(policy.policy).Statement.flatMap((statement: { Action: string[] }) => statement.Action),
    );
    if (actions.some((action) => action.startsWith("ses:"))) failures.push(`without an SES identity, ${role.name} may still use SES`);
  }
  for (const lambda of deploy.resources.filter((resource) => resource.type === "aws:lambda/function:Function")) {
    const visitorEmails = lambda.inputs.environment?.variables?.[emailEnv.visitorEmails];
    if (visitorEmails !== undefined && visitorEmails !== "off")
      failures.push(`without an SES identity, ${lambda.name} gets ${emailEnv.visitorEmails}=${visitorEmails}`);
  }
  return failures;
}
