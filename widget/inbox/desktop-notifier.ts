import type { ReactiveControllerHost } from "lit";
import type { ChatMessage, ConversationSummary } from "#protocol";
import { conversationHref } from "./porch-conversation-list.ts";

/**
 * Desktop notifications of visitor messages that arrive while the inbox tab is hidden. Permission
 * is asked only from a click (`ask()`), never on load. Notifications of one conversation share a
 * tag, so several open inbox tabs replace each other's instead of stacking up.
 */
export class DesktopNotifier {
  /** `host` re-renders once the owner has decided. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** Whether the browser can notify and the owner has not decided yet. */
  get canAsk(): boolean {
    return typeof Notification === "function" && Notification.permission === "default";
  }

  /** Asks for permission; call it from a user gesture. */
  async ask(): Promise<void> {
    await Notification.requestPermission();
    this.host.requestUpdate();
  }

  /** Shows `message`; a click opens its conversation (`conversation`'s link), or the list without a row. */
  notify(message: ChatMessage, visitorName: string, conversation: ConversationSummary | undefined): void {
    if (typeof Notification !== "function" || Notification.permission !== "granted") return;
    if (document.visibilityState !== "hidden") return;
    const notification = new Notification(visitorName, { body: message.text, tag: `porch:${message.visitorId}` });
    notification.onclick = () => {
      window.focus();
      location.hash = conversation ? conversationHref(conversation) : "#/";
      notification.close();
    };
  }
}
