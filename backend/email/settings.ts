/**
 * Visitor emails' settings, read from the environment the same way by `sst.config.ts` (at deploy
 * time, from the shell or `.env`), by the functions (from the environment the deploy gives them)
 * and by the local stack. docs/deploy.md ("Email") is the site owner's guide to them.
 */

/** The environment variables, by what they set. */
export const emailEnv = {
  /** Deploy: the SES identity (`sst.aws.Email`): a domain (`example.com`) or an address. */
  sender: "PORCH_EMAIL_SENDER",
  /** Deploy: `manual` when a domain's DNS is not in Route 53 (the deploy prints SES's DKIM records to add by hand). */
  dns: "PORCH_EMAIL_DNS",
  /**
   * Deploy: a domain's DMARC policy (`v=DMARC1; p=quarantine; …`), written to `_dmarc.<domain>` in
   * place of what is there; unset, the domain's DMARC record is left alone (or absent).
   */
  dmarc: "PORCH_EMAIL_DMARC",
  /**
   * Deploy: the stage that creates the SES identity (default: the production stage); every other stage
   * sends through it. `none`: no stage creates it (it was verified by hand before).
   */
  identityStage: "PORCH_EMAIL_IDENTITY_STAGE",
  /** The `From` address; default: the sender if it is an address, else `porch@<domain>`. */
  from: "PORCH_EMAIL_FROM",
  /** `on` emails visitors the replies they missed: only once SES production access is granted. */
  visitorEmails: "PORCH_VISITOR_EMAILS",
  /** Seconds an owner reply may stay unseen before it is emailed: 1 to 900, default 180. */
  delayS: "PORCH_VISITOR_EMAIL_DELAY_S",
  /** The site the widget is on: the "Continue the conversation" link's fallback and allowed origin. */
  siteUrl: "PORCH_SITE_URL",
  /** The site's name in emails; default: the site URL's host name. */
  siteName: "PORCH_SITE_NAME",
  /**
   * A domain whose mail SES receives (MX to SES's inbound endpoint): Porch's emails then carry
   * `Reply-To: reply+<token>@<domain>`, and answers land in the conversation (docs/deploy.md,
   * "Answers by email"). Unset: no `Reply-To`, nothing received.
   */
  inboundDomain: "PORCH_INBOUND_DOMAIN",
  /** Set by the deploy (the unsubscribe function's URL) and by the local stack. */
  unsubscribeUrl: "PORCH_UNSUBSCRIBE_URL",
} as const;

export const defaultVisitorEmailDelayS = 180;
/** SQS's longest per-message delay. */
export const maxVisitorEmailDelayS = 900;

/** What the functions need to email a visitor. */
export interface VisitorEmailSettings {
  /** Visitor emails are on: the widget offers them and owner replies are emailed. */
  enabled: boolean;
  delayS: number;
  from: string;
  siteUrl: string;
  siteName: string;
  unsubscribeUrl: string;
  /** Where answers to Porch's emails go (`PORCH_INBOUND_DOMAIN`); "" without one. */
  inboundDomain: string;
}

type Env = Record<string, string | undefined>;

/** Why the settings cannot be used as they are, in words for the person deploying. */
export class EmailSettingsError extends Error {
  override readonly name = "EmailSettingsError";
}

/** The URL's host name; throws unless it is an http(s) URL. */
function httpHostname(value: string, variable: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new EmailSettingsError(`${variable} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  return url.hostname;
}

/** The delay in whole seconds from 1 to 900; throws on anything else. */
export function delaySecondsFrom(env: Env): number {
  const raw = env[emailEnv.delayS]?.trim();
  if (!raw) return defaultVisitorEmailDelayS;
  const delayS = Number(raw);
  if (!Number.isInteger(delayS) || delayS < 1 || delayS > maxVisitorEmailDelayS) {
    throw new EmailSettingsError(`${emailEnv.delayS} must be a whole number of seconds from 1 to ${maxVisitorEmailDelayS}, not ${raw}`);
  }
  return delayS;
}

/** The `From` address for a sender identity: the address itself, or `porch@<domain>`. */
export function fromForSender(sender: string, from: string | undefined): string {
  if (from?.trim()) return from.trim();
  return sender.includes("@") ? sender : `porch@${sender}`;
}

/** How the deploy sets up the SES identity of a sender (docs/deploy.md, "Email"). */
export interface IdentitySettings {
  /** Where a domain's DKIM records go: Route 53 in this account, or printed for a DNS host elsewhere. */
  dns: "route53" | "manual";
  /** The DMARC record to write, or null to leave `_dmarc.<domain>` as it is. */
  dmarc: string | null;
  /** The stage that creates the identity; `none` when none does. */
  ownerStage: string;
}

/** The identity's settings: DMARC only for a domain, and only a policy record (RFC 7489's `v=DMARC1` first). */
function identitySettingsFrom(env: Env, sender: string, productionStage: string): IdentitySettings {
  const dnsSetting = env[emailEnv.dns]?.trim().toLowerCase();
  if (dnsSetting && dnsSetting !== "manual" && dnsSetting !== "route53") {
    throw new EmailSettingsError(`${emailEnv.dns} must be manual or route53, not ${JSON.stringify(dnsSetting)}`);
  }
  const dmarc = env[emailEnv.dmarc]?.trim() || null;
  if (dmarc && sender.includes("@")) throw new EmailSettingsError(`${emailEnv.dmarc} needs a domain as ${emailEnv.sender}, not an address`);
  if (dmarc && !/^v=DMARC1;\s*p=(none|quarantine|reject)\b/.test(dmarc)) {
    throw new EmailSettingsError(`${emailEnv.dmarc} must be a DMARC record starting "v=DMARC1; p=…", not ${JSON.stringify(dmarc)}`);
  }
  const ownerStage = env[emailEnv.identityStage]?.trim() || productionStage;
  return { dns: dnsSetting === "manual" ? "manual" : "route53", dmarc, ownerStage };
}

/**
 * The deploy's view: which identity to set up and what to tell the functions. Visitor emails are
 * on only when asked for (`PORCH_VISITOR_EMAILS=on`) with a sender and a site URL: until SES grants
 * production access it delivers only to verified addresses, so the widget must not offer them.
 * The identity is created by `productionStage` unless PORCH_EMAIL_IDENTITY_STAGE names another.
 */
export function deployEmailSettings(
  env: Env,
  productionStage: string,
  /** The region deployed to (answers by email need one where SES receives). */
  region = "us-east-1",
): {
  sender: string | null;
  /** How the sender's identity is set up; null without a sender. */
  identity: IdentitySettings | null;
  visitorEmails: boolean;
  /** `PORCH_INBOUND_DOMAIN`, lower-cased; "" without one. */
  inboundDomain: string;
  /** The functions' environment (besides the unsubscribe URL, known once deployed). */
  environment: Record<string, string>;
} {
  const sender = env[emailEnv.sender]?.trim() || null;
  const identity = sender ? identitySettingsFrom(env, sender, productionStage) : null;
  const wanted = env[emailEnv.visitorEmails]?.trim().toLowerCase();
  if (wanted && wanted !== "on" && wanted !== "off") throw new EmailSettingsError(`${emailEnv.visitorEmails} must be on or off`);
  const siteUrl = env[emailEnv.siteUrl]?.trim() || "";
  if (siteUrl) httpHostname(siteUrl, emailEnv.siteUrl);
  const delayS = delaySecondsFrom(env);
  if (wanted === "on" && !sender) throw new EmailSettingsError(`${emailEnv.visitorEmails}=on needs ${emailEnv.sender}`);
  if (wanted === "on" && !siteUrl) throw new EmailSettingsError(`${emailEnv.visitorEmails}=on needs ${emailEnv.siteUrl}`);
  const inboundDomain = inboundDomainFrom(env);
  if (inboundDomain) refuseInboundWithout(inboundDomain, sender ?? "", region);
  const visitorEmails = wanted === "on";
  const environment: Record<string, string> = {
    [emailEnv.visitorEmails]: visitorEmails ? "on" : "off",
    [emailEnv.delayS]: String(delayS),
  };
  if (sender) environment[emailEnv.from] = fromForSender(sender, env[emailEnv.from]);
  if (siteUrl) environment[emailEnv.siteUrl] = siteUrl;
  if (env[emailEnv.siteName]?.trim()) environment[emailEnv.siteName] = env[emailEnv.siteName]!.trim();
  if (inboundDomain) environment[emailEnv.inboundDomain] = inboundDomain;
  return { sender, identity, visitorEmails, inboundDomain, environment };
}

/**
 * Where SES receives email (AWS General Reference, "Amazon Simple Email Service endpoints and
 * quotas", table "Email Receiving Endpoints", docs.aws.amazon.com/general/latest/gr/ses.html):
 * elsewhere a receipt rule set cannot be made.
 */
export const sesReceivingRegions = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-southeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
] as const;

/**
 * Answers by email need a region where SES receives, and a domain SES receives for: the sender's
 * domain identity or a subdomain of it (docs/deploy.md, "Answers by email").
 */
function refuseInboundWithout(domain: string, sender: string, region: string): void {
  if (!(sesReceivingRegions as readonly string[]).includes(region)) {
    throw new EmailSettingsError(
      `${emailEnv.inboundDomain} needs SES email receiving, which ${region} does not have: it exists in ${sesReceivingRegions.join(", ")}. ` +
        `Deploy to one of them (PORCH_AWS_REGION), or unset ${emailEnv.inboundDomain}.`,
    );
  }
  if (!sender || sender.includes("@") || !(domain === sender || domain.endsWith(`.${sender}`))) {
    throw new EmailSettingsError(
      `${emailEnv.inboundDomain} must be ${emailEnv.sender}'s domain or a subdomain of it (reply.<domain>), whose identity SES verifies, not ${domain}`,
    );
  }
}

const domainPattern = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The inbound domain, lower-cased; "" when unset; throws when it is not a domain name. */
export function inboundDomainFrom(env: Env): string {
  const domain = env[emailEnv.inboundDomain]?.trim().toLowerCase() ?? "";
  if (domain && !domainPattern.test(domain)) {
    throw new EmailSettingsError(`${emailEnv.inboundDomain} must be a domain name (mail.example.com), not ${JSON.stringify(domain)}`);
  }
  return domain;
}

/** A function's view, from its environment: off unless everything it needs is there. */
export function visitorEmailSettings(env: Env): VisitorEmailSettings {
  const siteUrl = env[emailEnv.siteUrl]?.trim() ?? "";
  let siteName = env[emailEnv.siteName]?.trim() ?? "";
  let delayS = defaultVisitorEmailDelayS;
  let valid = true;
  try {
    delayS = delaySecondsFrom(env);
    if (siteUrl) siteName ||= httpHostname(siteUrl, emailEnv.siteUrl);
  } catch {
    valid = false;
  }
  const from = env[emailEnv.from]?.trim() ?? "";
  return {
    enabled: valid && env[emailEnv.visitorEmails]?.trim().toLowerCase() === "on" && !!from && !!siteUrl,
    delayS,
    from,
    siteUrl,
    siteName,
    unsubscribeUrl: env[emailEnv.unsubscribeUrl]?.trim() ?? "",
    // A domain the deploy would refuse receives nothing: no `Reply-To` names it.
    inboundDomain: domainPattern.test(env[emailEnv.inboundDomain]?.trim().toLowerCase() ?? "") ? inboundDomainFrom(env) : "",
  };
}
