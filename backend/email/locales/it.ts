/**
 * Italian (it) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nuova risposta da {site}|other:{count} nuove risposte da {site}",
  replyLead: "one:Hai una risposta su {site}:|other:Hai {count} risposte su {site}:",
  replyEarlier: "one:({count} risposta precedente è nella conversazione.)|other:({count} risposte precedenti sono nella conversazione.)",
  continueButton: "Continua la conversazione",
  continueLine: "Continua la conversazione: {url}",
  replyWhy: "Ricevi questa email perché hai chiesto su {site} di ricevere le risposte via email.",
  unsubscribe: "Annulla l’iscrizione",
  unsubscribeLine: "Annulla l’iscrizione: {url}",
  answerLine: "Oppure rispondi a questa email: ciò che scrivi sopra il testo citato arriva nella conversazione.",
  confirmSubject: "Conferma il tuo indirizzo email per {site}",
  confirmLead: "Qualcuno ha chiesto su {site} di ricevere le risposte via email a questo indirizzo, dopo aver scritto:",
  confirmIfYours: "Se sei stato tu, conferma il tuo indirizzo e le risposte che perdi nella chat ti arriveranno via email.",
  confirmLine: "Conferma: {url}",
  confirmButton: "Conferma il mio indirizzo",
  confirmIfNot: "Se non sei stato tu, ignora questa email: {site} non invia risposte a un indirizzo non confermato.",
  neverEmail: "Non scrivere mai più a questo indirizzo",
  neverEmailLine: "Non scrivere mai più a questo indirizzo da {site}: {url}",
  notAllowed: "Non consentito",
  openFromEmail: "Apri il link dall’email.",
  linkInvalid: "Questo link non è valido",
  unsubscribeDamaged: "Il link per annullare l’iscrizione è incompleto o danneggiato. Aprilo di nuovo dall’email.",
  unsubscribed: "Iscrizione annullata",
  unsubscribedBody:
    "{site} non ti scriverà più. Per ricevere di nuovo le risposte via email, indica il tuo indirizzo nella chat di {site} e confermalo.",
  stopQuestion: "Smettere di ricevere le risposte via email?",
  stopBody: "{site} ti invia via email le risposte che perdi nella sua chat. Annulla l’iscrizione per non riceverne più nessuna.",
  stopBodyTo: "{site} invia a {address} le risposte che perdi nella sua chat. Annulla l’iscrizione per non riceverne più nessuna.",
  linkExpired: "Questo link è scaduto",
  expiredBody: "Indica di nuovo il tuo indirizzo nella chat di {site} per riceverne uno nuovo.",
  confirmDamaged: "Il link di conferma è incompleto o danneggiato. Aprilo di nuovo dall’email.",
  nothingToConfirm: "Niente da confermare",
  nothingToConfirmBody: "La chat di {site} che l’ha chiesto non ha più questo indirizzo: non c’è niente da confermare.",
  confirmed: "Il tuo indirizzo è confermato",
  confirmedBody: "Le risposte che perdi nella chat di {site} ti arriveranno via email. Ogni email contiene un link per interromperle.",
  confirmQuestion: "Confermare il tuo indirizzo email?",
  confirmQuestionBody: "{site} invierà a {address} le risposte che perdi nella sua chat. Conferma solo se hai scritto tu.",
  confirmAction: "Conferma",
  ownerAnswerLink: "Rispondi via email",
  ownerAnswerLine: "Rispondi a questa email per rispondere nella chat: ciò che scrivi sopra il testo citato arriva al visitatore.",
} satisfies Catalogue<typeof emailStrings>;
