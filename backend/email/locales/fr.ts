/**
 * French (fr) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nouvelle réponse de {site}|other:{count} nouvelles réponses de {site}",
  replyLead: "one:Vous avez une réponse sur {site} :|other:Vous avez {count} réponses sur {site} :",
  replyEarlier:
    "one:({count} réponse précédente est dans la conversation.)|other:({count} réponses précédentes sont dans la conversation.)",
  continueButton: "Reprendre la conversation",
  continueLine: "Reprendre la conversation : {url}",
  replyWhy: "Vous recevez cet e-mail parce que vous avez demandé sur {site} à recevoir les réponses par e-mail.",
  unsubscribe: "Se désabonner",
  unsubscribeLine: "Se désabonner : {url}",
  answerLine: "Ou répondez à cet e-mail : ce que vous écrivez au-dessus du texte cité s’ajoute à la conversation.",
  confirmSubject: "Confirmez votre adresse e-mail pour {site}",
  confirmLead: "Quelqu’un a demandé sur {site} à recevoir les réponses par e-mail à cette adresse, après avoir écrit :",
  confirmIfYours: "Si c’était vous, confirmez votre adresse : les réponses que vous manquez dans le chat vous seront envoyées par e-mail.",
  confirmLine: "Confirmer : {url}",
  confirmButton: "Confirmer mon adresse",
  confirmIfNot: "Si ce n’était pas vous, ignorez cet e-mail : {site} n’envoie aucune réponse à une adresse non confirmée.",
  neverEmail: "Ne plus jamais écrire à cette adresse",
  neverEmailLine: "Ne plus jamais écrire à cette adresse depuis {site} : {url}",
  notAllowed: "Non autorisé",
  openFromEmail: "Ouvrez le lien depuis l’e-mail.",
  linkInvalid: "Ce lien n’est pas valide",
  unsubscribeDamaged: "Le lien de désabonnement est incomplet ou abîmé. Ouvrez-le de nouveau depuis l’e-mail.",
  unsubscribed: "Vous êtes désabonné",
  unsubscribedBody:
    "{site} ne vous écrira plus. Pour recevoir de nouveau les réponses par e-mail, indiquez votre adresse dans le chat de {site} et confirmez-la.",
  stopQuestion: "Arrêter les e-mails de réponse ?",
  stopBody: "{site} vous envoie par e-mail les réponses que vous manquez dans son chat. Désabonnez-vous pour ne plus en recevoir aucun.",
  stopBodyTo: "{site} envoie à {address} les réponses que vous manquez dans son chat. Désabonnez-vous pour ne plus en recevoir aucun.",
  linkExpired: "Ce lien a expiré",
  expiredBody: "Indiquez de nouveau votre adresse dans le chat de {site} pour en recevoir un nouveau.",
  confirmDamaged: "Le lien de confirmation est incomplet ou abîmé. Ouvrez-le de nouveau depuis l’e-mail.",
  nothingToConfirm: "Rien à confirmer",
  nothingToConfirmBody: "Le chat de {site} qui l’a demandé n’a plus cette adresse : il n’y a rien à confirmer.",
  confirmed: "Votre adresse est confirmée",
  confirmedBody:
    "Les réponses que vous manquez dans le chat de {site} vous seront envoyées par e-mail. Chaque e-mail contient un lien pour les arrêter.",
  confirmQuestion: "Confirmer votre adresse e-mail ?",
  confirmQuestionBody:
    "{site} enverra à {address} les réponses que vous manquez dans son chat. Ne confirmez que si c’est vous qui y avez écrit.",
  confirmAction: "Confirmer",
  ownerAnswerLink: "Répondre par e-mail",
  ownerAnswerLine: "Répondez à cet e-mail pour répondre dans le chat : ce que vous écrivez au-dessus du texte cité est envoyé au visiteur.",
} satisfies Catalogue<typeof emailStrings>;
