/**
 * Portuguese (Brazil): what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "Não é possível enviar {name}: {reason}",
  fileTooLarge: "tem mais de {max}",
  fileType: "este tipo de arquivo não é aceito",
  uploadFailed: "Não foi possível enviar {name}",
  removeFile: "Remover {name}",
  closeViewer: "Fechar",
  fileRemoved: "Arquivo removido",
} satisfies Catalogue<typeof uploadStrings>;
