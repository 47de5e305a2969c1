/**
 * Dutch (Nederlands), formal address (u), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/nl.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Chat met mij",
  greeting: "Hallo! Vragen, ideeën, correcties? Schrijf hier, dan antwoord ik persoonlijk.",
  awayText: "Ik ben er nu niet. Laat een bericht achter, dan antwoord ik hier zo snel mogelijk.",
  online: "Online",
  away: "Afwezig",
  lastSeen: "Laatst gezien {time}",
  backAt: "Terug op {day} om {time}",
  connecting: "Verbinden…",
  reconnecting: "Verbinding verbroken. Opnieuw verbinden…",
  openChat: "Chat openen",
  closeChat: "Chat sluiten",
  unread: "{count} ongelezen",
  conversation: "Gesprek",
  earlier: "Eerdere berichten tonen",
  typing: "{name} typt…",
  typingAnonymous: "Typt…",
  titleBadge: "({count}) Nieuw antwoord",
  you: "U",
  owner: "Antwoord",
  inputLabel: "Bericht",
  placeholder: "Schrijf een bericht…",
  attach: "Bijvoegen",
  editDetails: "Uw naam en e-mail",
  conversationMenu: "Uw gesprek: downloaden of verwijderen",
  erased: "Uw gesprek is verwijderd.",
  error_bad_request: "Dat kon niet worden verstuurd. Controleer het en probeer het opnieuw.",
  error_unauthorized: "Dat mag u niet doen.",
  error_not_found: "Dat gesprek is niet gevonden.",
  error_too_large: "Dat is langer dan toegestaan.",
  error_rate_limited: "U schrijft sneller dan toegestaan: deze berichten gaan over een minuut vanzelf opnieuw weg.",
  error_blocked: "De eigenaar van de site accepteert geen berichten van u.",
  error_expired: "Die link is verlopen.",
  error_internal: "Er ging bij ons iets mis. Probeer het opnieuw.",
  error_offline: "U bent nu offline. Probeer het zo opnieuw.",
} satisfies Catalogue<PorchStrings>;
