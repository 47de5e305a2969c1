/// <reference path="../.sst/platform/config.d.ts" />
import { conversationsPerAddressFrom } from "#backend/chat/abuse-limits.ts";
import { ownerProfileFrom, ownerProfileVariables } from "#backend/chat/owner-profile.ts";
import { deployEmailSettings } from "#backend/email/settings.ts";

/**
 * What the deploy reads from its own environment, which SST loads from .env (set once per site,
 * like the region), and hands to the functions as environment variables. Checked here, so a wrong
 * value stops the deploy with its variable's name instead of reaching visitors.
 */
export function deploySettings() {
  const { env } = process;
  // Who answers visitors (name, avatar, reply time: docs/deploy.md).
  ownerProfileFrom(env);
  const ownerProfile = Object.fromEntries(
    Object.values(ownerProfileVariables).flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])),
  );
  // Reply emails (docs/deploy.md, "Email"): the SES identity and the functions' settings
  // (backend/email/settings.ts reads them), with PORCH_EMAIL_SENDER; infra/email.ts.
  const email = deployEmailSettings(env);
  // New conversations per source address (docs/security.md): PORCH_CONVERSATIONS_PER_ADDRESS,
  // `<count>/<seconds>`, read here at deploy time (a bad value fails the deploy) and by the handler.
  const perAddress = conversationsPerAddressFrom(env.PORCH_CONVERSATIONS_PER_ADDRESS);
  const limits = { PORCH_CONVERSATIONS_PER_ADDRESS: `${perAddress.max}/${perAddress.windowMs / 1000}` };
  return { ownerProfile, email, limits };
}

export type DeploySettings = ReturnType<typeof deploySettings>;
