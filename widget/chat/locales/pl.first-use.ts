/**
 * Polish (polski) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/pl.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
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
  consentTitle: "Zanim zaczniesz czat",
  consentText:
    "Do czatu ta strona zapisuje w Twojej przeglądarce losowy identyfikator i przechowuje to, co piszesz (oraz Twoje imię i e-mail, jeśli je podasz), aby Ci odpowiedzieć. Nic nie jest zapisywane ani wysyłane, dopóki się nie zgodzisz.",
  consentPrivacy: "Informacja o prywatności",
  consentAccept: "Akceptuję",
  consentDecline: "Nie teraz",
  resumeAsk: "Otworzyć rozmowę z e-maila? Ta tutaj będzie o jedno kliknięcie dalej.",
  resumeOpen: "Otwórz",
  resumeStay: "Zostań tutaj",
  otherConversation: "Masz na tym urządzeniu inną rozmowę.",
  otherConversationOpen: "Przełącz",
  resumeExpired: "Ten link z e-maila wygasł (działa 14 dni, dopóki Twój adres się nie zmieni). Nadal możesz pisać tutaj.",
  resumeInvalid: "Ten link jest niepełny. Otwórz go ponownie z e-maila.",
  resumeGone: "Ta rozmowa już nie istnieje. Możesz zacząć tutaj nową.",
} satisfies Catalogue<FirstUseStrings>;
