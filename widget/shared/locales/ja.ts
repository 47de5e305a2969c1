/**
 * Japanese: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "送信",
  sending: "送信中…",
  queued: "再接続後に送信されます",
  sent: "送信済み",
  failed: "未送信",
  retryAll: "すべて再送信",
  seen: "既読",
  tooLong: "{count} 文字オーバーです",
  today: "今日",
  yesterday: "昨日",
  newMessage: "新しいメッセージ ↓",
} satisfies Catalogue<typeof deliveryStrings>;
