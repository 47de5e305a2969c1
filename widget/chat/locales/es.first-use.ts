/**
 * Spanish (español) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/es.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Preséntese (opcional)",
  introHint: "Deje un correo si quiere recibir respuesta cuando no esté en esta página (le pediremos que lo confirme).",
  nickname: "Nombre",
  email: "Correo",
  save: "Guardar",
  skip: "Omitir",
  menuTitle: "Su conversación",
  menuKept:
    "one:Las conversaciones se guardan {count} día después del último mensaje.|other:Las conversaciones se guardan {count} días después del último mensaje.",
  menuKeptForever: "Las conversaciones se guardan hasta que usted o el propietario del sitio las eliminen.",
  menuDownload: "Descargar esta conversación",
  menuDelete: "Eliminar esta conversación",
  menuDeleteConfirm:
    "¿Eliminar esta conversación para siempre? Sus mensajes, nombre y correo se borran, aquí y para el propietario del sitio.",
  menuDeleteYes: "Eliminar",
  menuCancel: "Cancelar",
  menuDownloadFailed: "No se pudo descargar la conversación. Inténtelo de nuevo.",
  menuFileName: "conversacion.txt",
  menuFileHeading: "Su conversación con {name} en {url}",
  menuYou: "Usted",
  menuOwner: "Respuesta",
  emailOfferTitle: "Recibir la respuesta por correo",
  emailOfferSave: "Enviarme un correo",
  emailOfferDismiss: "No, gracias",
  emailOfferCancel: "Cancelar",
  emailOfferConfirm: "Revise su bandeja de entrada para confirmar {email}.",
  emailOfferOn: "Las respuestas que se pierda se envían a {email}.",
  emailOfferStopped: "Los correos a {email} están detenidos.",
  emailOfferAgain: "Volver a enviarme correos",
  emailOfferChange: "Cambiar",
  emailOfferRemove: "Quitar",
  consentTitle: "Antes de chatear",
  consentText:
    "Para chatear, este sitio guarda un identificador aleatorio en su navegador y almacena lo que escribe (y su nombre y correo, si los da) para responderle. No se guarda ni se envía nada hasta que acepte.",
  consentPrivacy: "Aviso de privacidad",
  consentAccept: "Aceptar",
  consentDecline: "Ahora no",
  resumeAsk: "¿Abrir la conversación de su correo? La de aquí queda a un clic.",
  resumeOpen: "Abrirla",
  resumeStay: "Quedarme aquí",
  otherConversation: "Tiene otra conversación en este dispositivo.",
  otherConversationOpen: "Cambiar",
  resumeExpired: "Este enlace de su correo ha caducado (sirven 14 días, mientras su dirección no cambie). Puede seguir escribiendo aquí.",
  resumeInvalid: "Este enlace está incompleto. Ábralo de nuevo desde el correo.",
  resumeGone: "Esta conversación ya no existe. Puede empezar una nueva aquí.",
} satisfies Catalogue<FirstUseStrings>;
