/// <reference path="../.sst/platform/config.d.ts" />
import { componentNames, unsubscribeFunction } from "#backend/handlers/routes.ts";
import { lambda, linksFor, type LinkedComponents } from "./functions.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * The unsubscribe link of reply emails (RFC 8058 one-click): a function URL, public (mail
 * providers POST to it), GET shows a confirmation page, POST unsubscribes. It reads and writes
 * the table and opens link tokens; it sends nothing.
 */
export function unsubscribeLambda(links: LinkedComponents<"unsubscribe">, settings: DeploySettings) {
  return new sst.aws.Function(componentNames.unsubscribe, {
    ...lambda,
    handler: unsubscribeFunction.handler,
    url: true,
    link: linksFor("unsubscribe", links),
    environment: settings.email.environment,
  });
}
