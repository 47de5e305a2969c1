import { html, nothing } from "lit";
import { resumeStrings, type ResumeStrings } from "./resume-strings.ts";
import type { ResumeFailure, VisitorSession } from "./visitor-session.ts";

/**
 * What the panel says of a reply email's link and of a second conversation on the device: few
 * visitors see either, so the chat loads this module the first time (docs/widget.md).
 */

/** The sentence for each way a reply email's link can fail. */
const failureKey = { expired: "resumeExpired", invalid: "resumeInvalid", gone: "resumeGone" } as const satisfies Record<
  ResumeFailure,
  keyof ResumeStrings
>;

/** Why a reply email's link did not open, in the chat's language (`overrides`) or English. */
export const failureText = (failure: ResumeFailure, overrides: Partial<ResumeStrings>): string =>
  ({ ...resumeStrings, ...overrides })[failureKey[failure]];

/**
 * A reply email's link named another conversation than this browser's: the visitor chooses
 * (never a silent switch). Otherwise, once there were two, the one left is a click away.
 */
export function conversationChoice(session: VisitorSession, overrides: Partial<ResumeStrings>) {
  const s = { ...resumeStrings, ...overrides };
  const linked = session.linkedConversation;
  const other = session.identity.previousVisitorId;
  if (linked) {
    return html`<p class="notice" role="alert">
      ${s.resumeAsk} <button @click=${() => session.switchTo(linked)}>${s.resumeOpen}</button>
      <button @click=${() => session.stay()}>${s.resumeStay}</button>
    </p>`;
  }
  return other
    ? html`<p class="notice">${s.otherConversation} <button @click=${() => session.switchTo(other)}>${s.otherConversationOpen}</button></p>`
    : nothing;
}
