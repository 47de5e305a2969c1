/**
 * Chinese (Simplified): what the attachment UI says (`uploadStrings` in ../strings.ts), the same words in
 * the chat's first-use catalogue and the inbox's, which both spread this one. A machine-made draft
 * (a language model), to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { uploadStrings } from "../strings.ts";

export default {
  fileRefused: "无法发送 {name}：{reason}",
  fileTooLarge: "文件大于 {max}",
  fileType: "不接受此类文件",
  uploadFailed: "{name} 上传失败",
  removeFile: "移除 {name}",
  closeViewer: "关闭",
  fileRemoved: "文件已移除",
} satisfies Catalogue<typeof uploadStrings>;
