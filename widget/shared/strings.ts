import type { ErrorCode } from "#protocol";

/** The key of the sentence shown for an error code, in the widget's and the inbox's strings. */
export const errorKey = (code: ErrorCode | "offline") => `error_${code}` as const;

/** A sentence for every protocol error code, and for being offline. */
export type ErrorStrings = Record<ReturnType<typeof errorKey>, string>;

export { fill, plural } from "#protocol/plurals.ts";

/**
 * What `<porch-message-list>` shows besides the messages. `you` and `owner` prefix each message for
 * screen readers (`owner` is the other side: "Reply" in the widget, "Visitor" in the inbox).
 */
export interface MessageListStrings extends ErrorStrings {
  earlier: string;
  you: string;
  owner: string;
  sent: string;
  sending: string;
  queued: string;
  failed: string;
  retryAll: string;
  seen: string;
  today: string;
  yesterday: string;
  newMessage: string;
  /** Before the page a message was written on, when the list says it ("on ⟨title⟩"). */
  onPage?: string;
}

/** The states of a sent message, the same words on both sides. */
export const deliveryStrings = {
  send: "Send",
  sending: "Sending…",
  queued: "Will send when reconnected",
  sent: "Sent",
  failed: "Not sent",
  retryAll: "Retry all",
  seen: "Seen",
  tooLong: "one:{count} character too long|other:{count} characters too long",
  today: "Today",
  yesterday: "Yesterday",
  newMessage: "New message ↓",
};

/** What `<porch-composer>` shows. */
export interface ComposerStrings {
  inputLabel: string;
  placeholder: string;
  send: string;
  tooLong: string;
  attach: string;
}

/** What the composer says of attachments, the same words on both sides (the rest: uploads/strings.ts, loaded on first use). */
export const attachmentStrings = {
  attach: "Attach",
};
