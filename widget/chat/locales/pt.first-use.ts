/**
 * Portuguese (português do Brasil) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/pt.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Apresente-se (opcional)",
  introHint: "Deixe um e-mail se quiser receber a resposta quando não estiver nesta página (vamos pedir que você o confirme).",
  nickname: "Nome",
  email: "E-mail",
  save: "Salvar",
  skip: "Pular",
  menuTitle: "Sua conversa",
  menuKept:
    "one:As conversas são guardadas por {count} dia após a última mensagem.|other:As conversas são guardadas por {count} dias após a última mensagem.",
  menuKeptForever: "As conversas são guardadas até que você ou o dono do site as excluam.",
  menuDownload: "Baixar esta conversa",
  menuDelete: "Excluir esta conversa",
  menuDeleteConfirm: "Excluir esta conversa para sempre? Suas mensagens, nome e e-mail serão apagados, aqui e para o dono do site.",
  menuDeleteYes: "Excluir",
  menuCancel: "Cancelar",
  menuDownloadFailed: "Não foi possível baixar a conversa. Tente de novo.",
  menuFileName: "conversa.txt",
  menuFileHeading: "Sua conversa com {name} em {url}",
  menuYou: "Você",
  menuOwner: "Resposta",
  emailOfferTitle: "Receber a resposta por e-mail",
  emailOfferSave: "Quero por e-mail",
  emailOfferDismiss: "Não, obrigado",
  emailOfferCancel: "Cancelar",
  emailOfferConfirm: "Confira sua caixa de entrada para confirmar {email}.",
  emailOfferOn: "Respostas que você perder vão para {email}.",
  emailOfferStopped: "Os e-mails para {email} foram interrompidos.",
  emailOfferAgain: "Voltar a receber e-mails",
  emailOfferChange: "Alterar",
  emailOfferRemove: "Remover",
  consentTitle: "Antes de conversar",
  consentText:
    "Para conversar, este site guarda um identificador aleatório no seu navegador e armazena o que você escreve (e seu nome e e-mail, se você os informar) para lhe responder. Nada é armazenado nem enviado até você aceitar.",
  consentPrivacy: "Aviso de privacidade",
  consentAccept: "Aceitar",
  consentDecline: "Agora não",
  resumeAsk: "Abrir a conversa do seu e-mail? A daqui continua a um clique.",
  resumeOpen: "Abrir",
  resumeStay: "Ficar aqui",
  otherConversation: "Você tem outra conversa neste dispositivo.",
  otherConversationOpen: "Trocar",
  resumeExpired:
    "Este link do seu e-mail expirou (eles valem por 14 dias, enquanto seu endereço for o mesmo). Você ainda pode escrever aqui.",
  resumeInvalid: "Este link está incompleto. Abra-o de novo a partir do e-mail.",
  resumeGone: "Esta conversa não existe mais. Você pode começar uma nova aqui.",
} satisfies Catalogue<FirstUseStrings>;
