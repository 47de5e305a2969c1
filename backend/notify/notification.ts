import type { ChatMessage, ConversationSummary } from "../../protocol/index.ts";

/** What the owner is told when a visitor writes while no owner connection is open. */
export interface OfflineNotification {
  conversation: ConversationSummary;
  message: ChatMessage;
}

/** Hands a notification to whatever delivers it, quickly: it never waits for the webhook itself. */
export interface Notifier {
  notify(notification: OfflineNotification): Promise<void>;
}

/** A visitor message notifies the owner only if none did in this long (one per burst). */
export const notifyQuietMs = 10 * 60_000;

export const silentNotifier: Notifier = { notify: async () => {} };
