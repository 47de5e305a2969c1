/**
 * Polish (polski), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/pl.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Napisz do mnie",
  greeting: "Cześć! Pytania, przemyślenia, poprawki? Napisz tutaj, odpowiem osobiście.",
  awayText: "Nie ma mnie teraz. Zostaw wiadomość, a odpowiem tutaj najszybciej, jak to możliwe.",
  online: "Dostępny",
  away: "Niedostępny",
  lastSeen: "Ostatnia aktywność: {time}",
  backAt: "Wracam: {day}, {time}",
  connecting: "Łączenie…",
  reconnecting: "Utracono połączenie. Ponowne łączenie…",
  openChat: "Otwórz czat",
  closeChat: "Zamknij czat",
  unread: "one:{count} nieprzeczytana|few:{count} nieprzeczytane|many:{count} nieprzeczytanych|other:{count} nieprzeczytanej",
  conversation: "Rozmowa",
  earlier: "Pokaż wcześniejsze wiadomości",
  typing: "{name} pisze…",
  typingAnonymous: "Pisze…",
  titleBadge: "({count}) Nowa odpowiedź",
  you: "Ty",
  owner: "Odpowiedź",
  inputLabel: "Wiadomość",
  placeholder: "Napisz wiadomość…",
  attach: "Załącz",
  editDetails: "Twoje imię i e-mail",
  conversationMenu: "Twoja rozmowa: pobierz lub usuń",
  erased: "Twoja rozmowa została usunięta.",
  error_bad_request: "Nie udało się wysłać. Sprawdź i spróbuj ponownie.",
  error_unauthorized: "Nie masz do tego uprawnień.",
  error_not_found: "Nie znaleziono tej rozmowy.",
  error_too_large: "To przekracza limit długości.",
  error_rate_limited: "Piszesz szybciej, niż pozwala limit: te wiadomości zostaną wysłane ponownie same za minutę.",
  error_blocked: "Właściciel strony nie przyjmuje od Ciebie wiadomości.",
  error_expired: "Ten link wygasł.",
  error_internal: "Coś poszło nie tak po naszej stronie. Spróbuj ponownie.",
  error_offline: "Jesteś teraz offline. Spróbuj ponownie za chwilę.",
} satisfies Catalogue<PorchStrings>;
