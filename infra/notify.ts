/// <reference path="../.sst/platform/config.d.ts" />
import { emailEnv } from "#backend/email/settings.ts";
import { linkNames } from "#backend/handlers/links.ts";
import { notifyFunction } from "#backend/handlers/routes.ts";
import { ownerEmailVariable } from "#backend/notify/owner-email.ts";
import type { Email } from "./email.ts";
import { lambda, linksFor, type LinkedComponents } from "./functions.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * The function that tells the owner about visitor messages while no inbox is open (webhook,
 * email, Web Push). Invoked asynchronously by the message handler and the digest job; it never
 * throws, and with no retries a notification is sent at most once even if the function itself
 * times out. It reads the webhook (a secret) and the owner's address (configuration), the table
 * (the owner's push devices and the VAPID key pair, made on first use: docs/deploy.md), and emails
 * through SES; the site's name is in the email's subject, the inbox's URL in every notification.
 */
export function notifyLambda(links: LinkedComponents<"notify">, inboxUrl: $util.Output<string>, settings: DeploySettings, email: Email) {
  const { environment } = settings.email;
  return new sst.aws.Function(linkNames.notify, {
    ...lambda,
    handler: notifyFunction.handler,
    link: linksFor("notify", links),
    environment: {
      PORCH_INBOX_URL: inboxUrl,
      ...(settings.ownerEmail ? { [ownerEmailVariable]: settings.ownerEmail } : {}),
      ...Object.fromEntries(
        [emailEnv.from, emailEnv.siteUrl, emailEnv.siteName].flatMap((name) => (environment[name] ? [[name, environment[name]]] : [])),
      ),
    },
    permissions: email.sendEmail,
    retries: 0,
  });
}
