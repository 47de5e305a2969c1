import { css, html, nothing } from "lit";
import { errorKey, type MessageListStrings } from "./strings.ts";
import type { ShownMessage } from "./timeline.ts";

/**
 * One notice for every message the server refused: why (the latest refusal, in words) and a
 * "Retry all" button that sends them again in the order they were written (styled by
 * `problemStyles`); nothing when none failed.
 */
export function failedNotice(strings: MessageListStrings, failed: readonly ShownMessage[], retryAll: () => void) {
  const error = failed.at(-1)?.error;
  if (!failed.length) return nothing;
  return html`<p class="problem" role="alert">
    ${error ? strings[errorKey(error.code)] : strings.failed} <button class="retry" @click=${retryAll}>${strings.retryAll}</button>
  </p>`;
}

/** A failure above the composer (`.problem`), and the notice's button. */
export const problemStyles = css`
  .problem {
    margin: 0;
    padding: 8px 14px;
    font-size: 13px;
    background: var(--_danger-surface);
    color: var(--_danger);
  }
  .retry {
    min-height: 24px;
    margin-inline-start: 4px;
    padding: 2px 10px;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_danger);
    color: var(--_danger-surface);
    font-weight: 600;
  }
`;
