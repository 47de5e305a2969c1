import { type ComposerStrings, deliveryStrings, type MessageListStrings } from "../shared/strings.ts";

/**
 * Every visible (and screen-reader) string of the inbox. Override any subset through the
 * `strings` property or attribute of `<porch-inbox>`; `{name}` placeholders are filled in.
 */
export const defaultInboxStrings = {
  title: "Porch inbox",
  titleUnread: "({count}) Porch inbox",
  signInTitle: "Sign in to your inbox",
  password: "Owner password",
  remember: "Remember me on this device",
  signIn: "Sign in",
  signingIn: "Signing in…",
  wrongPassword: "That password isn't right.",
  sessionEnded: "Your session has ended. Please sign in again.",
  signedOut: "You're signed out.",
  signOut: "Sign out",
  notify: "Notify me",
  notifyHint: "Show a desktop notification when a visitor writes while this tab is in the background",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  conversations: "Conversations",
  empty: "No conversations yet. When a visitor writes on your site, it shows up here.",
  loadMore: "Load more conversations",
  youPrefix: "You: ",
  unread: "{count} unread",
  blocked: "Blocked",
  choose: "Choose a conversation to read and reply.",
  back: "Back to conversations",
  details: "Visitor details",
  anonymous: "Anonymous visitor",
  nickname: "Name",
  email: "Email",
  notGiven: "Not given",
  firstSeen: "First seen",
  lastSeen: "Last seen",
  visitorId: "Visitor ID",
  block: "Block visitor",
  unblock: "Unblock visitor",
  blockedNote: "Messages from this visitor are refused.",
  delete: "Delete conversation",
  deleteQuestion: "Delete every message and the visitor's details? This can't be undone.",
  confirmDelete: "Delete",
  cancel: "Cancel",
  deleted: "This conversation was deleted.",
  // The conversation (shared message list and composer)
  conversation: "Conversation with {name}",
  earlier: "Load older messages",
  you: "You",
  owner: "Visitor",
  inputLabel: "Reply",
  placeholder: "Write a reply…",
  ...deliveryStrings,
  error_bad_request: "That couldn't be done. Please check it and try again.",
  error_unauthorized: "Your session has ended. Please sign in again.",
  error_not_found: "This conversation no longer exists.",
  error_too_large: "That's longer than the limit.",
  error_rate_limited: "Too many attempts. Please wait a little and try again.",
  error_blocked: "This visitor is blocked.",
  error_expired: "That has expired. Please start again.",
  error_internal: "Something went wrong on the server. Please try again.",
  error_offline: "You're offline right now. Please try again in a moment.",
};

export type InboxStrings = typeof defaultInboxStrings;

// The conversation view hands the same strings to the shared message list and composer.
defaultInboxStrings satisfies MessageListStrings & ComposerStrings;
