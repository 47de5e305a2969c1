/**
 * French (français) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/fr.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
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
  consentTitle: "Avant de discuter",
  consentText:
    "Pour discuter, ce site garde un identifiant aléatoire dans votre navigateur et conserve ce que vous écrivez (ainsi que votre nom et votre e-mail, si vous les donnez) pour vous répondre. Rien n’est conservé ni envoyé avant votre accord.",
  consentPrivacy: "Politique de confidentialité",
  consentAccept: "Accepter",
  consentDecline: "Plus tard",
  resumeAsk: "Ouvrir la conversation de votre e-mail ? Celle-ci reste à un clic.",
  resumeOpen: "L'ouvrir",
  resumeStay: "Rester ici",
  otherConversation: "Vous avez une autre conversation sur cet appareil.",
  otherConversationOpen: "Changer",
  resumeExpired:
    "Ce lien de votre e-mail a expiré (les liens sont valables 14 jours, tant que votre adresse ne change pas). Vous pouvez toujours écrire ici.",
  resumeInvalid: "Ce lien est incomplet. Ouvrez-le à nouveau depuis l'e-mail.",
  resumeGone: "Cette conversation n'existe plus. Vous pouvez en commencer une nouvelle ici.",
} satisfies Catalogue<FirstUseStrings>;
