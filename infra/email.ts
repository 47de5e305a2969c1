/// <reference path="../.sst/platform/config.d.ts" />
import type { IdentitySettings } from "#backend/email/settings.ts";
import { componentNames } from "#backend/handlers/routes.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * Reply emails and the owner's notification emails (docs/deploy.md, "Email"): the SES identity of
 * PORCH_EMAIL_SENDER (a domain or an address) and who may send through it. An identity belongs
 * to a region and an account, not to a stage: one stage creates it (`production`, or
 * PORCH_EMAIL_IDENTITY_STAGE), every other stage in the region sends through it, so a second
 * stage, or `sst dev`, never fails on an identity that already exists. Visitors are emailed only
 * with PORCH_VISITOR_EMAILS=on and PORCH_SITE_URL, once SES has granted production access. The
 * functions get the settings as environment variables (infra/settings.ts).
 */
export function email(settings: DeploySettings["email"]): Email {
  const { sender, identity } = settings;
  if (!sender || !identity) return { sender: null, created: false, sendEmail: [], dnsRecords: null };
  if (identity.ownerStage !== $app.stage) return sharedIdentity(sender);
  if (identity.dns === "manual" && !sender.includes("@")) return identityForDnsElsewhere(sender, identity);
  const component = new sst.aws.Email(componentNames.email, {
    sender,
    // A domain's DKIM records (and the DMARC record, when asked for) go to Route 53.
    ...(sender.includes("@") ? {} : { dns: route53MailDns(identity.dmarc), ...(identity.dmarc ? { dmarc: identity.dmarc } : {}) }),
  });
  return { sender, created: true, sendEmail: sendEmailOn(component.nodes.configurationSet.arn), dnsRecords: null };
}

export interface Email {
  /** The identity sent from, or null without PORCH_EMAIL_SENDER. */
  sender: string | null;
  /** Whether this stage creates the identity (else it sends through another stage's, or none). */
  created: boolean;
  /** The sending functions' `permissions` (the jobs function's reply emails, the notify function's owner emails). */
  sendEmail: NonNullable<sst.aws.FunctionArgs["permissions"]>;
  /** For a domain whose DNS is elsewhere: the records to add there, one line each. */
  dnsRecords: $util.Output<string[]> | null;
}

/*
 * Who may send: SES is not linked (its link grants `ses:*`), only this action, on the identity's
 * configuration set, and on the account's verified identities, which SES also checks for each
 * recipient while in the sandbox.
 */
function sendEmailOn(configurationSetArn: $util.Input<string> | null): Email["sendEmail"] {
  const identities = $interpolate`arn:aws:ses:${aws.getRegionOutput().region}:${aws.getCallerIdentityOutput().accountId}:identity/*`;
  return [{ actions: ["ses:SendEmail"], resources: configurationSetArn ? [configurationSetArn, identities] : [identities] }];
}

/**
 * Another stage's identity (or one verified by hand), read, never created nor removed: the
 * functions send through it, on its configuration set when it has one.
 */
function sharedIdentity(sender: string): Email {
  const existing = aws.sesv2.getEmailIdentityOutput({ emailIdentity: sender });
  const configurationSetArn = $interpolate`arn:aws:ses:${aws.getRegionOutput().region}:${aws.getCallerIdentityOutput().accountId}:configuration-set/${existing.configurationSetName}`;
  const sendEmail = existing.configurationSetName.apply((name) => sendEmailOn(name ? configurationSetArn : null));
  return { sender, created: false, sendEmail: sendEmail as unknown as Email["sendEmail"], dnsRecords: null };
}

/**
 * A domain whose DNS is not in Route 53: the identity and its configuration set, made directly.
 * SST's Email would also make a resource that waits up to 45 minutes for SES to see DKIM records
 * nobody could add yet (they are known only once the identity exists); instead the deploy ends at
 * once and prints them (output `emailDnsRecords`), and SES verifies the domain once they are
 * added. The names of an earlier release's resources (then inside SST's Email) are aliases, so an
 * upgrade keeps the identity rather than making it again.
 */
function identityForDnsElsewhere(sender: string, identity: IdentitySettings): Email {
  const earlier = { parent: `urn:pulumi:${$app.stage}::${$app.name}::sst:aws:Email::${componentNames.email}` };
  const configurationSet = new aws.sesv2.ConfigurationSet(
    `${componentNames.email}Config`,
    // A region's names, so a stage name keeps them apart; an earlier release's generated name is kept.
    { configurationSetName: `${$app.name}-${$app.stage}-email` },
    { aliases: [earlier], ignoreChanges: ["configurationSetName"] },
  );
  const emailIdentity = new aws.sesv2.EmailIdentity(
    `${componentNames.email}Identity`,
    { emailIdentity: sender, configurationSetName: configurationSet.configurationSetName },
    { aliases: [earlier] },
  );
  const dnsRecords = emailIdentity.dkimSigningAttributes.apply((dkim) => [
    ...(dkim?.tokens ?? []).map((token) => `${token}._domainkey.${sender} CNAME ${token}.dkim.amazonses.com`),
    ...(identity.dmarc ? [`_dmarc.${sender} TXT "${identity.dmarc}"`] : []),
  ]);
  return { sender, created: true, sendEmail: sendEmailOn(configurationSet.arn), dnsRecords };
}

/**
 * Route 53 for SST's Email, which writes a domain's three DKIM CNAMEs and, always,
 * `_dmarc.<domain>` (`v=DMARC1; p=none;` unless told otherwise), failing when the domain already
 * has one (SST issue 5895) and otherwise publishing a policy for the whole domain that nobody
 * asked for. This passes the CNAMEs on, and the DMARC record only when PORCH_EMAIL_DMARC gives
 * one, which then replaces whatever `_dmarc` held: the owner's own value, asked for.
 */
function route53MailDns(dmarc: string | null) {
  const route53 = sst.aws.dns();
  const replacing = sst.aws.dns({ override: true });
  type CreateRecord = typeof route53.createRecord;
  const createRecord: CreateRecord = (namePrefix, record, opts) => {
    // The Email's one TXT record is the DMARC one (Porch sets no MAIL FROM domain, whose SPF record would be the other).
    if (record.type !== "TXT") return route53.createRecord(namePrefix, record, opts);
    if (dmarc) return replacing.createRecord(namePrefix, record, opts);
    // The Email ignores what this returns.
    return $output(undefined) as unknown as ReturnType<CreateRecord>;
  };
  return { ...route53, createRecord };
}
