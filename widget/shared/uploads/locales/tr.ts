/**
 * Turkish: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} gönderilemiyor: {reason}",
  fileTooLarge: "boyutu {max} sınırını aşıyor",
  fileType: "bu dosya türü kabul edilmiyor",
  uploadFailed: "{name} yüklenemedi",
  removeFile: "{name} dosyasını kaldır",
  closeViewer: "Kapat",
  fileRemoved: "Dosya kaldırıldı",
} satisfies Catalogue<typeof uploadStrings>;
