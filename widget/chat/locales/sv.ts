/**
 * Swedish (svenska), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/sv.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Chatta med mig",
  greeting: "Hej! Frågor, tankar, rättelser? Skriv här så svarar jag personligen.",
  awayText: "Jag är inte här just nu. Lämna ett meddelande så svarar jag här så snart jag kan.",
  online: "Online",
  away: "Borta",
  lastSeen: "Senast aktiv {time}",
  backAt: "Tillbaka {day} kl. {time}",
  connecting: "Ansluter…",
  reconnecting: "Anslutningen bröts. Ansluter igen…",
  openChat: "Öppna chatten",
  closeChat: "Stäng chatten",
  unread: "one:{count} oläst|other:{count} olästa",
  conversation: "Konversation",
  earlier: "Visa tidigare meddelanden",
  typing: "{name} skriver…",
  typingAnonymous: "Skriver…",
  titleBadge: "({count}) Nytt svar",
  you: "Du",
  owner: "Svar",
  inputLabel: "Meddelande",
  placeholder: "Skriv ett meddelande…",
  attach: "Bifoga",
  editDetails: "Ditt namn och din e-post",
  conversationMenu: "Din konversation: ladda ner eller radera",
  erased: "Din konversation har raderats.",
  error_bad_request: "Det gick inte att skicka. Kontrollera och försök igen.",
  error_unauthorized: "Du har inte behörighet att göra det.",
  error_not_found: "Konversationen hittades inte.",
  error_too_large: "Det är längre än gränsen.",
  error_rate_limited: "Du skriver snabbare än gränsen: de här skickas igen av sig själva om en minut.",
  error_blocked: "Webbplatsens ägare tar inte emot meddelanden från dig.",
  error_expired: "Länken har gått ut.",
  error_internal: "Något gick fel hos oss. Försök igen.",
  error_offline: "Du är offline just nu. Försök igen om en stund.",
} satisfies Catalogue<PorchStrings>;
