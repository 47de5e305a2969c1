/**
 * Italian: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "Impossibile inviare {name}: {reason}",
  fileTooLarge: "supera {max}",
  fileType: "questo tipo di file non è accettato",
  uploadFailed: "Impossibile caricare {name}",
  removeFile: "Rimuovi {name}",
  closeViewer: "Chiudi",
  fileRemoved: "File rimosso",
} satisfies Catalogue<typeof uploadStrings>;
