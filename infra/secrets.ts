/// <reference path="../.sst/platform/config.d.ts" />
import { linkNames } from "#backend/handlers/links.ts";

/**
 * The secrets the functions are linked to (docs/deploy.md, "Settings": a secret is what lets
 * someone act as the owner or as Porch): the owner's password and the key of reply emails' links,
 * generated once; the notification webhook (its URL carries the token that posts to it), empty
 * until the owner sets it (`npx sst secret set NotifyWebhook …`). Everything else is configuration.
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
  // The key of reply emails' links (resume, unsubscribe): generated once and kept like the
  // password, and a secret of its own, so that changing the password breaks no link.
  const generatedLinkKey = new random.RandomPassword("LinkSigningKeyGenerated", { length: 43, special: false });
  const linkSigningKey = new sst.Secret(linkNames.linkSigningKey, generatedLinkKey.result);
  return { ownerPassword, notifyWebhook, linkSigningKey };
}
