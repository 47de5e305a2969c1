/// <reference path="../.sst/platform/config.d.ts" />
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames } from "#backend/handlers/links.ts";
import { jobsFunction } from "#backend/handlers/routes.ts";
import type { Email } from "./email.ts";
import { lambda, linksFor, type LinkedComponents } from "./functions.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * Background jobs (backend/jobs/; docs/data-model.md, "Deletes"): work that must finish, but not
 * while someone waits for a reply. SQS keeps each job until the jobs function has run it,
 * delivers again what the function reports failed or never finished (after the visibility
 * timeout), and moves what failed `maxReceiveCount` times to a dead-letter queue, kept 14 days
 * for a person to look at. The settings are declared once in backend/handlers/routes.ts.
 *
 * The function is linked to the table, the queue itself (to hand the rest of a long job to), the
 * key of the links it puts in reply emails, the socket (to tell visitors the owner has gone), and
 * for the owner's digests the notify function and the password (their links' references).
 * At most `maxConcurrency` of its invocations run at once (backend/handlers/routes.ts says why).
 */
export function jobQueue(
  links: Omit<LinkedComponents<"jobs">, "jobs">,
  unsubscribeUrl: $util.Output<string>,
  settings: DeploySettings,
  email: Email,
  attachmentWrites: NonNullable<sst.aws.FunctionArgs["permissions"]>,
) {
  const { queue: queueSettings } = jobsFunction;
  const deadLetters = new sst.aws.Queue(`${linkNames.jobs}DeadLetters`, {
    transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
  });
  const queue = new sst.aws.Queue(linkNames.jobs, {
    visibilityTimeout: `${queueSettings.visibilityTimeoutS} seconds`,
    dlq: { queue: deadLetters.arn, retry: queueSettings.maxReceiveCount },
  });
  const subscriber = queue.subscribe(
    {
      ...lambda,
      handler: jobsFunction.handler,
      timeout: `${jobsFunction.timeoutS} seconds`,
      link: linksFor("jobs", { ...links, jobs: queue }),
      environment: { ...settings.email.environment, [emailEnv.unsubscribeUrl]: unsubscribeUrl, ...settings.retention.environment },
      permissions: $resolve([email.sendEmail, attachmentWrites]).apply(([sendEmail, writes]) => [...sendEmail, ...writes]),
    },
    {
      // Only the messages the function reports failed come back, not the whole batch.
      batch: { size: queueSettings.batchSize, partialResponses: true },
      transform: {
        eventSourceMapping(args) {
          args.scalingConfig = { maximumConcurrency: queueSettings.maxConcurrency };
        },
      },
    },
  );
  return {
    queue,
    deadLetters,
    functionName: subscriber.nodes.function.apply((fn) => fn.name),
    functionArn: subscriber.nodes.function.apply((fn) => fn.arn),
  };
}
