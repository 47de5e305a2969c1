/// <reference path="../.sst/platform/config.d.ts" />
import { lambdaNodejs, lambdaRuntime } from "#backend/handlers/bundling.ts";
import { linksOf, type LinkedFunction, type LinksOf, type links } from "#backend/handlers/links.ts";

/*
 * Lambda settings, chosen for a chat handler that does a few DynamoDB calls and pushes:
 * - nodejs24.x: the newest LTS runtime Lambda offers (supported into 2028), SST 4's default.
 * - arm64 (Graviton): about 20% cheaper per GB-second than x86_64, and the bundle is plain
 *   JavaScript with no native modules, so nothing depends on the CPU.
 * - 1024 MB: Lambda's CPU share grows with memory; this keeps cold starts (loading the
 *   bundled AWS SDK) short for the first message of a visit, while a warm message costs well
 *   under a cent per thousand (docs/deploy.md has the numbers).
 * - 10 s timeout: a message does a handful of DynamoDB requests (milliseconds each, with the
 *   SDK's retries), pushes to every connection in parallel with each push giving up after
 *   3 s (backend/push/pusher.ts), and hands a notification to the notify function within
 *   1 s; notify waits at most 5 s for the webhook. 10 s covers the worst of these plus a
 *   cold start, yet cuts a stuck invocation off well before API Gateway's 29 s limit.
 */
export const lambda: Omit<sst.aws.FunctionArgs, "handler"> = {
  runtime: lambdaRuntime,
  architecture: "arm64",
  memory: "1024 MB",
  timeout: "10 seconds",
  logging: { retention: "1 month" },
  // Minified (SST's bundler only minifies when told), minus what the Lambda runtime's own
  // AWS SDK provides; backend/handlers/bundling.ts says why.
  nodejs: { ...lambdaNodejs, esbuild: { external: [...lambdaNodejs.esbuild.external] } },
};

/** The component each kind of link of backend/handlers/links.ts is. */
interface LinkComponents {
  "sst.aws.Dynamo": sst.aws.Dynamo;
  "sst.aws.ApiGatewayWebSocket": sst.aws.ApiGatewayWebSocket;
  "sst.sst.Secret": sst.Secret;
  "sst.aws.Function": sst.aws.Function;
  "sst.aws.Queue": sst.aws.Queue;
  "sst.aws.Bucket": sst.aws.Bucket;
}

/** What a function is linked to: the component of each row of the table of links that names it, of its row's kind. */
export type LinkedComponents<Target extends LinkedFunction> = {
  [Key in LinksOf<Target>]: LinkComponents[(typeof links)[Key]["kind"]];
};

/** A function's `link:` list, as the table of links (backend/handlers/links.ts) says. */
export function linksFor<Target extends LinkedFunction>(target: Target, components: LinkedComponents<Target>) {
  return linksOf(target).map((key) => components[key]);
}
