import { css } from "lit";

/**
 * What the inbox's modal dialogs share (the devices, the saved replies, the business hours): the
 * card, its backdrop, heading, hint, list of rows, alert, and a form's row of buttons with its
 * main one (`.save`).
 */
export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    width: min(var(--_dialog-width, 440px), calc(100vw - 32px));
    max-height: calc(100dvh - 32px);
    padding: 18px 18px 20px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 8px 32px var(--_shadow);
  }
  dialog::backdrop {
    background: var(--_shadow);
  }
  h2 {
    margin: 0 0 4px;
    font-size: 17px;
    font-weight: 600;
  }
  p {
    margin: 0 0 12px;
    font-size: 14px;
    color: var(--_text-muted);
  }
  ul {
    margin: 0 0 16px;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 10px 0;
    border-top: 1px solid var(--_border);
  }
  [role="alert"] {
    padding: 8px 10px;
    border-radius: 8px;
    background: var(--_danger-surface);
    color: var(--_danger);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 12px;
  }
  .save {
    min-height: 32px;
    padding: 4px 14px;
    border: 0;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
`;
