import { attachmentLimits } from "#protocol";

/** A file as it will be uploaded: an image made small, and its size in pixels. */
export interface PreparedFile {
  blob: Blob;
  name: string;
  contentType: string;
  width?: number;
  height?: number;
}

/** Photos are re-encoded as JPEG at this quality: a 12-megapixel photo comes out well under 600 KB. */
const jpegQuality = 0.82;

/**
 * Makes an image small before it leaves the browser: at most `attachmentLimits.imageMaxSidePx` on its long
 * side, turned upright as its EXIF says, and re-encoded, which drops every piece of metadata
 * (EXIF, GPS included). Photos (JPEG, WebP) become JPEG; PNG stays PNG (screenshots keep their
 * sharp text). A GIF (it may move) and any other file go as they are.
 */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const type = file.type.toLowerCase();
  if (!/^image\/(jpeg|png|webp)$/.test(type))
    return { blob: file, name: file.name || "file", contentType: type || "application/octet-stream" };
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, attachmentLimits.imageMaxSidePx / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const contentType = type === "image/png" ? "image/png" : "image/jpeg";
  const blob = await canvas.convertToBlob({ type: contentType, quality: jpegQuality });
  const base = (file.name || "image").replace(/\.[^.]*$/, "");
  return { blob, name: `${base}.${contentType === "image/png" ? "png" : "jpg"}`, contentType, width, height };
}

/** Posts a presigned upload's form and the file, reporting progress from 0 to 1. */
export function postFile(
  ready: { url: string; fields: Record<string, string> },
  blob: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ready.fields)) form.append(name, value);
  form.append("file", blob);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", ready.url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new Error(`upload refused (${request.status})`)));
    request.onerror = () => reject(new Error("upload failed"));
    request.send(form);
  });
}
