/**
 * German: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} kann nicht gesendet werden: {reason}",
  fileTooLarge: "sie ist größer als {max}",
  fileType: "diese Dateiart wird nicht angenommen",
  uploadFailed: "{name} konnte nicht hochgeladen werden",
  removeFile: "{name} entfernen",
  closeViewer: "Schließen",
  fileRemoved: "Datei entfernt",
} satisfies Catalogue<typeof uploadStrings>;
