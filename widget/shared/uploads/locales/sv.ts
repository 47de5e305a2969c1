/**
 * Swedish: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} kan inte skickas: {reason}",
  fileTooLarge: "den är större än {max}",
  fileType: "den här sortens fil tas inte emot",
  uploadFailed: "{name} kunde inte laddas upp",
  removeFile: "Ta bort {name}",
  closeViewer: "Stäng",
  fileRemoved: "Filen har tagits bort",
} satisfies Catalogue<typeof uploadStrings>;
