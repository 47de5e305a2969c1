/**
 * How the handlers are bundled for Lambda, declared once for `sst.config.ts`, `verify:deploy`
 * and the benchmark.
 *
 * Everything is bundled (pinned versions, one file to load at cold start) except these modules,
 * which the Lambda Node.js runtime ships in its own copy of the AWS SDK v3:
 * - `@aws-sdk/client-lambda`, loaded only when a notification is due (backend/notify/lambda-notifier.ts);
 * - `@aws-sdk/client-sqs`, loaded only when a job is enqueued (backend/jobs/sqs-queue.ts): by the
 *   message handler when the owner says hello or pings (their lease's job), deletes a conversation
 *   or replies to a visitor with an email address, by the jobs function to hand over the rest of a
 *   long job (a visitor's frames never load it);
 * - `@aws-sdk/client-s3`, loaded only when the inbound function reads a received email
 *   (backend/inbound/raw-mail.ts);
 * - `@aws-sdk/client-sesv2`, loaded only when the jobs function emails a visitor or the notify
 *   function the owner (backend/email/ses-sender.ts);
 * - `@aws-sdk/client-s3`, loaded only for attachments (backend/attachments/s3-files.ts; its two
 *   presigners, which are small, are bundled and loaded with it);
 * - the credential providers for SSO, profiles, processes and web identity, and the clients they
 *   use: Lambda's credentials are in its environment, which the SDK's chain reads first, so they
 *   are never reached there;
 * - `bowser`, which the SDK imports only to parse browser user agents.
 * Leaving them out keeps each bundle under 500 KB, except the inbound function's (about 1.5 MB: the
 * MIME parser's charset tables, which mail in any charset needs), which runs once per email received.
 */
/** The Lambda runtime every function uses (sst.config.ts says why). */
export const lambdaRuntime = "nodejs24.x";

export const runtimeProvidedModules = [
  "@aws-sdk/client-lambda",
  "@aws-sdk/client-sqs",
  "@aws-sdk/client-sesv2",
  "@aws-sdk/client-s3",
  "@aws-sdk/nested-clients",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/token-providers",
  "bowser",
] as const;

/**
 * SST's `nodejs` settings for every function (sst.config.ts), which verify:deploy and the bench
 * bundle with. `minify` must be said: SST's bundler minifies only when it is set (its Go code
 * defaults to false, whatever the TypeScript doc says); minified, the message handler ships
 * 288 KB instead of 690 KB (docs/benchmarks.md).
 */
export const lambdaNodejs: { minify: boolean; esbuild: { external: string[] } } = {
  minify: true,
  esbuild: { external: [...runtimeProvidedModules] },
};
