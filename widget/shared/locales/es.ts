/**
 * Spanish: the states of a sent message, the same words in the chat and the inbox
 * (`deliveryStrings` in ../strings.ts); both catalogues of the language spread this one. A
 * machine-made draft (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { deliveryStrings } from "../strings.ts";

export default {
  send: "Enviar",
  sending: "Enviando…",
  queued: "Se enviará al reconectar",
  sent: "Enviado",
  failed: "No enviado",
  retryAll: "Reintentar todo",
  seen: "Visto",
  tooLong: "one:{count} carácter de más|other:{count} caracteres de más",
  today: "Hoy",
  yesterday: "Ayer",
  newMessage: "Mensaje nuevo ↓",
} satisfies Catalogue<typeof deliveryStrings>;
