/**
 * The deploys verify:deploy runs sst.config.ts as, each with the settings a site's `.env` and
 * `.env.<stage>` would give it (SST loads both, the stage's last): production as an owner sets it
 * up, a second stage beside it, the same production moved to another region the way
 * docs/deploy.md says, a production whose DNS is not in Route 53, and `sst dev`. Whatever the
 * shell running the check has set is overridden: a variable a scenario leaves out is unset.
 */
import { defaultRegion } from "./assert-region.ts";

/** Who answers, as a site's .env sets it. */
export const sampleOwnerProfile = {
  PORCH_OWNER_NAME: "Marta Lindqvist",
  PORCH_OWNER_AVATAR: "https://crumb.example/marta.jpg",
  PORCH_OWNER_REPLY_TIME: "Usually replies within a few hours",
} as const;

/** Every deploy setting a scenario may give, unset. */
const unset = {
  PORCH_EMAIL_SENDER: undefined,
  PORCH_EMAIL_FROM: undefined,
  PORCH_EMAIL_DNS: undefined,
  PORCH_EMAIL_DMARC: undefined,
  PORCH_EMAIL_IDENTITY_STAGE: undefined,
  PORCH_VISITOR_EMAILS: undefined,
  PORCH_SITE_URL: undefined,
  PORCH_SITE_NAME: undefined,
  PORCH_VISITOR_EMAIL_DELAY_S: undefined,
  PORCH_OWNER_EMAIL: undefined,
  PORCH_ALARMS: undefined,
  PORCH_SITE_DOMAIN: undefined,
  PORCH_SITE_DOMAIN_CERT: undefined,
  PORCH_OWNER_NAME: undefined,
  PORCH_OWNER_AVATAR: undefined,
  PORCH_OWNER_REPLY_TIME: undefined,
  PORCH_RETENTION_DAYS: undefined,
  PORCH_INBOUND_DOMAIN: undefined,
} satisfies Record<string, undefined>;

type Settings = Partial<Record<keyof typeof unset | "PORCH_AWS_REGION", string | undefined>>;

/**
 * `.env`, shared by every stage: email from a domain in Route 53, out of the SES sandbox (visitor
 * emails on, a delay of its own), the owner's address (notification emails and alarms), who answers,
 * a retention of its own.
 */
export const siteEnv = {
  ...unset,
  PORCH_EMAIL_SENDER: "example.com",
  PORCH_VISITOR_EMAILS: "on",
  PORCH_SITE_URL: "https://blog.example/",
  PORCH_SITE_NAME: "Example blog",
  PORCH_VISITOR_EMAIL_DELAY_S: "240",
  PORCH_OWNER_EMAIL: "owner@example.com",
  // Conversations kept 90 days after their last message (docs/privacy.md).
  PORCH_RETENTION_DAYS: "90",
  ...sampleOwnerProfile,
} satisfies Settings;

/**
 * `.env.production`: what one stage at a time may have, the site's own domain, the domain's DMARC
 * policy and answers by email (one active receipt rule set per account and region).
 */
export const productionOnlyEnv = {
  PORCH_SITE_DOMAIN: "chat.example.com",
  PORCH_INBOUND_DOMAIN: "reply.example.com",
  PORCH_EMAIL_DMARC: "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com",
} satisfies Settings;

/** No settings at all: what the `sst dev` run has (no email, no alarms). */
export const emptyEnv = { ...unset } satisfies Settings;

export interface Scenario {
  stage: string;
  /** Its settings, as SST's environment holds them once .env and .env.<stage> are loaded. */
  env: Settings;
  /** The region it deploys to, `app()` reading PORCH_AWS_REGION. */
  region: string;
  dev?: boolean;
}

/** The region the check deploys production to: the shell's PORCH_AWS_REGION (assert-region.ts checks it), else the default. */
const productionRegion = process.env.PORCH_AWS_REGION || defaultRegion;
/** Another region, for the move. */
const otherRegion = productionRegion === "eu-west-1" ? "eu-central-1" : "eu-west-1";

export const scenarios = {
  /** Production as an owner sets it up: .env and .env.production. */
  production: { stage: "production", env: { ...siteEnv, ...productionOnlyEnv }, region: productionRegion },
  /** A second stage in the same region, with the shared .env only: it uses production's SES identity. */
  secondStage: { stage: "staging", env: siteEnv, region: productionRegion },
  /**
   * Production deployed to another region before the first is removed (docs/deploy.md, "Moving
   * to another region"): .env with the new region, .env.production's domain and DMARC left out
   * until the old region is removed.
   */
  regionMove: { stage: "production", env: { ...siteEnv, PORCH_AWS_REGION: otherRegion }, region: otherRegion },
  /** A domain whose DNS is elsewhere: the identity made directly, its records printed (and the DMARC one). */
  dnsElsewhere: {
    stage: "production",
    env: {
      ...siteEnv,
      PORCH_EMAIL_DNS: "manual",
      PORCH_EMAIL_DMARC: productionOnlyEnv.PORCH_EMAIL_DMARC,
      PORCH_INBOUND_DOMAIN: productionOnlyEnv.PORCH_INBOUND_DOMAIN,
    },
    region: productionRegion,
  },
  /** `sst dev --stage dev` with no settings. */
  dev: { stage: "dev", env: emptyEnv, region: productionRegion, dev: true },
} satisfies Record<string, Scenario>;
