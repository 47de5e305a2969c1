/**
 * Italian: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Invia",
  sending: "Invio…",
  queued: "Verrà inviato alla riconnessione",
  sent: "Inviato",
  failed: "Non inviato",
  retryAll: "Riprova tutti",
  seen: "Visto",
  tooLong: "one:{count} carattere di troppo|other:{count} caratteri di troppo",
  today: "Oggi",
  yesterday: "Ieri",
  newMessage: "Nuovo messaggio ↓",
} satisfies Catalogue<typeof deliveryStrings>;
