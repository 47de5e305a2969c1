/**
 * The strings of the email offer (porch-email-offer.ts), apart from strings.ts as the menu's are:
 * only that element, loaded on first use, imports them, so the chat loaded on intent does not
 * carry them. `{email}` is the visitor's address; `<porch-chat>`'s `strings` overrides them.
 */
export const emailOfferStrings = {
  emailOfferTitle: "Get the reply by email",
  emailOfferSave: "Email me",
  emailOfferDismiss: "No thanks",
  emailOfferCancel: "Cancel",
  emailOfferConfirm: "Check your inbox to confirm {email}.",
  emailOfferOn: "Replies you miss are emailed to {email}.",
  emailOfferStopped: "Emails to {email} are stopped.",
  emailOfferAgain: "Email me again",
  emailOfferChange: "Change",
  emailOfferRemove: "Remove",
};

export type EmailOfferStrings = typeof emailOfferStrings;
