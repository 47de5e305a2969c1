/**
 * The strings of the conversation menu (porch-conversation-menu.ts), apart from strings.ts: only
 * that module, loaded on first use, imports them. Every visible string of the menu is here, in
 * English, with a key; `<porch-chat>`'s `strings` overrides them like the rest.
 */
export const conversationMenuStrings = {
  menuTitle: "Your conversation",
  menuKept:
    "one:Conversations are kept for {count} day after the last message.|other:Conversations are kept for {count} days after the last message.",
  menuKeptForever: "Conversations are kept until you or the site owner delete them.",
  menuDownload: "Download this conversation",
  menuDelete: "Delete this conversation",
  menuDeleteConfirm: "Delete this conversation for good? Your messages, name and email are erased, here and for the site owner.",
  menuDeleteYes: "Delete",
  menuCancel: "Cancel",
  menuDownloadFailed: "The conversation could not be downloaded. Please try again.",
  menuFileName: "conversation.txt",
  menuFileHeading: "Your conversation with {name} on {url}",
  menuYou: "You",
  menuOwner: "Reply",
};

export type ConversationMenuStrings = typeof conversationMenuStrings;
