/**
 * The attachment UI, loaded on first use (a file chosen, pasted or dropped, or an image opened):
 * uploads with their tray, and the viewer. Neither the widget's chat nor the inbox imports it
 * statically; the build lists it as a chunk of its own.
 */
export { Uploads, type UploadItem, type UploadRequest } from "./uploads.ts";
export { RemoveUploadEvent } from "./porch-upload-tray.ts";
export { openViewer, PorchViewer } from "./porch-viewer.ts";
export { PorchFiles } from "./porch-files.ts";
export { uploadStrings, type UploadStrings } from "./strings.ts";

import type { ReactiveControllerHost } from "lit";
import type { AttachmentPolicy } from "#protocol";
import type { UploadStrings } from "./strings.ts";
import { Uploads, type UploadRequest } from "./uploads.ts";

/**
 * The uploads of a writer whose `upload` frames `request` sends, as the site's `policy` allows, in
 * `strings` (the host's own `strings` unless given: the widget's adds its language's).
 */
export function uploadsFor(
  host: ReactiveControllerHost & { strings?: Partial<UploadStrings> },
  request: UploadRequest,
  policy: () => AttachmentPolicy | null | undefined,
  strings: () => Partial<UploadStrings> = () => host.strings ?? {},
): Uploads {
  return new Uploads(host, { request, policy, strings });
}
