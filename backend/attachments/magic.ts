/**
 * Whether a file's first bytes are what its declared type says (its "magic bytes"): checked after
 * upload by the attachment-check job, since a presigned POST's policy holds the declared type and
 * size but cannot look inside. A type without a known signature is taken as it is (docs/security.md).
 */

/** Bytes the check reads from the start of an object. */
export const sniffBytes = 4096;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const signatures: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/jpeg": (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]),
  "image/png": (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/gif": (bytes) => startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a")),
  "image/webp": (bytes) => startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8),
  "application/pdf": (bytes) => startsWith(bytes, ascii("%PDF-")),
  "text/plain": isPlainText,
};

/** UTF-8 without NUL bytes or markup's opening (a page in disguise), allowing a character cut at the end of the sample. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let cut = 0; cut < 4 && cut < bytes.length; cut++) {
    try {
      const text = decoder.decode(bytes.subarray(0, bytes.length - cut));
      return !/^\s*<(!doctype|html|script|svg)/i.test(text);
    } catch {
      // a multi-byte character cut by the sample's end: try a byte shorter
    }
  }
  return bytes.length === 0;
}

/** `matches`: the bytes are of the type; `unknown`: no signature is known for it. */
export function checkBytes(contentType: string, firstBytes: Uint8Array): "matches" | "mismatch" | "unknown" {
  const signature = signatures[contentType];
  if (!signature) return "unknown";
  return signature(firstBytes) ? "matches" : "mismatch";
}
