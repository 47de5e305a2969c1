/**
 * Polish (pl) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject:
    "one:Nowa odpowiedź od {site}|few:{count} nowe odpowiedzi od {site}|many:{count} nowych odpowiedzi od {site}|other:{count} nowej odpowiedzi od {site}",
  replyLead: "one:Masz odpowiedź na {site}:|other:Masz {count} odpowiedzi na {site}:",
  replyEarlier:
    "one:({count} wcześniejsza odpowiedź jest w rozmowie.)|few:({count} wcześniejsze odpowiedzi są w rozmowie.)|many:({count} wcześniejszych odpowiedzi jest w rozmowie.)|other:({count} wcześniejszej odpowiedzi jest w rozmowie.)",
  continueButton: "Kontynuuj rozmowę",
  continueLine: "Kontynuuj rozmowę: {url}",
  replyWhy: "Otrzymujesz tę wiadomość, ponieważ na {site} poprosiłeś o odpowiedzi e-mailem.",
  unsubscribe: "Wypisz się",
  unsubscribeLine: "Wypisz się: {url}",
  answerLine: "Możesz też odpowiedzieć na tę wiadomość: to, co napiszesz nad cytowanym tekstem, trafi do rozmowy.",
  confirmSubject: "Potwierdź swój adres e-mail dla {site}",
  confirmLead: "Ktoś poprosił na {site} o odpowiedzi e-mailem na ten adres, po napisaniu:",
  confirmIfYours: "Jeśli to Ty, potwierdź swój adres, a odpowiedzi, które przegapisz na czacie, wyślemy Ci e-mailem.",
  confirmLine: "Potwierdź: {url}",
  confirmButton: "Potwierdź mój adres",
  confirmIfNot: "Jeśli to nie Ty, zignoruj tę wiadomość: {site} nie wysyła odpowiedzi na niepotwierdzony adres.",
  neverEmail: "Nigdy nie pisz na ten adres",
  neverEmailLine: "Nigdy nie pisz na ten adres z {site}: {url}",
  notAllowed: "Niedozwolone",
  openFromEmail: "Otwórz link z wiadomości e-mail.",
  linkInvalid: "Ten link jest nieprawidłowy",
  unsubscribeDamaged: "Link do wypisania się jest niepełny lub uszkodzony. Otwórz go ponownie z wiadomości e-mail.",
  unsubscribed: "Wypisano Cię",
  unsubscribedBody:
    "{site} nie będzie już do Ciebie pisać. Aby znów dostawać odpowiedzi e-mailem, podaj swój adres na czacie na {site} i potwierdź go.",
  stopQuestion: "Przestać wysyłać odpowiedzi e-mailem?",
  stopBody: "{site} wysyła Ci e-mailem odpowiedzi, które przegapisz na czacie. Wypisz się, aby nie dostawać żadnej takiej wiadomości.",
  stopBodyTo: "{site} wysyła na {address} odpowiedzi, które przegapisz na czacie. Wypisz się, aby nie dostawać żadnej takiej wiadomości.",
  linkExpired: "Ten link wygasł",
  expiredBody: "Podaj swój adres ponownie na czacie na {site}, aby dostać nowy.",
  confirmDamaged: "Link potwierdzający jest niepełny lub uszkodzony. Otwórz go ponownie z wiadomości e-mail.",
  nothingToConfirm: "Nie ma czego potwierdzać",
  nothingToConfirmBody: "Czat na {site}, który o to prosił, nie ma już tego adresu: nie ma czego potwierdzać.",
  confirmed: "Twój adres jest potwierdzony",
  confirmedBody: "Odpowiedzi, które przegapisz na czacie na {site}, wyślemy Ci e-mailem. W każdej wiadomości jest link, by to wyłączyć.",
  confirmQuestion: "Potwierdzić adres e-mail?",
  confirmQuestionBody:
    "{site} będzie wysyłać na {address} odpowiedzi, które przegapisz na czacie. Potwierdź tylko, jeśli to Ty tam pisałeś.",
  confirmAction: "Potwierdź",
  ownerAnswerLink: "Odpowiedz e-mailem",
  ownerAnswerLine:
    "Odpowiedz na tę wiadomość, aby odpowiedzieć na czacie: to, co napiszesz nad cytowanym tekstem, trafi do odwiedzającego.",
} satisfies Catalogue<typeof emailStrings>;
