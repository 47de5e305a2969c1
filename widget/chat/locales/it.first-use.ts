/**
 * Italian (italiano) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/it.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Si presenti (facoltativo)",
  introHint: "Lasci un'email se vuole ricevere la risposta quando non è su questa pagina (le chiederemo di confermarla).",
  nickname: "Nome",
  email: "Email",
  save: "Salva",
  skip: "Salta",
  menuTitle: "La sua conversazione",
  menuKept:
    "one:Le conversazioni sono conservate per {count} giorno dopo l'ultimo messaggio.|other:Le conversazioni sono conservate per {count} giorni dopo l'ultimo messaggio.",
  menuKeptForever: "Le conversazioni sono conservate finché lei o il proprietario del sito non le eliminate.",
  menuDownload: "Scarica questa conversazione",
  menuDelete: "Elimina questa conversazione",
  menuDeleteConfirm:
    "Eliminare definitivamente questa conversazione? I suoi messaggi, il nome e l'email vengono cancellati, qui e per il proprietario del sito.",
  menuDeleteYes: "Elimina",
  menuCancel: "Annulla",
  menuDownloadFailed: "Non è stato possibile scaricare la conversazione. Riprovi.",
  menuFileName: "conversazione.txt",
  menuFileHeading: "La sua conversazione con {name} su {url}",
  menuYou: "Lei",
  menuOwner: "Risposta",
  emailOfferTitle: "Ricevi la risposta via email",
  emailOfferSave: "Scrivetemi",
  emailOfferDismiss: "No, grazie",
  emailOfferCancel: "Annulla",
  emailOfferConfirm: "Controlli la posta per confermare {email}.",
  emailOfferOn: "Le risposte che perde vengono inviate a {email}.",
  emailOfferStopped: "Le email a {email} sono sospese.",
  emailOfferAgain: "Riattiva le email",
  emailOfferChange: "Cambia",
  emailOfferRemove: "Rimuovi",
  consentTitle: "Prima di scrivere",
  consentText:
    "Per la chat, questo sito conserva un identificativo casuale nel Suo browser e memorizza ciò che scrive (e il Suo nome e la Sua email, se li indica) per risponderLe. Nulla viene memorizzato o inviato finché non accetta.",
  consentPrivacy: "Informativa sulla privacy",
  consentAccept: "Accetta",
  consentDecline: "Non ora",
  resumeAsk: "Aprire la conversazione dalla sua email? Quella qui resta a un clic.",
  resumeOpen: "Apri",
  resumeStay: "Resta qui",
  otherConversation: "Ha un'altra conversazione su questo dispositivo.",
  otherConversationOpen: "Passa all'altra",
  resumeExpired:
    "Questo link della sua email è scaduto (valgono 14 giorni, finché il suo indirizzo resta lo stesso). Può comunque scrivere qui.",
  resumeInvalid: "Questo link è incompleto. Lo riapra dall'email.",
  resumeGone: "Questa conversazione non esiste più. Può iniziarne una nuova qui.",
} satisfies Catalogue<FirstUseStrings>;
