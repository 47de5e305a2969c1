/** A piece of message text: plain, or a link the visitor can follow. */
export type TextPiece = string | { href: string; label: string };

// http(s) URLs and bare www. addresses; trailing punctuation stays text ("see https://a.b/c.").
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?'")\]}]/gi;

/**
 * Splits text into plain pieces and links. Only http(s) links are produced, so a message can never
 * carry a `javascript:` URL; the caller renders every piece as text.
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
