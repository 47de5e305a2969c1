import type { ChatMessage } from "#protocol";
import type { HistoryPager } from "../shared/timeline.ts";
import type { ConversationMenuStrings } from "./menu-strings.ts";
import { fill } from "./strings.ts";
import type { VisitorSession } from "./visitor-session.ts";

/**
 * The visitor's own data, on request (docs/privacy.md): the conversation as a text file, and its
 * erasure. Only the conversation menu imports this, so it loads on first use with it.
 */

/** Every message of the conversation, oldest first, reading `list` page after page. */
export async function wholeConversation(pager: HistoryPager): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  let before: string | undefined;
  do {
    const page = await pager(before);
    messages.unshift(...page.messages);
    before = page.more && page.cursor ? page.cursor : undefined;
  } while (before);
  return messages;
}

/** The conversation as text: a heading, then a line per message with its time and who wrote it. */
export function conversationText(messages: readonly ChatMessage[], strings: ConversationMenuStrings, peer: string, locale = ""): string {
  const owner = peer || strings.menuOwner;
  const lines = messages.map(
    (message) =>
      `[${new Date(message.sentAt).toLocaleString(locale || undefined)}] ${message.from === "owner" ? owner : strings.menuYou}: ${message.text}`,
  );
  return [fill(strings.menuFileHeading, { name: owner, url: location.origin }), "", ...lines, ""].join("\n");
}

/** Has the browser save `text` as a file (made here: nothing leaves the browser). */
export function saveTextFile(fileName: string, text: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * Erases the conversation (`erase`): the server forgets it, and so does this browser, which goes
 * on under a new visitor id, on a new connection (so replies to it reach this tab). Throws what
 * the request threw: nothing changes here then.
 */
export async function eraseConversation(session: VisitorSession): Promise<void> {
  await session.connection.whenOnline();
  await session.connection.request({ action: "erase" });
  session.identity.forget();
  session.profile = null;
  session.forgetHistory();
  session.identity.claim();
  session.connection.reconnect();
}
