/**
 * Chinese (Simplified): the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "发送",
  sending: "正在发送…",
  queued: "将在重新连接后发送",
  sent: "已发送",
  failed: "未发送",
  retryAll: "全部重试",
  seen: "已读",
  tooLong: "超出 {count} 个字符",
  today: "今天",
  yesterday: "昨天",
  newMessage: "新消息 ↓",
} satisfies Catalogue<typeof deliveryStrings>;
