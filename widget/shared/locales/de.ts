/**
 * German: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Senden",
  sending: "Wird gesendet…",
  queued: "Wird gesendet, sobald die Verbindung steht",
  sent: "Gesendet",
  failed: "Nicht gesendet",
  retryAll: "Alle erneut senden",
  seen: "Gelesen",
  tooLong: "{count} Zeichen zu lang",
  today: "Heute",
  yesterday: "Gestern",
  newMessage: "Neue Nachricht ↓",
} satisfies Catalogue<typeof deliveryStrings>;
