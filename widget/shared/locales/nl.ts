/**
 * Dutch: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Versturen",
  sending: "Versturen…",
  queued: "Wordt verstuurd zodra er verbinding is",
  sent: "Verstuurd",
  failed: "Niet verstuurd",
  retryAll: "Alles opnieuw",
  seen: "Gelezen",
  tooLong: "one:{count} teken te lang|other:{count} tekens te lang",
  today: "Vandaag",
  yesterday: "Gisteren",
  newMessage: "Nieuw bericht ↓",
} satisfies Catalogue<typeof deliveryStrings>;
