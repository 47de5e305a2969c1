import { attachmentStrings, deliveryStrings } from "../shared/strings.ts";
import type { UploadStrings } from "../shared/uploads/strings.ts";
import type { ConversationMenuStrings } from "./menu-strings.ts";
import type { ConsentStrings } from "./consent-strings.ts";
export { errorKey, fill } from "../shared/strings.ts";

/** The launcher's accessible names: all porch.js's loader shows before the chat's code arrives. */
export const launcherStrings = {
  openChat: "Open chat",
  closeChat: "Close chat",
  unread: "{count} unread",
};

/**
 * Every visible (and screen-reader) string of the widget. Override any subset through the
 * `strings` property or attribute of `<porch-chat>`; `{name}` placeholders are filled in.
 */
export const defaultStrings = {
  heading: "Chat with me",
  greeting: "Hi! Questions, thoughts, corrections? Write here and I'll answer personally.",
  awayText: "I'm away right now. Leave a message and I'll reply here as soon as I can.",
  online: "Online",
  away: "Away",
  lastSeen: "Last seen {time}",
  backAt: "Back {day} at {time}",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  ...launcherStrings,
  conversation: "Conversation",
  earlier: "Show earlier messages",
  typing: "{name} is typing…",
  typingAnonymous: "Typing…",
  titleBadge: "({count}) New reply",
  you: "You",
  owner: "Reply",
  inputLabel: "Message",
  placeholder: "Write a message…",
  ...deliveryStrings,
  ...attachmentStrings,
  editDetails: "Your name and email",
  conversationMenu: "Your conversation: download or delete",
  erased: "Your conversation was deleted.",
  introTitle: "Introduce yourself (optional)",
  introHint: "Leave an email if you'd like to hear back when you're not on this page (we'll ask you to confirm it).",
  nickname: "Name",
  email: "Email",
  save: "Save",
  skip: "Skip",
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
  resumeAsk: "Open the conversation from your email? The one here stays a click away.",
  resumeOpen: "Open it",
  resumeStay: "Stay here",
  otherConversation: "You have another conversation on this device.",
  otherConversationOpen: "Switch",
  resumeExpired:
    "This link from your email has expired (they work for 14 days, while your address stays the same). You can still write here.",
  resumeInvalid: "This link isn't complete. Please open it again from the email.",
  resumeGone: "This conversation no longer exists. You can start a new one here.",
  error_bad_request: "That couldn't be sent. Please check it and try again.",
  error_unauthorized: "You're not allowed to do that.",
  error_not_found: "That conversation could not be found.",
  error_too_large: "That's longer than the limit.",
  error_rate_limited: "You're writing faster than the limit: these go out again by themselves in a minute.",
  error_blocked: "The site owner isn't accepting messages from you.",
  error_expired: "That link has expired.",
  error_internal: "Something went wrong on our side. Please try again.",
  error_offline: "You're offline right now. Please try again in a moment.",
};

/**
 * The conversation menu's strings are in menu-strings.ts, a module of their own: only that menu,
 * loaded on first use, imports them, and the bundler places a module whole in one chunk.
 */
export type { ConversationMenuStrings } from "./menu-strings.ts";
/** Likewise a consent-first site's notice's, in consent-strings.ts. */
export type { ConsentStrings } from "./consent-strings.ts";

export type PorchStrings = typeof defaultStrings;
/** Every string a page may override: the chat's, and those of the menu and the attachment UI loaded on first use. */
export type PorchStringOverrides = Partial<PorchStrings & ConversationMenuStrings & UploadStrings & ConsentStrings>;
