/**
 * What the page and this browser say about the visitor before the chat's code is loaded: read by
 * porch.js's loader (no framework) to decide whether the chat loads at once, and by the chat's
 * own `VisitorIdentity` and `VisitorSession`, so each key and pattern is declared once.
 */

/** The visitor's identity in localStorage, shared by every tab of the site. */
export const storageKeys = {
  visitorId: "porch:visitorId",
  /** "1" once the visitor has a conversation: later page loads connect at once to catch replies. */
  started: "porch:started",
  /** `sentAt` of the newest owner message the visitor has seen, for the unread badge. */
  readAt: "porch:readAt",
  /** Messages written but not yet answered `sent`, so a reload or a closed tab does not lose them. */
  unsent: "porch:unsent",
  /** "1" once the visitor declined reply emails: the panel does not ask again. */
  emailDeclined: "porch:emailDeclined",
  /** The conversation this browser followed before a reply email's link took it to another: one click back. */
  previousVisitorId: "porch:previousVisitorId",
} as const;

/** The fragment a reply email's "Continue the conversation" link carries. */
export const resumeFragment = /^#porch-resume=([A-Za-z0-9_-]{1,512})$/;

/** A stored value, or null where there is none or storage is blocked (some private modes, sandboxed frames). */
export function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Whether the chat must run as the page loads, before any sign of intent: the visitor has a
 * conversation on this device (its replies raise the badge), messages written on an earlier page
 * still wait to go out, or the page was opened from a reply email's link.
 */
export function chatNeededAtLoad(): boolean {
  return stored(storageKeys.started) === "1" || stored(storageKeys.unsent) !== null || resumeFragment.test(location.hash);
}
