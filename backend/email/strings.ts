/**
 * Every sentence Porch writes to a visitor by email (the confirmation and reply emails), on the
 * pages of those emails' links (confirm, unsubscribe) and, for answers by email, in the owner's
 * notification email, in English: the source each translation in
 * ./locales/ is checked against (backend/email/catalogues.ts). `{placeholders}` are filled in;
 * a counted sentence lists its forms by plural category (protocol/plurals.ts).
 */
export const emailStrings = {
  // The reply email
  replySubject: "one:New reply from {site}|other:{count} new replies from {site}",
  replyLead: "one:You have a reply on {site}:|other:You have {count} replies on {site}:",
  replyEarlier: "one:({count} earlier reply is in the conversation.)|other:({count} earlier replies are in the conversation.)",
  continueButton: "Continue the conversation",
  continueLine: "Continue the conversation: {url}",
  replyWhy: "You get this email because you asked on {site} to get replies by email.",
  unsubscribe: "Unsubscribe",
  unsubscribeLine: "Unsubscribe: {url}",
  answerLine: "Or answer this email: what you write above the quoted text goes to the conversation.",
  // The confirmation email
  confirmSubject: "Confirm your email address for {site}",
  confirmLead: "Someone asked on {site} to get replies by email at this address, after writing:",
  confirmIfYours: "If that was you, confirm your address, and replies you miss in the chat will be emailed to you.",
  confirmLine: "Confirm: {url}",
  confirmButton: "Confirm my address",
  confirmIfNot: "If it was not you, ignore this email: {site} emails no replies to an address that is not confirmed.",
  neverEmail: "Never email this address",
  neverEmailLine: "Never email this address from {site}: {url}",
  // The pages of the links
  notAllowed: "Not allowed",
  openFromEmail: "Open the link from the email.",
  linkInvalid: "This link is not valid",
  unsubscribeDamaged: "The unsubscribe link is incomplete or damaged. Open it again from the email.",
  unsubscribed: "You are unsubscribed",
  unsubscribedBody:
    "{site} will not email you any more. To get replies by email again, give your address in the chat on {site}, and confirm it.",
  stopQuestion: "Stop reply emails?",
  stopBody: "{site} emails you the replies you miss in its chat. Unsubscribe to stop every such email.",
  stopBodyTo: "{site} emails you the replies you miss in its chat to {address}. Unsubscribe to stop every such email.",
  linkExpired: "This link has expired",
  expiredBody: "Give your address again in the chat on {site} to get a new one.",
  confirmDamaged: "The confirmation link is incomplete or damaged. Open it again from the email.",
  nothingToConfirm: "Nothing to confirm",
  nothingToConfirmBody: "The chat on {site} that asked no longer has this address: there is nothing to confirm.",
  confirmed: "Your address is confirmed",
  confirmedBody: "Replies you miss in the chat on {site} will be emailed to you. Each email has a link to stop them.",
  confirmQuestion: "Confirm your email address?",
  confirmQuestionBody: "{site} will email the replies you miss in its chat to {address}. Confirm only if you wrote there.",
  confirmAction: "Confirm",
  // The owner's notification email, where it can be answered (backend/notify/owner-email.ts)
  ownerAnswerLink: "Answer by email",
  ownerAnswerLine: "Answer this email to reply in the chat: what you write above the quoted text goes to the visitor.",
};

export type EmailKey = keyof typeof emailStrings;
