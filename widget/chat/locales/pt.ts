/**
 * Portuguese (português do Brasil), addressed as você, for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/pt.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Fale comigo",
  greeting: "Oi! Dúvidas, ideias, correções? Escreva aqui que eu respondo pessoalmente.",
  awayText: "Não estou disponível agora. Deixe uma mensagem e responderei aqui assim que puder.",
  online: "Online",
  away: "Ausente",
  lastSeen: "Visto por último {time}",
  backAt: "De volta: {day} às {time}",
  connecting: "Conectando…",
  reconnecting: "Conexão perdida. Reconectando…",
  openChat: "Abrir chat",
  closeChat: "Fechar chat",
  unread: "one:{count} não lida|other:{count} não lidas",
  conversation: "Conversa",
  earlier: "Mostrar mensagens anteriores",
  typing: "{name} está digitando…",
  typingAnonymous: "Digitando…",
  titleBadge: "({count}) Nova resposta",
  you: "Você",
  owner: "Resposta",
  inputLabel: "Mensagem",
  placeholder: "Escreva uma mensagem…",
  attach: "Anexar",
  editDetails: "Seu nome e e-mail",
  conversationMenu: "Sua conversa: baixar ou excluir",
  erased: "Sua conversa foi excluída.",
  error_bad_request: "Não foi possível enviar. Verifique e tente de novo.",
  error_unauthorized: "Você não tem permissão para fazer isso.",
  error_not_found: "Essa conversa não foi encontrada.",
  error_too_large: "Passou do limite de tamanho.",
  error_rate_limited: "Você está escrevendo mais rápido que o limite: estas mensagens serão reenviadas sozinhas em um minuto.",
  error_blocked: "O dono do site não está aceitando suas mensagens.",
  error_expired: "Esse link expirou.",
  error_internal: "Algo deu errado do nosso lado. Tente de novo.",
  error_offline: "Você está sem conexão agora. Tente de novo em instantes.",
} satisfies Catalogue<PorchStrings>;
