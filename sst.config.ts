/// <reference path="./.sst/platform/config.d.ts" />

/**
 * What `npx sst deploy --stage <stage>` creates in the site owner's AWS account:
 * the DynamoDB table, the WebSocket API with one Lambda per route, the owner password, link key,
 * notification webhook and owner email secrets, the jobs queue, the SES identity and the unsubscribe URL of
 * reply emails (when an email sender is configured), and the widget + inbox on S3/CloudFront.
 * docs/deploy.md is the site owner's guide; scripts/verify-deploy/ checks this file offline.
 */
export default $config({
  app(input) {
    return {
      name: "porch",
      home: "aws",
      // `sst remove` deletes everything, except that production keeps its conversations.
      removal: input?.stage === "production" ? "retain" : "remove",
      providers: {
        // Named here, not taken from AWS_REGION or the profile: SST keeps a stage's state and
        // secrets in its region, so a later `deploy`, `secret set` or `shell` run with another
        // region would silently work on another, empty app. PORCH_AWS_REGION overrides it
        // (set it for every command, or once in .env, which SST reads); docs/deploy.md.
        aws: { region: (process.env.PORCH_AWS_REGION || "us-east-1") as aws.Region },
        // Same version SST's own components use, so `sst install` adds nothing new.
        random: "4.16.6",
      },
    };
  },
  async run() {
    const { deploySettings } = await import("./infra/settings");
    const { chatTable } = await import("./infra/table");
    const { secrets } = await import("./infra/secrets");
    const { email: emailIdentity } = await import("./infra/email");
    const { socketRoutes, webSocketApi } = await import("./infra/socket");
    const { site } = await import("./infra/site");
    const { notifyLambda } = await import("./infra/notify");
    const { unsubscribeLambda } = await import("./infra/unsubscribe");
    const { jobQueue } = await import("./infra/jobs");
    const { linkNames } = await import("./backend/handlers/links");
    const { emailEnv } = await import("./backend/email/settings");

    const settings = deploySettings();
    const table = chatTable();
    const { ownerPassword, notifyWebhook, ownerEmail, linkSigningKey } = secrets();
    const emailSettings = settings.email;
    const emailSending = emailIdentity(emailSettings);
    const { identity: email } = emailSending;
    const socket = webSocketApi();
    const { scriptUrl, inboxUrl } = site(socket);
    const notify = notifyLambda({ table, notifyWebhook, ownerEmail }, inboxUrl, settings, emailSending);
    const unsubscribe = unsubscribeLambda({ table, linkSigningKey }, settings);

    const jobs = jobQueue({ table, socket, ownerPassword, linkSigningKey, notify }, unsubscribe.url, settings, emailSending);
    socketRoutes(socket, { table, socket, ownerPassword, linkSigningKey, notify, jobs }, settings);

    const secretWasSet = process.env[`SST_SECRET_${linkNames.ownerPassword}`] !== undefined;
    return {
      // Every later command (deploy, secret, shell, remove) must run against this region.
      region: aws.getRegionOutput().region,
      websocketUrl: socket.url,
      scriptUrl,
      scriptTag: $interpolate`<script type="module" src="${scriptUrl}" data-endpoint="${socket.url}"></script>`,
      inboxUrl,
      unsubscribeUrl: unsubscribe.url,
      visitorEmails: emailSettings.visitorEmails
        ? `on: owner replies unseen for ${emailSettings.environment[emailEnv.delayS]} s are emailed from ${emailSettings.environment[emailEnv.from]}`
        : email
          ? `off: the SES identity ${emailSettings.sender} is set up; set ${emailEnv.visitorEmails}=on once SES production access is granted`
          : `off: set ${emailEnv.sender} to set up email (docs/deploy.md)`,
      // Whether the owner gets notification emails: the identity above and the OwnerEmail secret.
      ownerEmails: !email
        ? `off: set ${emailEnv.sender} to set up email, then the ${linkNames.ownerEmail} secret (docs/deploy.md)`
        : process.env[`SST_SECRET_${linkNames.ownerEmail}`]?.trim()
          ? `on: notifications are emailed to the ${linkNames.ownerEmail} secret's address from ${emailSettings.environment[emailEnv.from]}`
          : `off: set your address with \`npx sst secret set ${linkNames.ownerEmail} you@example.com\``,
      ownerPassword: secretWasSet
        ? `set with \`npx sst secret set ${linkNames.ownerPassword}\``
        : `generated; print it with: npm run password -- --stage ${$app.stage}`,
    };
  },
});
