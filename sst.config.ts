/// <reference path="./.sst/platform/config.d.ts" />

/**
 * What `npx sst deploy --stage <stage>` creates in the site owner's AWS account:
 * the DynamoDB table, the attachments' bucket, the WebSocket API with one Lambda per route, the
 * owner password, link key and notification webhook secrets, the jobs queue and the retention
 * job's daily schedule, the SES identity and the unsubscribe URL of reply emails (when an email
 * sender is configured), SES receiving of answers by email (with an inbound domain), the widget +
 * inbox on S3/CloudFront, and the
 * alarms that email the owner (with an owner's address).
 * docs/deploy.md is the site owner's guide; scripts/verify-deploy/ checks this file offline.
 */
export default $config({
  app(input) {
    return {
      name: "porch",
      home: "aws",
      // `sst remove` deletes everything, except that production (infra/settings.ts's
      // productionStage) keeps its conversations: SST's "retain" keeps its DynamoDB table.
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
    // One concern per module of infra/, each taking what it needs from the ones before it.
    const { deploySettings } = await import("./infra/settings");
    const { chatTable } = await import("./infra/table");
    const { secrets } = await import("./infra/secrets");
    const { email } = await import("./infra/email");
    const { webSocketApi, socketRoutes } = await import("./infra/socket");
    const { site } = await import("./infra/site");
    const { notifyLambda } = await import("./infra/notify");
    const { unsubscribeLambda } = await import("./infra/unsubscribe");
    const { jobQueue } = await import("./infra/jobs");
    const { retention } = await import("./infra/retention");
    const { attachmentBucket, notifyUploads } = await import("./infra/bucket");
    const { alarms } = await import("./infra/alarms");
    const { inbound } = await import("./infra/inbound");
    const { outputs } = await import("./infra/outputs");

    const settings = deploySettings();
    const { table, upgradeNote } = chatTable();
    const { ownerPassword, notifyWebhook, linkSigningKey } = secrets();
    const emailSending = email(settings.email);
    const socket = webSocketApi();
    const { bucket: attachments, attachmentWrites } = attachmentBucket();
    // The site is built once the functions it talks to are deployed (infra/site.ts), which are made
    // below, after the notify function that needs the site's URL.
    let functionsDeployed!: (names: $util.Input<string>[]) => void;
    const deployedNames = $output(new Promise<$util.Input<string>[]>((resolve) => (functionsDeployed = resolve)));
    const { scriptUrl, inboxUrl } = site(
      socket,
      settings.site,
      deployedNames.apply((names) => names.join(",")),
    );
    const notify = notifyLambda({ table, notifyWebhook }, inboxUrl, settings, emailSending);
    const unsubscribe = unsubscribeLambda({ table, linkSigningKey }, settings);
    const jobs = jobQueue(
      { table, socket, ownerPassword, linkSigningKey, notify, attachments },
      unsubscribe.url,
      settings,
      emailSending,
      attachmentWrites.jobs,
    );
    notifyUploads(attachments, jobs.queue);
    retention(jobs.functionArn, settings);
    const routeFunctions = socketRoutes(
      socket,
      { table, socket, ownerPassword, linkSigningKey, notify, jobs: jobs.queue, attachments },
      settings,
      attachmentWrites.route,
    );
    const answers = inbound(
      { table, socket, ownerPassword, linkSigningKey, notify, jobs: jobs.queue, attachments },
      settings,
      attachmentWrites.inbound,
    );
    const functionNames = [...routeFunctions, notify.name, unsubscribe.name, jobs.functionName, ...(answers ? [answers.functionName] : [])];
    functionsDeployed(functionNames);
    const alarmsSent = alarms(settings.alarms, { functionNames, deadLetters: jobs.deadLetters, socket });
    return outputs({
      table,
      socket,
      scriptUrl,
      inboxUrl,
      unsubscribe,
      email: emailSending,
      settings,
      alarms: alarmsSent,
      upgradeNote,
      answers,
    });
  },
});
