/**
 * Swedish: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Skicka",
  sending: "Skickar…",
  queued: "Skickas när anslutningen är tillbaka",
  sent: "Skickat",
  failed: "Inte skickat",
  retryAll: "Försök igen med alla",
  seen: "Läst",
  tooLong: "{count} tecken för långt",
  today: "I dag",
  yesterday: "I går",
  newMessage: "Nytt meddelande ↓",
} satisfies Catalogue<typeof deliveryStrings>;
