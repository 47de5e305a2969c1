/**
 * Polish: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "Nie można wysłać pliku {name}: {reason}",
  fileTooLarge: "jest większy niż {max}",
  fileType: "ten rodzaj pliku nie jest przyjmowany",
  uploadFailed: "Nie udało się przesłać pliku {name}",
  removeFile: "Usuń {name}",
  closeViewer: "Zamknij",
  fileRemoved: "Plik usunięty",
} satisfies Catalogue<typeof uploadStrings>;
