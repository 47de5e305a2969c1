/**
 * Spanish: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "No se puede enviar {name}: {reason}",
  fileTooLarge: "ocupa más de {max}",
  fileType: "no se aceptan archivos de este tipo",
  uploadFailed: "No se pudo subir {name}",
  removeFile: "Quitar {name}",
  closeViewer: "Cerrar",
  fileRemoved: "Archivo eliminado",
} satisfies Catalogue<typeof uploadStrings>;
