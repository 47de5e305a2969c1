/**
 * Spanish (español), formal address (usted), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/es.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Hablemos",
  greeting: "¡Hola! ¿Preguntas, ideas, correcciones? Escriba aquí y le responderé personalmente.",
  awayText: "Ahora no estoy. Deje un mensaje y le responderé aquí lo antes posible.",
  online: "En línea",
  away: "Ausente",
  lastSeen: "Última conexión {time}",
  backAt: "De vuelta el {day} a las {time}",
  connecting: "Conectando…",
  reconnecting: "Se perdió la conexión. Reconectando…",
  openChat: "Abrir chat",
  closeChat: "Cerrar chat",
  unread: "{count} sin leer",
  conversation: "Conversación",
  earlier: "Mostrar mensajes anteriores",
  typing: "{name} está escribiendo…",
  typingAnonymous: "Escribiendo…",
  titleBadge: "({count}) Nueva respuesta",
  you: "Usted",
  owner: "Respuesta",
  inputLabel: "Mensaje",
  placeholder: "Escriba un mensaje…",
  attach: "Adjuntar",
  editDetails: "Su nombre y correo",
  conversationMenu: "Su conversación: descargar o eliminar",
  erased: "Su conversación se eliminó.",
  error_bad_request: "No se pudo enviar. Revíselo e inténtelo de nuevo.",
  error_unauthorized: "No tiene permiso para hacer eso.",
  error_not_found: "No se encontró esa conversación.",
  error_too_large: "Supera el límite de longitud.",
  error_rate_limited: "Escribe más rápido de lo permitido: estos mensajes se reenviarán solos en un minuto.",
  error_blocked: "El propietario del sitio no acepta sus mensajes.",
  error_expired: "Ese enlace ha caducado.",
  error_internal: "Algo falló por nuestra parte. Inténtelo de nuevo.",
  error_offline: "Ahora no tiene conexión. Inténtelo de nuevo en un momento.",
} satisfies Catalogue<PorchStrings>;
