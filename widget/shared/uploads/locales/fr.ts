/**
 * French: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} ne peut pas être envoyé : {reason}",
  fileTooLarge: "il dépasse {max}",
  fileType: "ce type de fichier n’est pas accepté",
  uploadFailed: "{name} n’a pas pu être téléversé",
  removeFile: "Retirer {name}",
  closeViewer: "Fermer",
  fileRemoved: "Fichier supprimé",
} satisfies Catalogue<typeof uploadStrings>;
