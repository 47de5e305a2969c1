/// <reference path="../.sst/platform/config.d.ts" />
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames } from "#backend/handlers/links.ts";
import type { Email } from "./email.ts";
import type { DeploySettings } from "./settings.ts";

/** What `sst deploy` prints: where the site, the widget's tag and the inbox are, and what email and the password are set to. */
export function outputs(deployed: {
  socket: sst.aws.ApiGatewayWebSocket;
  scriptUrl: $util.Output<string>;
  inboxUrl: $util.Output<string>;
  unsubscribe: sst.aws.Function;
  email: Email;
  settings: DeploySettings;
}) {
  const { socket, scriptUrl, inboxUrl, unsubscribe } = deployed;
  return {
    // Every later command (deploy, secret, shell, remove) must run against this region.
    region: aws.getRegionOutput().region,
    websocketUrl: socket.url,
    scriptUrl,
    scriptTag: $interpolate`<script type="module" src="${scriptUrl}" data-endpoint="${socket.url}"></script>`,
    inboxUrl,
    unsubscribeUrl: unsubscribe.url,
    ...emailOutputs(deployed.email, deployed.settings.email),
    ownerPassword:
      process.env[`SST_SECRET_${linkNames.ownerPassword}`] !== undefined
        ? `set with \`npx sst secret set ${linkNames.ownerPassword}\``
        : `generated; print it with: npm run password -- --stage ${$app.stage}`,
  };
}

/** Whether visitors and the owner are emailed, and if not, what to set. */
function emailOutputs(email: Email, settings: DeploySettings["email"]) {
  const from = settings.environment[emailEnv.from];
  return {
    visitorEmails: settings.visitorEmails
      ? `on: owner replies unseen for ${settings.environment[emailEnv.delayS]} s are emailed from ${from}`
      : email.identity
        ? `off: the SES identity ${settings.sender} is set up; set ${emailEnv.visitorEmails}=on once SES production access is granted`
        : `off: set ${emailEnv.sender} to set up email (docs/deploy.md)`,
    // Whether the owner gets notification emails: the identity and the OwnerEmail secret.
    ownerEmails: !email.identity
      ? `off: set ${emailEnv.sender} to set up email, then the ${linkNames.ownerEmail} secret (docs/deploy.md)`
      : process.env[`SST_SECRET_${linkNames.ownerEmail}`]?.trim()
        ? `on: notifications are emailed to the ${linkNames.ownerEmail} secret's address from ${from}`
        : `off: set your address with \`npx sst secret set ${linkNames.ownerEmail} you@example.com\``,
  };
}
