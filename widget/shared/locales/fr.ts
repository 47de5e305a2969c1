/**
 * French: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Envoyer",
  sending: "Envoi…",
  queued: "Sera envoyé à la reconnexion",
  sent: "Envoyé",
  failed: "Non envoyé",
  retryAll: "Tout renvoyer",
  seen: "Vu",
  tooLong: "one:{count} caractère de trop|other:{count} caractères de trop",
  today: "Aujourd'hui",
  yesterday: "Hier",
  newMessage: "Nouveau message ↓",
} satisfies Catalogue<typeof deliveryStrings>;
