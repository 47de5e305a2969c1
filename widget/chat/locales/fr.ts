/**
 * French (français), formal address (vous), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/fr.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Discutons",
  greeting: "Bonjour ! Une question, une idée, une correction ? Écrivez ici, je vous répondrai personnellement.",
  awayText: "Je suis absent pour le moment. Laissez un message, je vous répondrai ici dès que possible.",
  online: "En ligne",
  away: "Absent",
  lastSeen: "Dernière activité {time}",
  backAt: "De retour {day} à {time}",
  connecting: "Connexion…",
  reconnecting: "Connexion perdue. Reconnexion…",
  openChat: "Ouvrir le chat",
  closeChat: "Fermer le chat",
  unread: "one:{count} non lu|other:{count} non lus",
  conversation: "Conversation",
  earlier: "Afficher les messages précédents",
  typing: "{name} écrit…",
  typingAnonymous: "En train d'écrire…",
  titleBadge: "({count}) Nouvelle réponse",
  you: "Vous",
  owner: "Réponse",
  inputLabel: "Message",
  placeholder: "Écrivez un message…",
  attach: "Joindre",
  editDetails: "Votre nom et votre e-mail",
  conversationMenu: "Votre conversation : télécharger ou supprimer",
  erased: "Votre conversation a été supprimée.",
  error_bad_request: "Impossible d'envoyer ceci. Vérifiez-le et réessayez.",
  error_unauthorized: "Vous n'êtes pas autorisé à faire cela.",
  error_not_found: "Cette conversation est introuvable.",
  error_too_large: "C'est plus long que la limite.",
  error_rate_limited: "Vous écrivez plus vite que la limite : ces messages repartiront d'eux-mêmes dans une minute.",
  error_blocked: "Le propriétaire du site n'accepte pas vos messages.",
  error_expired: "Ce lien a expiré.",
  error_internal: "Un problème est survenu de notre côté. Veuillez réessayer.",
  error_offline: "Vous êtes hors ligne. Veuillez réessayer dans un instant.",
} satisfies Catalogue<PorchStrings>;
