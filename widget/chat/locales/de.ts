/**
 * German (Deutsch), formal address, for the chat loaded on intent. Written for Porch from the
 * English (strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker. docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/de.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Schreiben Sie mir",
  greeting: "Hallo! Fragen, Gedanken, Korrekturen? Schreiben Sie hier, ich antworte persönlich.",
  awayText: "Ich bin gerade nicht da. Hinterlassen Sie eine Nachricht, ich antworte hier so bald wie möglich.",
  online: "Online",
  away: "Abwesend",
  lastSeen: "Zuletzt aktiv {time}",
  backAt: "Wieder da am {day} um {time}",
  connecting: "Verbinde…",
  reconnecting: "Verbindung unterbrochen. Verbinde neu…",
  openChat: "Chat öffnen",
  closeChat: "Chat schließen",
  unread: "{count} ungelesen",
  conversation: "Unterhaltung",
  earlier: "Frühere Nachrichten zeigen",
  typing: "{name} schreibt…",
  typingAnonymous: "Schreibt…",
  titleBadge: "({count}) Neue Antwort",
  you: "Sie",
  owner: "Antwort",
  inputLabel: "Nachricht",
  placeholder: "Nachricht schreiben…",
  attach: "Anhängen",
  editDetails: "Ihr Name und Ihre E-Mail",
  conversationMenu: "Ihre Unterhaltung: herunterladen oder löschen",
  erased: "Ihre Unterhaltung wurde gelöscht.",
  error_bad_request: "Das konnte nicht gesendet werden. Bitte prüfen Sie es und versuchen Sie es erneut.",
  error_unauthorized: "Dazu sind Sie nicht berechtigt.",
  error_not_found: "Diese Unterhaltung wurde nicht gefunden.",
  error_too_large: "Das ist länger als erlaubt.",
  error_rate_limited: "Sie schreiben schneller als erlaubt: Diese Nachrichten gehen in einer Minute von selbst erneut raus.",
  error_blocked: "Der Betreiber dieser Seite nimmt keine Nachrichten von Ihnen an.",
  error_expired: "Dieser Link ist abgelaufen.",
  error_internal: "Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.",
  error_offline: "Sie sind gerade offline. Bitte versuchen Sie es gleich noch einmal.",
} satisfies Catalogue<PorchStrings>;
