/// <reference path="../.sst/platform/config.d.ts" />
import { componentNames } from "#backend/handlers/routes.ts";
import type { DeploySettings } from "./settings.ts";

const alarmTopicName = componentNames.alarms;

/** How often an alarm looks at its metric, and over how long: five minutes. */
const periodS = 300;

/**
 * The bad day, told to the owner (docs/deploy.md, "Alarms"): CloudWatch alarms on what needs a
 * person, sent by email to PORCH_OWNER_EMAIL through an SNS topic (AWS first emails a
 * confirmation link; nothing arrives until it is clicked), when the alarm goes off and when it
 * clears. None without an address, or with PORCH_ALARMS=off (an alarm costs $0.10 a metric a month).
 * - a job failed for good: the jobs' dead-letter queue holds a message;
 * - a function failed: an invocation of any of Porch's functions ended in an error or a timeout
 *   (every handler answers its own errors, so this is a bug or an outage);
 * - frames were refused: API Gateway answered the socket with a 4XX before any function ran,
 *   which is the stage's throttle (docs/deploy.md, "Limits and throttling") refusing frames.
 */
export function alarms(
  settings: DeploySettings["alarms"],
  watched: { functionNames: $util.Input<string>[]; deadLetters: sst.aws.Queue; socket: sst.aws.ApiGatewayWebSocket },
) {
  if (!settings) return null;
  const topic = new sst.aws.SnsTopic(alarmTopicName);
  new aws.sns.TopicSubscription(`${alarmTopicName}OwnerEmail`, { topic: topic.arn, protocol: "email", endpoint: settings.to });
  // `JobsDeadLetters` is the alarm `porch-<stage>-jobs-dead-letters`: names are the region's, the stage keeps two stages' apart.
  const alarm = (key: string, description: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
    new aws.cloudwatch.MetricAlarm(`PorchAlarm${key}`, {
      name: `${$app.name}-${$app.stage}-${key.replace(/[A-Z]/g, (letter, at: number) => `${at ? "-" : ""}${letter.toLowerCase()}`)}`,
      alarmDescription: `Porch (${$app.stage}): ${description}. docs/deploy.md, "Alarms", says what to do.`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      alarmActions: [topic.arn],
      okActions: [topic.arn],
      ...args,
    });
  alarm("JobsDeadLetters", "a background job failed 5 times and waits in the dead-letter queue", {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: watched.deadLetters.nodes.queue.name },
    statistic: "Maximum",
    period: periodS,
  });
  alarm("FunctionErrors", "a function ended in an error or a timeout", {
    metricQueries: [
      ...watched.functionNames.map((functionName, index) => ({
        id: `f${index}`,
        metric: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName }, period: periodS, stat: "Sum" },
        returnData: false,
      })),
      { id: "errors", expression: "SUM(METRICS())", label: "errors of every Porch function", returnData: true },
    ],
  });
  alarm("RefusedFrames", "API Gateway refused frames before any function ran: the stage's throttle", {
    namespace: "AWS/ApiGateway",
    metricName: "ClientError",
    dimensions: { ApiId: watched.socket.nodes.api.id, Stage: "$default" },
    statistic: "Sum",
    period: periodS,
  });
  return { topic };
}
