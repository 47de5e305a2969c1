/**
 * Portuguese (Brazil): the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Enviar",
  sending: "Enviando…",
  queued: "Será enviada ao reconectar",
  sent: "Enviada",
  failed: "Não enviada",
  retryAll: "Tentar todas de novo",
  seen: "Vista",
  tooLong: "one:{count} caractere a mais|other:{count} caracteres a mais",
  today: "Hoje",
  yesterday: "Ontem",
  newMessage: "Nova mensagem ↓",
} satisfies Catalogue<typeof deliveryStrings>;
