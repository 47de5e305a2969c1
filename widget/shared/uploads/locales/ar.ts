/**
 * Arabic: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "لا يمكن إرسال {name}: {reason}",
  fileTooLarge: "حجمه أكبر من {max}",
  fileType: "هذا النوع من الملفات غير مقبول",
  uploadFailed: "تعذّر رفع {name}",
  removeFile: "إزالة {name}",
  closeViewer: "إغلاق",
  fileRemoved: "أُزيل الملف",
} satisfies Catalogue<typeof uploadStrings>;
