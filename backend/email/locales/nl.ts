/**
 * Dutch (nl) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nieuw antwoord van {site}|other:{count} nieuwe antwoorden van {site}",
  replyLead: "one:Je hebt een antwoord op {site}:|other:Je hebt {count} antwoorden op {site}:",
  replyEarlier: "one:({count} eerder antwoord staat in het gesprek.)|other:({count} eerdere antwoorden staan in het gesprek.)",
  continueButton: "Verder met het gesprek",
  continueLine: "Verder met het gesprek: {url}",
  replyWhy: "Je krijgt deze e-mail omdat je op {site} hebt gevraagd om antwoorden per e-mail te krijgen.",
  unsubscribe: "Afmelden",
  unsubscribeLine: "Afmelden: {url}",
  answerLine: "Of beantwoord deze e-mail: wat je boven de geciteerde tekst schrijft, komt in het gesprek.",
  confirmSubject: "Bevestig je e-mailadres voor {site}",
  confirmLead: "Iemand vroeg op {site} om antwoorden per e-mail op dit adres, na het volgende te hebben geschreven:",
  confirmIfYours: "Was jij dat? Bevestig dan je adres, en antwoorden die je in de chat mist, krijg je per e-mail.",
  confirmLine: "Bevestigen: {url}",
  confirmButton: "Mijn adres bevestigen",
  confirmIfNot: "Was jij het niet? Negeer deze e-mail dan: {site} stuurt geen antwoorden naar een adres dat niet bevestigd is.",
  neverEmail: "Nooit meer naar dit adres mailen",
  neverEmailLine: "Nooit meer naar dit adres mailen vanaf {site}: {url}",
  notAllowed: "Niet toegestaan",
  openFromEmail: "Open de link vanuit de e-mail.",
  linkInvalid: "Deze link is niet geldig",
  unsubscribeDamaged: "De afmeldlink is onvolledig of beschadigd. Open hem opnieuw vanuit de e-mail.",
  unsubscribed: "Je bent afgemeld",
  unsubscribedBody:
    "{site} mailt je niet meer. Wil je weer antwoorden per e-mail krijgen, geef dan je adres op in de chat op {site} en bevestig het.",
  stopQuestion: "Geen antwoorden per e-mail meer?",
  stopBody: "{site} mailt je de antwoorden die je in de chat mist. Meld je af om geen enkele van deze e-mails meer te krijgen.",
  stopBodyTo:
    "{site} mailt de antwoorden die je in de chat mist naar {address}. Meld je af om geen enkele van deze e-mails meer te krijgen.",
  linkExpired: "Deze link is verlopen",
  expiredBody: "Geef je adres opnieuw op in de chat op {site} om een nieuwe te krijgen.",
  confirmDamaged: "De bevestigingslink is onvolledig of beschadigd. Open hem opnieuw vanuit de e-mail.",
  nothingToConfirm: "Niets te bevestigen",
  nothingToConfirmBody: "De chat op {site} die erom vroeg, heeft dit adres niet meer: er is niets te bevestigen.",
  confirmed: "Je adres is bevestigd",
  confirmedBody: "Antwoorden die je in de chat op {site} mist, krijg je per e-mail. In elke e-mail staat een link om ermee te stoppen.",
  confirmQuestion: "Je e-mailadres bevestigen?",
  confirmQuestionBody: "{site} mailt de antwoorden die je in de chat mist naar {address}. Bevestig alleen als jij daar hebt geschreven.",
  confirmAction: "Bevestigen",
  ownerAnswerLink: "Antwoorden per e-mail",
  ownerAnswerLine: "Beantwoord deze e-mail om in de chat te reageren: wat je boven de geciteerde tekst schrijft, gaat naar de bezoeker.",
} satisfies Catalogue<typeof emailStrings>;
