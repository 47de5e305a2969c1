/**
 * Spanish (es) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nueva respuesta de {site}|other:{count} respuestas nuevas de {site}",
  replyLead: "one:Tienes una respuesta en {site}:|other:Tienes {count} respuestas en {site}:",
  replyEarlier: "one:({count} respuesta anterior está en la conversación.)|other:({count} respuestas anteriores están en la conversación.)",
  continueButton: "Continuar la conversación",
  continueLine: "Continuar la conversación: {url}",
  replyWhy: "Recibes este correo porque pediste en {site} recibir las respuestas por correo electrónico.",
  unsubscribe: "Darse de baja",
  unsubscribeLine: "Darse de baja: {url}",
  answerLine: "O responde a este correo: lo que escribas encima del texto citado se añade a la conversación.",
  confirmSubject: "Confirma tu dirección de correo para {site}",
  confirmLead: "Alguien pidió en {site} recibir respuestas por correo en esta dirección, después de escribir:",
  confirmIfYours: "Si fuiste tú, confirma tu dirección y te enviaremos por correo las respuestas que te pierdas en el chat.",
  confirmLine: "Confirmar: {url}",
  confirmButton: "Confirmar mi dirección",
  confirmIfNot: "Si no fuiste tú, ignora este correo: {site} no envía respuestas a una dirección sin confirmar.",
  neverEmail: "No volver a escribir a esta dirección",
  neverEmailLine: "No volver a escribir a esta dirección desde {site}: {url}",
  notAllowed: "No permitido",
  openFromEmail: "Abre el enlace desde el correo.",
  linkInvalid: "Este enlace no es válido",
  unsubscribeDamaged: "El enlace para darte de baja está incompleto o dañado. Vuelve a abrirlo desde el correo.",
  unsubscribed: "Te has dado de baja",
  unsubscribedBody:
    "{site} ya no te enviará correos. Para volver a recibir respuestas por correo, indica tu dirección en el chat de {site} y confírmala.",
  stopQuestion: "¿Dejar de recibir correos con respuestas?",
  stopBody: "{site} te envía por correo las respuestas que te pierdes en su chat. Date de baja para no recibir ninguno más.",
  stopBodyTo: "{site} envía a {address} las respuestas que te pierdes en su chat. Date de baja para no recibir ninguno más.",
  linkExpired: "Este enlace ha caducado",
  expiredBody: "Vuelve a indicar tu dirección en el chat de {site} para recibir uno nuevo.",
  confirmDamaged: "El enlace de confirmación está incompleto o dañado. Vuelve a abrirlo desde el correo.",
  nothingToConfirm: "Nada que confirmar",
  nothingToConfirmBody: "El chat de {site} que lo pidió ya no tiene esta dirección: no hay nada que confirmar.",
  confirmed: "Tu dirección está confirmada",
  confirmedBody:
    "Te enviaremos por correo las respuestas que te pierdas en el chat de {site}. Cada correo incluye un enlace para dejar de recibirlos.",
  confirmQuestion: "¿Confirmar tu dirección de correo?",
  confirmQuestionBody: "{site} enviará a {address} las respuestas que te pierdas en su chat. Confirma solo si escribiste allí.",
  confirmAction: "Confirmar",
  ownerAnswerLink: "Responder por correo",
  ownerAnswerLine: "Responde a este correo para contestar en el chat: lo que escribas encima del texto citado le llega al visitante.",
} satisfies Catalogue<typeof emailStrings>;
