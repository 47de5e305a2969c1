/**
 * Hebrew: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "לא ניתן לשלוח את {name}: {reason}",
  fileTooLarge: "הוא גדול מ־{max}",
  fileType: "סוג קובץ זה אינו מתקבל",
  uploadFailed: "לא ניתן היה להעלות את {name}",
  removeFile: "הסרת {name}",
  closeViewer: "סגירה",
  fileRemoved: "הקובץ הוסר",
} satisfies Catalogue<typeof uploadStrings>;
