/**
 * Hebrew: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "שליחה",
  sending: "שולח…",
  queued: "תישלח כשהחיבור יחזור",
  sent: "נשלחה",
  failed: "לא נשלחה",
  retryAll: "לנסות שוב הכול",
  seen: "נקראה",
  tooLong: "one:תו אחד מעבר למגבלה|other:{count} תווים מעבר למגבלה",
  today: "היום",
  yesterday: "אתמול",
  newMessage: "הודעה חדשה ↓",
} satisfies Catalogue<typeof deliveryStrings>;
