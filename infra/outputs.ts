/// <reference path="../.sst/platform/config.d.ts" />
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames } from "#backend/handlers/links.ts";
import { ownerEmailVariable } from "#backend/notify/owner-email.ts";
import type { Email } from "./email.ts";
import { deployVariables, productionStage, type DeploySettings } from "./settings.ts";

/**
 * What `sst deploy` prints: where the site, the widget's tag and the inbox are, which stage and
 * region this is, and what email, the alarms and the password are set to.
 */
export function outputs(deployed: {
  table: sst.aws.Dynamo;
  socket: sst.aws.ApiGatewayWebSocket;
  scriptUrl: $util.Output<string>;
  inboxUrl: $util.Output<string>;
  unsubscribe: sst.aws.Function;
  email: Email;
  settings: DeploySettings;
  alarms: { topic: sst.aws.SnsTopic } | null;
  upgradeNote: string | null;
  /** Answers by email: the MX record, created or to add. */
  answers: { mx: $util.Output<string> } | null;
}) {
  const { socket, scriptUrl, inboxUrl, unsubscribe, settings } = deployed;
  const region = aws.getRegionOutput().region;
  return {
    // Every later command (deploy, secret, shell, remove) must run against this region and stage.
    region,
    stage:
      $app.stage === productionStage
        ? $app.stage
        : `${$app.stage}: a stage of its own, with its own table, password and site, removed entirely by \`npx sst remove --stage ${$app.stage}\` (production is --stage ${productionStage})`,
    // The conversations' table: what a point-in-time restore starts from (docs/deploy.md, "Backups and restoring").
    table: deployed.table.name,
    websocketUrl: socket.url,
    scriptUrl,
    scriptTag: $interpolate`<script type="module" src="${scriptUrl}" data-endpoint="${socket.url}"></script>`,
    inboxUrl,
    unsubscribeUrl: unsubscribe.url,
    ...emailOutputs(deployed.email, settings, region),
    answersByEmail: deployed.answers
      ? $interpolate`on: answers to Porch's emails land in their conversation; MX record ${deployed.answers.mx}`
      : `off: set ${emailEnv.inboundDomain} to answer from your mailbox (docs/deploy.md, "Answers by email")`,
    alarms: deployed.alarms
      ? `on: alarms are emailed to ${settings.alarms!.to} once you click the link in AWS's "Subscription Confirmation" email`
      : settings.ownerEmail
        ? `off (${deployVariables.alarms}=off)`
        : `off: set ${ownerEmailVariable} to get them (docs/deploy.md, "Alarms")`,
    ...(deployed.upgradeNote ? { upgradeNote: deployed.upgradeNote } : {}),
    ownerPassword:
      process.env[`SST_SECRET_${linkNames.ownerPassword}`] !== undefined
        ? `set with \`npx sst secret set ${linkNames.ownerPassword}\``
        : `generated; print it with: npm run password -- --stage ${$app.stage}`,
  };
}

/** Whether visitors and the owner are emailed, and if not, what to do; the DNS records to add by hand. */
function emailOutputs(email: Email, settings: DeploySettings, region: $util.Output<string>) {
  const from = settings.email.environment[emailEnv.from];
  const identityStage = settings.email.identity?.ownerStage;
  return {
    emailIdentity: !email.sender
      ? `none: set ${emailEnv.sender} to set up email (docs/deploy.md)`
      : email.created
        ? $interpolate`${email.sender}, created by this stage in ${region}`
        : $interpolate`${email.sender}, ${identityStage === "none" ? "verified by hand" : `stage ${identityStage}'s`} in ${region}, shared by this stage`,
    ...(email.dnsRecords ? { emailDnsRecords: email.dnsRecords } : {}),
    visitorEmails: settings.email.visitorEmails
      ? `on: owner replies unseen for ${settings.email.environment[emailEnv.delayS]} s are emailed from ${from}`
      : email.sender
        ? $interpolate`off: set ${emailEnv.visitorEmails}=on once SES grants production access in ${region} (docs/deploy.md, "The SES sandbox")`
        : `off: set ${emailEnv.sender} to set up email (docs/deploy.md)`,
    // Whether the owner gets notification emails: the identity and the owner's address.
    ownerEmails: !email.sender
      ? `off: set ${emailEnv.sender} to set up email, then ${ownerEmailVariable} (docs/deploy.md)`
      : settings.ownerEmail
        ? `on: notifications are emailed to ${settings.ownerEmail} from ${from}`
        : `off: set ${ownerEmailVariable}=you@example.com in .env`,
  };
}
