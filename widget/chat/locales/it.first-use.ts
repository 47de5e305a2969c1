/**
 * Italian (italiano) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
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
} satisfies Catalogue<FirstUseStrings>;
