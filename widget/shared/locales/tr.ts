/**
 * Turkish: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Gönder",
  sending: "Gönderiliyor…",
  queued: "Bağlantı gelince gönderilecek",
  sent: "Gönderildi",
  failed: "Gönderilemedi",
  retryAll: "Tümünü yeniden dene",
  seen: "Görüldü",
  tooLong: "{count} karakter fazla",
  today: "Bugün",
  yesterday: "Dün",
  newMessage: "Yeni mesaj ↓",
} satisfies Catalogue<typeof deliveryStrings>;
