/**
 * What a reply email's link says when it opens another conversation or fails, and what a second
 * conversation on the device says: few visitors see either, so these load on first use, apart from
 * strings.ts. `<porch-chat>`'s `strings` overrides them like the rest.
 */
export const resumeStrings = {
  resumeAsk: "Open the conversation from your email? The one here stays a click away.",
  resumeOpen: "Open it",
  resumeStay: "Stay here",
  otherConversation: "You have another conversation on this device.",
  otherConversationOpen: "Switch",
  resumeExpired:
    "This link from your email has expired (they work for 14 days, while your address stays the same). You can still write here.",
  resumeInvalid: "This link isn't complete. Please open it again from the email.",
  resumeGone: "This conversation no longer exists. You can start a new one here.",
};

export type ResumeStrings = typeof resumeStrings;
