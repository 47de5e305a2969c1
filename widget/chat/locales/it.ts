/**
 * Italian (italiano), formal address (Lei), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/it.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Scrivimi",
  greeting: "Ciao! Domande, idee, correzioni? Scriva qui e le risponderò personalmente.",
  awayText: "Al momento non ci sono. Lasci un messaggio e le risponderò qui appena possibile.",
  online: "Online",
  away: "Assente",
  lastSeen: "Ultimo accesso {time}",
  backAt: "Di nuovo qui {day} alle {time}",
  connecting: "Connessione…",
  reconnecting: "Connessione persa. Riconnessione…",
  openChat: "Apri la chat",
  closeChat: "Chiudi la chat",
  unread: "one:{count} non letto|other:{count} non letti",
  conversation: "Conversazione",
  earlier: "Mostra i messaggi precedenti",
  typing: "{name} sta scrivendo…",
  typingAnonymous: "Sta scrivendo…",
  titleBadge: "({count}) Nuova risposta",
  you: "Lei",
  owner: "Risposta",
  inputLabel: "Messaggio",
  placeholder: "Scriva un messaggio…",
  attach: "Allega",
  editDetails: "Il suo nome e la sua email",
  conversationMenu: "La sua conversazione: scarica o elimina",
  erased: "La sua conversazione è stata eliminata.",
  error_bad_request: "Non è stato possibile inviarlo. Lo controlli e riprovi.",
  error_unauthorized: "Non ha il permesso di farlo.",
  error_not_found: "Conversazione non trovata.",
  error_too_large: "Supera il limite di lunghezza.",
  error_rate_limited: "Sta scrivendo più velocemente del consentito: questi messaggi ripartiranno da soli tra un minuto.",
  error_blocked: "Il proprietario del sito non accetta i suoi messaggi.",
  error_expired: "Il link è scaduto.",
  error_internal: "Qualcosa è andato storto da parte nostra. Riprovi.",
  error_offline: "Al momento è offline. Riprovi tra poco.",
} satisfies Catalogue<PorchStrings>;
