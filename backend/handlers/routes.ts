/**
 * The WebSocket API's routes, declared once: `sst.config.ts` creates one Lambda per route from
 * this list and the local gateway emulator invokes the same exports.
 * Routing is API Gateway's `$request.body.action`; every protocol action goes to `$default`,
 * so one warm function serves the whole conversation.
 * `twoWay` routes have a route response: the handler's returned `body` reaches the client.
 */
export const routes = [
  { routeKey: "$connect", handler: "backend/handlers/connect.handler", twoWay: false },
  { routeKey: "$disconnect", handler: "backend/handlers/disconnect.handler", twoWay: false },
  { routeKey: "$default", handler: "backend/handlers/message.handler", twoWay: true },
] as const;

/**
 * The function that delivers offline notifications to the owner (webhook, email, Web Push). The
 * message handler and the digest job invoke it asynchronously (Lambda's `Event` invocation), so a
 * slow channel never delays a send.
 */
export const notifyFunction = { handler: "backend/handlers/notify.handler" } as const;

/**
 * The function that runs background jobs (backend/jobs/), subscribed to the jobs queue: SQS
 * invokes it with batches of up to `batchSize` messages and delivers again the ones it reports
 * failed, after the visibility timeout; a message received `maxReceiveCount` times goes to the
 * dead-letter queue. sst.config.ts deploys these settings and the local queue uses them.
 * A job runs for seconds at most (a sweep hands over the rest: backend/jobs/jobs.ts), so 30 s is
 * ample; the visibility timeout is six times that, as AWS advises for SQS-triggered functions,
 * so a message is never handed to a second invocation while the first may still run.
 * At most `maxConcurrency` invocations run at once (SQS's smallest cap is 2): a burst of jobs
 * (a thousand deletes, a digest per window) waits in the queue instead of taking the account's
 * Lambda concurrency from the chat's functions, which a new account has little of (docs/deploy.md).
 */
export const jobsFunction = {
  handler: "backend/handlers/jobs.handler",
  timeoutS: 30,
  queue: { visibilityTimeoutS: 180, maxReceiveCount: 5, batchSize: 10, maxConcurrency: 2 },
} as const;

/**
 * The retention job's schedule (infra/retention.ts): its name in sst.config.ts, and how often it
 * invokes the jobs function with the retention job (backend/chat/retention.ts).
 */
export const retentionSchedule = { name: "PorchRetention", expression: "rate(1 day)" } as const;

/**
 * The reply emails' unsubscribe endpoint (backend/email/unsubscribe.ts): a Lambda function URL on
 * AWS, `unsubscribePath` on the local stack's port.
 */
export const unsubscribeFunction = { handler: "backend/handlers/unsubscribe.handler", localPath: "/unsubscribe" } as const;

/**
 * The function SES invokes with each email it receives for the inbound domain (infra/inbound.ts;
 * the local SMTP server does the same): answers by email (backend/inbound/receive.ts). A function
 * of its own, not the jobs function: its bundle carries the MIME parser and the S3 client, its
 * role alone reads the inbound bucket, and SES alone may invoke it. 30 s: reading a large email
 * and storing an answer take a second or two.
 */
export const inboundFunction = { handler: "backend/handlers/inbound.handler", timeoutS: 30 } as const;

/** Answers by email's components in sst.config.ts (infra/inbound.ts), and how long raw mail is kept. */
export const inboundComponents = {
  bucket: "PorchInboundMail",
  function: "PorchInbound",
  ruleSet: "PorchInboundRules",
  rule: "PorchInboundRule",
  mx: "PorchInboundMx",
  /** Days SES's raw mail stays in the bucket: long enough to look into a dropped answer, no longer. */
  rawMailExpiryDays: 7,
} as const;

/** Components that no handler is linked to, by their names in sst.config.ts. */
export const componentNames = {
  /** The SES identity: not linked (its link grants `ses:*`); sst.config.ts grants `ses:SendEmail` alone. */
  email: "PorchEmail",
  /** The unsubscribe function, reached through its URL. */
  unsubscribe: "PorchUnsubscribe",
  /** The SNS topic the alarms email the owner through (infra/alarms.ts). */
  alarms: "PorchAlarms",
} as const;
