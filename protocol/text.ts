/**
 * What visitor text may hold, shared by the protocol's fields, the backend and the widget. No
 * valibot here: the widget imports these (linkify) and must stay small.
 */
import { limits } from "./limits.ts";

/**
 * Bidirectional formatting controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). An override makes text display in
 * another order than it is stored: `https://evil.example/moc.knab.www` can read as a bank's
 * address. They have no place in a nickname or a link.
 */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Characters that show nothing on their own: whitespace, controls, format characters (zero-width
 * spaces and joiners, bidi controls, the BOM), the other default-ignorable code points (variation
 * selectors, the Hangul fillers) and the blank braille pattern.
 */
const invisible = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** The text without its bidirectional controls. */
export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, "");
}

/** True when nothing would show: the text is empty once invisible characters are removed. */
export function isBlank(text: string): boolean {
  return text.replace(invisible, "") === "";
}

/** Characters as the limits count them: Unicode code points, so an emoji is one, not two. */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first `max` characters (code points) of a text, ending in "…" when it was longer; never half a character. */
export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * An email address as Porch accepts it: `local@domain`, the local part a dot-atom of letters,
 * digits and ``!#$%'*+/=^_`{|}~-`` (RFC 5322's atext without `?` and `&`, which a `mailto:` link
 * would read as the start of its headers), at most 64 characters; the domain DNS labels of
 * letters, digits and inner hyphens, at least two, the last all letters. ASCII only, no quoted
 * local parts, no address literals, no whitespace or controls.
 */
const emailPattern =
  /^(?=[^@]{1,64}@)[A-Za-z0-9!#$%'*+/=^_`{|}~-]+(?:\.[A-Za-z0-9!#$%'*+/=^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Whether a string is an email address Porch accepts: the one rule, used by `register` and by
 * everything that sends to a visitor's address (backend/email/).
 */
export function isEmailAddress(text: string): boolean {
  return text.length <= limits.emailMaxChars && emailPattern.test(text);
}
