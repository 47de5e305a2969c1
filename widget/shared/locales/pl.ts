/**
 * Polish: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Wyślij",
  sending: "Wysyłanie…",
  queued: "Zostanie wysłana po ponownym połączeniu",
  sent: "Wysłano",
  failed: "Nie wysłano",
  retryAll: "Ponów wszystkie",
  seen: "Przeczytano",
  tooLong: "one:{count} znak za dużo|few:{count} znaki za dużo|many:{count} znaków za dużo|other:{count} znaku za dużo",
  today: "Dzisiaj",
  yesterday: "Wczoraj",
  newMessage: "Nowa wiadomość ↓",
} satisfies Catalogue<typeof deliveryStrings>;
