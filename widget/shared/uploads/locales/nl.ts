/**
 * Dutch: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} kan niet worden verstuurd: {reason}",
  fileTooLarge: "het is groter dan {max}",
  fileType: "dit soort bestand wordt niet geaccepteerd",
  uploadFailed: "{name} kon niet worden geüpload",
  removeFile: "{name} verwijderen",
  closeViewer: "Sluiten",
  fileRemoved: "Bestand verwijderd",
} satisfies Catalogue<typeof uploadStrings>;
