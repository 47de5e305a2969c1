/**
 * Polish (polski) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  introTitle: "Przedstaw się (opcjonalnie)",
  introHint: "Zostaw e-mail, jeśli chcesz dostać odpowiedź, gdy nie będzie Cię na tej stronie (poprosimy o jego potwierdzenie).",
  nickname: "Imię",
  email: "E-mail",
  save: "Zapisz",
  skip: "Pomiń",
  menuTitle: "Twoja rozmowa",
  menuKept:
    "one:Rozmowy są przechowywane przez {count} dzień od ostatniej wiadomości.|other:Rozmowy są przechowywane przez {count} dni od ostatniej wiadomości.",
  menuKeptForever: "Rozmowy są przechowywane, dopóki Ty lub właściciel strony ich nie usuniecie.",
  menuDownload: "Pobierz tę rozmowę",
  menuDelete: "Usuń tę rozmowę",
  menuDeleteConfirm: "Usunąć tę rozmowę na zawsze? Twoje wiadomości, imię i e-mail zostaną usunięte, tutaj i u właściciela strony.",
  menuDeleteYes: "Usuń",
  menuCancel: "Anuluj",
  menuDownloadFailed: "Nie udało się pobrać rozmowy. Spróbuj ponownie.",
  menuFileName: "rozmowa.txt",
  menuFileHeading: "Twoja rozmowa z {name} na {url}",
  menuYou: "Ty",
  menuOwner: "Odpowiedź",
  emailOfferTitle: "Otrzymaj odpowiedź e-mailem",
  emailOfferSave: "Wyślij mi e-mail",
  emailOfferDismiss: "Nie, dziękuję",
  emailOfferCancel: "Anuluj",
  emailOfferConfirm: "Sprawdź skrzynkę, aby potwierdzić {email}.",
  emailOfferOn: "Odpowiedzi, które przegapisz, trafią na {email}.",
  emailOfferStopped: "E-maile na {email} są wstrzymane.",
  emailOfferAgain: "Znów wysyłaj e-maile",
  emailOfferChange: "Zmień",
  emailOfferRemove: "Usuń",
} satisfies Catalogue<FirstUseStrings>;
