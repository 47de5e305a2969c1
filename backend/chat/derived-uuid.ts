import { createHash } from "node:crypto";

/**
 * A UUID (version 8, RFC 9562) derived from `text`: the same text, the same id. What makes an
 * email's message and files the same message and files when the email is delivered again.
 */
export function derivedUuid(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
