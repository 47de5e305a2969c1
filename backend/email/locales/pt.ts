/**
 * Portuguese, Brazil (pt) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nova resposta de {site}|other:{count} novas respostas de {site}",
  replyLead: "one:Você tem uma resposta em {site}:|other:Você tem {count} respostas em {site}:",
  replyEarlier: "one:({count} resposta anterior está na conversa.)|other:({count} respostas anteriores estão na conversa.)",
  continueButton: "Continuar a conversa",
  continueLine: "Continuar a conversa: {url}",
  replyWhy: "Você recebe este e-mail porque pediu em {site} para receber as respostas por e-mail.",
  unsubscribe: "Cancelar inscrição",
  unsubscribeLine: "Cancelar inscrição: {url}",
  answerLine: "Ou responda a este e-mail: o que você escrever acima do texto citado vai para a conversa.",
  confirmSubject: "Confirme seu endereço de e-mail para {site}",
  confirmLead: "Alguém pediu em {site} para receber respostas por e-mail neste endereço, depois de escrever:",
  confirmIfYours: "Se foi você, confirme seu endereço, e as respostas que você perder no chat serão enviadas por e-mail.",
  confirmLine: "Confirmar: {url}",
  confirmButton: "Confirmar meu endereço",
  confirmIfNot: "Se não foi você, ignore este e-mail: {site} não envia respostas para um endereço não confirmado.",
  neverEmail: "Nunca mais enviar e-mails para este endereço",
  neverEmailLine: "Nunca mais enviar e-mails de {site} para este endereço: {url}",
  notAllowed: "Não permitido",
  openFromEmail: "Abra o link pelo e-mail.",
  linkInvalid: "Este link não é válido",
  unsubscribeDamaged: "O link de cancelamento está incompleto ou danificado. Abra-o novamente pelo e-mail.",
  unsubscribed: "Sua inscrição foi cancelada",
  unsubscribedBody:
    "{site} não vai mais enviar e-mails para você. Para voltar a receber respostas por e-mail, informe seu endereço no chat de {site} e confirme-o.",
  stopQuestion: "Parar os e-mails de resposta?",
  stopBody: "{site} envia por e-mail as respostas que você perde no chat. Cancele a inscrição para não receber mais nenhum.",
  stopBodyTo: "{site} envia para {address} as respostas que você perde no chat. Cancele a inscrição para não receber mais nenhum.",
  linkExpired: "Este link expirou",
  expiredBody: "Informe seu endereço de novo no chat de {site} para receber um novo.",
  confirmDamaged: "O link de confirmação está incompleto ou danificado. Abra-o novamente pelo e-mail.",
  nothingToConfirm: "Nada para confirmar",
  nothingToConfirmBody: "O chat de {site} que pediu não tem mais este endereço: não há nada para confirmar.",
  confirmed: "Seu endereço foi confirmado",
  confirmedBody: "As respostas que você perder no chat de {site} serão enviadas por e-mail. Cada e-mail tem um link para interrompê-las.",
  confirmQuestion: "Confirmar seu endereço de e-mail?",
  confirmQuestionBody: "{site} enviará para {address} as respostas que você perder no chat. Confirme somente se foi você quem escreveu.",
  confirmAction: "Confirmar",
  ownerAnswerLink: "Responder por e-mail",
  ownerAnswerLine: "Responda a este e-mail para responder no chat: o que você escrever acima do texto citado vai para o visitante.",
} satisfies Catalogue<typeof emailStrings>;
