/**
 * The strings of the intro form (porch-intro.ts), apart from strings.ts as the menu's are: only
 * that element, loaded when a page with `intro` first shows it, imports them. `<porch-chat>`'s
 * `strings` overrides them.
 */
export const introStrings = {
  introTitle: "Introduce yourself (optional)",
  introHint: "Leave an email if you'd like to hear back when you're not on this page (we'll ask you to confirm it).",
  nickname: "Name",
  email: "Email",
  save: "Save",
  skip: "Skip",
};

export type IntroStrings = typeof introStrings;
