/**
 * French (français) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  introTitle: "Présentez-vous (facultatif)",
  introHint:
    "Laissez un e-mail si vous souhaitez une réponse quand vous n'êtes plus sur cette page (nous vous demanderons de le confirmer).",
  nickname: "Nom",
  email: "E-mail",
  save: "Enregistrer",
  skip: "Passer",
  menuTitle: "Votre conversation",
  menuKept:
    "one:Les conversations sont conservées {count} jour après le dernier message.|other:Les conversations sont conservées {count} jours après le dernier message.",
  menuKeptForever: "Les conversations sont conservées jusqu'à ce que vous ou le propriétaire du site les supprimiez.",
  menuDownload: "Télécharger cette conversation",
  menuDelete: "Supprimer cette conversation",
  menuDeleteConfirm:
    "Supprimer définitivement cette conversation ? Vos messages, votre nom et votre e-mail sont effacés, ici et chez le propriétaire du site.",
  menuDeleteYes: "Supprimer",
  menuCancel: "Annuler",
  menuDownloadFailed: "Impossible de télécharger la conversation. Veuillez réessayer.",
  menuFileName: "conversation.txt",
  menuFileHeading: "Votre conversation avec {name} sur {url}",
  menuYou: "Vous",
  menuOwner: "Réponse",
  emailOfferTitle: "Recevoir la réponse par e-mail",
  emailOfferSave: "M'écrire",
  emailOfferDismiss: "Non merci",
  emailOfferCancel: "Annuler",
  emailOfferConfirm: "Consultez votre boîte mail pour confirmer {email}.",
  emailOfferOn: "Les réponses manquées sont envoyées à {email}.",
  emailOfferStopped: "Les e-mails vers {email} sont arrêtés.",
  emailOfferAgain: "Reprendre les e-mails",
  emailOfferChange: "Modifier",
  emailOfferRemove: "Retirer",
} satisfies Catalogue<FirstUseStrings>;
