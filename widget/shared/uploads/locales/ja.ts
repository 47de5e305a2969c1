/**
 * Japanese: what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "{name} は送信できません: {reason}",
  fileTooLarge: "{max} を超えています",
  fileType: "この種類のファイルは受け付けていません",
  uploadFailed: "{name} をアップロードできませんでした",
  removeFile: "{name} を削除",
  closeViewer: "閉じる",
  fileRemoved: "ファイルは削除されました",
} satisfies Catalogue<typeof uploadStrings>;
