/**
 * Arabic: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "إرسال",
  sending: "جارٍ الإرسال…",
  queued: "سيُرسل عند عودة الاتصال",
  sent: "أُرسلت",
  failed: "لم تُرسل",
  retryAll: "إعادة إرسال الكل",
  seen: "شوهدت",
  tooLong: "one:حرف واحد زائد|two:حرفان زائدان|few:{count} أحرف زائدة|many:{count} حرفًا زائدًا|other:{count} حرف زائد",
  today: "اليوم",
  yesterday: "أمس",
  newMessage: "رسالة جديدة ↓",
} satisfies Catalogue<typeof deliveryStrings>;
