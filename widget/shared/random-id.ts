/**
 * A random UUID v4 (RFC 9562), from `crypto.getRandomValues`: unlike `crypto.randomUUID`, it
 * exists on pages that are not a secure context (a site still on http), and it costs the widget
 * a few lines where a UUID library cost it 0.5 KB gzip.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
