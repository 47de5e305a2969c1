/// <reference path="../.sst/platform/config.d.ts" />
import { linkNames } from "#backend/handlers/links.ts";

/**
 * The secrets the functions are linked to: the owner's password and the key of reply emails'
 * links, generated once; the notification webhook and the owner's address, empty until the owner
 * sets them (`npx sst secret set <name> …`).
 */
export function secrets() {
  // Generated once and kept in the stack's state, so it stays the same across deploys;
  // `sst secret set OwnerPassword …` overrides it (SST reads SST_SECRET_OwnerPassword first).
  // Never empty: the handlers refuse to sign in with an empty password, and verify:deploy checks
  // this length.
  const generatedOwnerPassword = new random.RandomPassword("OwnerPasswordGenerated", {
    length: 24,
    special: false,
  });
  if (process.env[`SST_SECRET_${linkNames.ownerPassword}`]?.trim() === "") {
    throw new Error(
      `the ${linkNames.ownerPassword} secret is set but empty: set a password (npx sst secret set ${linkNames.ownerPassword} …), or remove it to use the generated one`,
    );
  }
  const ownerPassword = new sst.Secret(linkNames.ownerPassword, generatedOwnerPassword.result);
  // Empty means "no notifications"; set it to an http(s) URL to get a POST when a visitor
  // writes while the owner is offline.
  const notifyWebhook = new sst.Secret(linkNames.notifyWebhook, "");
  // Empty means "no notification emails"; set it to the owner's address (`npx sst secret set
  // OwnerEmail you@example.com`) to get them, through the SES identity (PORCH_EMAIL_SENDER: infra/email.ts).
  const ownerEmail = new sst.Secret(linkNames.ownerEmail, "");
  // The key of reply emails' links (resume, unsubscribe): generated once and kept like the
  // password, and a secret of its own, so that changing the password breaks no link.
  const generatedLinkKey = new random.RandomPassword("LinkSigningKeyGenerated", { length: 43, special: false });
  const linkSigningKey = new sst.Secret(linkNames.linkSigningKey, generatedLinkKey.result);
  return { ownerPassword, notifyWebhook, ownerEmail, linkSigningKey };
}
