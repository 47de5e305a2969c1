import { attachmentStrings, deliveryStrings } from "../shared/strings.ts";
import type { UploadStrings } from "../shared/uploads/strings.ts";
import type { ConsentStrings } from "./consent-strings.ts";
import type { ConversationMenuStrings } from "./menu-strings.ts";
import type { EmailOfferStrings } from "./email-offer-strings.ts";
import type { IntroStrings } from "./intro-strings.ts";
import type { ResumeStrings } from "./resume-strings.ts";
export { errorKey, fill, plural } from "../shared/strings.ts";

/** The launcher's accessible name before the chat's code (and its language) arrives: all of porch.js's strings. */
export const openChat = "Open chat";

/** The launcher's accessible names, which the chat gives it once it has arrived. */
export const launcherStrings = {
  openChat,
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

/**
 * Every string the visitor's side shows: the chat's, and those of the parts loaded on first use. A
 * language's catalogue (locales/*.ts) translates each; `<porch-chat>`'s `strings` overrides any.
 */
export type VisitorStrings = PorchStrings & FirstUseStrings;

/**
 * The strings of the parts loaded on first use (the intro, the menu, the email offer, the
 * attachment UI, the consent notice, what a reply email's link says): a language has them in a
 * catalogue of their own, fetched with the first of those parts.
 */
export type FirstUseStrings = IntroStrings & ConversationMenuStrings & EmailOfferStrings & UploadStrings & ConsentStrings & ResumeStrings;

/** Every string a page may override. */
export type PorchStringOverrides = Partial<VisitorStrings>;
