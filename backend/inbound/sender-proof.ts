/**
 * Whether SES's verdicts prove that the `From` address's domain sent the email (docs/security.md,
 * "Answers by email"). SPF proves the envelope sender's domain (`mail.source`), DKIM the domain of
 * a signature (`d=`): neither alone says anything about `From`, which anyone can write. So, as
 * DMARC does, a pass counts only when its domain is the `From` domain's:
 * - SES's DMARC verdict PASS (an aligned SPF or DKIM pass, by the domain's own policy), or
 * - SPF PASS with the envelope sender in the `From` domain, or
 * - DKIM PASS with every signature of the message in the `From` domain (SES says one passed, not
 *   which: if they are all aligned, an aligned one passed).
 * Alignment here is one domain being the other or below it (relaxed DMARC aligns on the
 * organisational domain, which needs the public suffix list: this is stricter, never looser).
 */
import type { SESReceipt } from "aws-lambda";

const domainOf = (address: string) => address.trim().replace(/^<|>$/g, "").split("@").pop()!.toLowerCase();

export function aligned(domain: string, fromDomain: string): boolean {
  return !!domain && (domain === fromDomain || domain.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${domain}`));
}

/** Why the sender is not proven, or null when it is. */
export function unprovenSender(
  receipt: Pick<SESReceipt, "spfVerdict" | "dkimVerdict" | "dmarcVerdict" | "virusVerdict" | "spamVerdict">,
  envelopeSender: string,
  from: string,
  dkimDomains: readonly string[],
): string | null {
  if (receipt.virusVerdict?.status === "FAIL") return "a virus";
  if (receipt.spamVerdict?.status === "FAIL") return "spam";
  const fromDomain = domainOf(from);
  if (receipt.dmarcVerdict?.status === "PASS") return null;
  if (receipt.spfVerdict?.status === "PASS" && aligned(domainOf(envelopeSender), fromDomain)) return null;
  if (receipt.dkimVerdict?.status === "PASS" && dkimDomains.length > 0 && dkimDomains.every((domain) => aligned(domain, fromDomain))) {
    return null;
  }
  return `no aligned SPF or DKIM pass (SPF ${receipt.spfVerdict?.status}, DKIM ${receipt.dkimVerdict?.status}, DMARC ${receipt.dmarcVerdict?.status})`;
}
