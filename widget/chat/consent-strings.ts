/**
 * The strings of a consent-first site's notice (porch-consent.ts), apart from strings.ts: only that
 * module, loaded on first use, imports them. `<porch-chat>`'s `strings` overrides them like the rest.
 */
export const consentStrings = {
  consentTitle: "Before you chat",
  consentText:
    "To chat, this site keeps a random id in your browser and stores what you write (and your name and email, if you give them) to answer you. Nothing is stored or sent until you accept.",
  consentPrivacy: "Privacy notice",
  consentAccept: "Accept",
  consentDecline: "Not now",
};

export type ConsentStrings = typeof consentStrings;
