/** A piece of message text: plain, or a link the visitor can follow. */
export type TextPiece = string | { href: string; label: string };

/** Bidirectional controls (protocol/text.ts): a link never contains one, it ends before it. */
const bidi = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";

// http(s) URLs and bare www. addresses; trailing punctuation stays text ("see https://a.b/c.").
const urlPattern = new RegExp(`\\b(?:https?:\\/\\/|www\\.)[^\\s<>"${bidi}]*[^\\s<>".,;:!?'")\\]}${bidi}]`, "gi");

/**
 * Splits text into plain pieces and links. Only http(s) links are produced, so a message can never
 * carry a `javascript:` URL; the caller renders every piece as text. A link ends before any
 * bidirectional control (a right-to-left override inside it would show the address in another
 * order than it goes to), and the caller shows each link isolated, left to right, so controls
 * around it cannot reorder it either: its label reads exactly as its address.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const label = match[0];
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push({ href: /^www\./i.test(label) ? `https://${label}` : label, label });
    last = match.index + label.length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}
