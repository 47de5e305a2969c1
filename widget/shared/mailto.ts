/**
 * A `mailto:` link to one address and nothing else. The address a visitor gave is checked by the
 * protocol (no `?`, `&`, whitespace or controls: protocol/text.ts), and still encoded here, part
 * by part, so no spelling of it can add recipients, a subject or a body to the owner's draft.
 */
export function mailtoHref(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 0) return `mailto:${encodeURIComponent(address)}`;
  return `mailto:${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}
