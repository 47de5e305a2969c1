/// <reference path="../.sst/platform/config.d.ts" />
import { attachmentEnv, attachmentPolicyFrom } from "#backend/attachments/policy.ts";
import { conversationsPerAddressFrom } from "#backend/chat/abuse-limits.ts";
import { ownerProfileFrom, ownerProfileVariables } from "#backend/chat/owner-profile.ts";
import { retentionDaysFrom, retentionVariables } from "#backend/chat/retention.ts";
import { deployEmailSettings } from "#backend/email/settings.ts";
import { ownerEmailVariable } from "#backend/notify/owner-email.ts";
import { pushAllowVariable } from "#backend/notify/push-services.ts";
import { isEmailAddress } from "#protocol/text.ts";

/**
 * The stage whose conversations `sst remove` keeps (sst.config.ts's `removal`) and which owns what
 * is named in the world: the SES identity, unless PORCH_EMAIL_IDENTITY_STAGE says otherwise.
 */
export const productionStage = "production";

/**
 * The deploy's own settings (docs/deploy.md, "Settings"), besides the email ones of
 * backend/email/settings.ts and who answers (backend/chat/owner-profile.ts).
 */
export const deployVariables = {
  /** The site's own domain (`chat.example.com`): the widget and the inbox served there. */
  siteDomain: "PORCH_SITE_DOMAIN",
  /** For a site domain whose DNS is not in Route 53: an ACM certificate's ARN, in us-east-1. */
  siteDomainCert: "PORCH_SITE_DOMAIN_CERT",
  /** `off`: no CloudWatch alarms even with an owner's address. */
  alarms: "PORCH_ALARMS",
} as const;

/** A setting that cannot be used as it is, named by its variable: the deploy stops on it. */
export class DeploySettingError extends Error {
  override readonly name = "DeploySettingError";
}

/**
 * What the deploy reads from its own environment, which SST loads from .env and then
 * .env.<stage> (docs/deploy.md, "Settings": configuration there, secrets with `sst secret set`),
 * and hands to the functions as environment variables. Checked here, so a wrong value stops the
 * deploy with its variable's name instead of reaching visitors.
 */
export function deploySettings() {
  const { env } = process;
  refuseTestOnlySettings(env);
  // Who answers visitors (name, avatar, reply time: docs/deploy.md).
  ownerProfileFrom(env);
  const ownerProfile = Object.fromEntries(
    Object.values(ownerProfileVariables).flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])),
  );
  // Reply emails (docs/deploy.md, "Email"): the SES identity and the functions' settings
  // (backend/email/settings.ts reads them), with PORCH_EMAIL_SENDER; infra/email.ts.
  const email = deployEmailSettings(env, productionStage, env.PORCH_AWS_REGION || defaultAwsRegion);
  // New conversations per source address (docs/security.md): PORCH_CONVERSATIONS_PER_ADDRESS,
  // `<count>/<seconds>`, read here at deploy time (a bad value fails the deploy) and by the handler.
  const perAddress = conversationsPerAddressFrom(env.PORCH_CONVERSATIONS_PER_ADDRESS);
  const limits = { PORCH_CONVERSATIONS_PER_ADDRESS: `${perAddress.max}/${perAddress.windowMs / 1000}` };
  // How long conversations are kept (docs/privacy.md): the jobs function deletes the idle ones,
  // the message function says it in `hello`.
  const retentionDays = retentionDaysFrom(env[retentionVariables.days]);
  const retention = { days: retentionDays, environment: { [retentionVariables.days]: String(retentionDays) } };
  const ownerEmail = ownerEmailFrom(env);
  return {
    ownerProfile,
    email,
    limits,
    retention,
    attachments: attachmentsFrom(env),
    ownerEmail,
    alarms: alarmsFrom(env, ownerEmail),
    site: siteFrom(env),
  };
}

export type DeploySettings = ReturnType<typeof deploySettings>;

/** What the site takes as attachments, checked here so a setting that cannot be used stops the deploy. */
function attachmentsFrom(env: Record<string, string | undefined>): Record<string, string> {
  const policy = attachmentPolicyFrom(env);
  return { [attachmentEnv.maxMb]: String(policy.maxBytes / (1024 * 1024)), [attachmentEnv.types]: policy.contentTypes.join(",") };
}

/**
 * The owner's address (notification emails, and the alarms' subscription): configuration in
 * .env, as it is for `npm start`. It was a secret (`OwnerEmail`) before: a stage that still has
 * that secret set is stopped with what to do, rather than quietly ignoring the address.
 */
function ownerEmailFrom(env: Record<string, string | undefined>): string | null {
  const ownerEmail = env[ownerEmailVariable]?.trim() || null;
  if (ownerEmail && !isEmailAddress(ownerEmail)) {
    throw new DeploySettingError(`${ownerEmailVariable} must be an email address, not ${JSON.stringify(ownerEmail)}`);
  }
  const legacy = env.SST_SECRET_OwnerEmail?.trim();
  if (legacy) {
    throw new DeploySettingError(
      `the owner's address is now configuration, not a secret: put ${ownerEmailVariable}=${ownerEmail ?? legacy} in .env, ` +
        `then \`npx sst secret remove OwnerEmail --stage ${$app.stage}\` and deploy again (docs/deploy.md, "Settings")`,
    );
  }
  return ownerEmail;
}

/** The region the app deploys to when PORCH_AWS_REGION is unset (sst.config.ts's `app()` names it; verify:deploy checks both). */
export const defaultAwsRegion = "us-east-1";

/** CloudWatch alarms to the owner's address, unless turned off; none without an address to send them to. */
function alarmsFrom(env: Record<string, string | undefined>, ownerEmail: string | null): { to: string } | null {
  const wanted = env[deployVariables.alarms]?.trim().toLowerCase();
  if (wanted && wanted !== "on" && wanted !== "off") throw new DeploySettingError(`${deployVariables.alarms} must be on or off`);
  return ownerEmail && wanted !== "off" ? { to: ownerEmail } : null;
}

/** The site's own domain: a host name, with the ARN of its certificate when its DNS is not in Route 53. */
function siteFrom(env: Record<string, string | undefined>): { domain: string | null; cert: string | null } {
  const domain = env[deployVariables.siteDomain]?.trim().toLowerCase() || null;
  const cert = env[deployVariables.siteDomainCert]?.trim() || null;
  if (domain && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) {
    throw new DeploySettingError(
      `${deployVariables.siteDomain} must be a host name such as chat.example.com, not ${JSON.stringify(domain)}`,
    );
  }
  if (cert && !domain) throw new DeploySettingError(`${deployVariables.siteDomainCert} is set without ${deployVariables.siteDomain}`);
  if (cert && !/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(cert)) {
    throw new DeploySettingError(
      `${deployVariables.siteDomainCert} must be the ARN of an ACM certificate in us-east-1 (CloudFront's region), not ${JSON.stringify(cert)}`,
    );
  }
  return { domain, cert };
}

/**
 * What only the local stack may set. PORCH_PUSH_ALLOW lets Web Push POST to a stand-in push
 * service besides the browsers' (backend/notify/push-services.ts); deployed, it would let anyone
 * holding an owner session point the notify function at any address in the account's network.
 */
function refuseTestOnlySettings(env: Record<string, string | undefined>): void {
  if (env[pushAllowVariable]?.trim()) {
    throw new DeploySettingError(
      `${pushAllowVariable} is for the local stack's tests only: a deployed Porch pushes only to the browsers' push services. Remove it from the deploy's environment (.env).`,
    );
  }
}
