/**
 * What the attachment UI loaded on first use says (the tray of files being sent, the viewer), the
 * same words in the widget and the inbox. A module of its own, so the chat loaded on intent does
 * not carry them; a page's `strings` still override each.
 */
export const uploadStrings = {
  fileRefused: "{name} cannot be sent: {reason}",
  fileTooLarge: "it is larger than {max}",
  fileType: "this kind of file is not accepted",
  uploadFailed: "{name} could not be uploaded",
  removeFile: "Remove {name}",
  closeViewer: "Close",
  fileRemoved: "File removed",
};
export type UploadStrings = typeof uploadStrings;
