/// <reference path="../.sst/platform/config.d.ts" />
import { emailEnv } from "#backend/email/settings.ts";
import { componentNames } from "#backend/handlers/routes.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * Reply emails and the owner's notification emails (docs/deploy.md, "Email"): with
 * PORCH_EMAIL_SENDER (a domain or an address) the SES identity is created; visitors are emailed
 * only with PORCH_VISITOR_EMAILS=on and PORCH_SITE_URL, once SES has granted production access.
 * The functions get the settings as environment variables (infra/settings.ts).
 */
export function email(settings: DeploySettings["email"]) {
  const identity = settings.sender
    ? new sst.aws.Email(componentNames.email, {
        sender: settings.sender,
        // A domain's DKIM records go to Route 53 unless its DNS is elsewhere (then add them by hand).
        ...(settings.sender.includes("@") || process.env[emailEnv.dns] !== "manual" ? {} : { dns: false as const }),
      })
    : undefined;
  // Who may send through it (the jobs function's reply emails, the notify function's owner
  // emails): SES is not linked (its link grants `ses:*`), only this action, on this identity and
  // its configuration set, and on the account's verified identities, which SES also checks for
  // each recipient while in the sandbox.
  const sendEmail: sst.aws.FunctionArgs["permissions"] = identity
    ? [
        {
          actions: ["ses:SendEmail"],
          resources: [
            identity.nodes.configurationSet.arn,
            $interpolate`arn:aws:ses:${aws.getRegionOutput().region}:${aws.getCallerIdentityOutput().accountId}:identity/*`,
          ],
        },
      ]
    : [];
  return { identity, sendEmail };
}

export type Email = ReturnType<typeof email>;
