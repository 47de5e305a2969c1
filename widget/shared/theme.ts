import { css, unsafeCSS } from "lit";
import { baseRules, inboxThemeRules } from "./tokens.ts";

/**
 * The design tokens (declared in `tokens.ts`, the only colors in the widget and the inbox) as
 * Lit styles. Each element sets them on its host; its parts read the `--_<name>` copies, which
 * inherit through every shadow root. `<porch-chat>`'s are on its loader's host, which has no Lit
 * (porch-chat.ts): the chat it loads inherits them.
 */

/** `<porch-inbox>`'s tokens. */
export const inboxTheme = /* @__PURE__ */ unsafeCSS(inboxThemeRules);

/** Shared by every part: icons, visible keyboard focus, and no motion for those who asked for none. */
export const base = /* @__PURE__ */ unsafeCSS(baseRules);

/** Text for screen readers only. */
export const visuallyHidden = css`
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;

/**
 * A secondary action as an outlined button of text (an icon may lead): its corners follow
 * `--porch-radius`, at half of it, as every control's do.
 */
export const outlinedButton = css`
  .outlined {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    flex: none;
    min-height: 32px;
    padding: 4px 12px;
    border: 1px solid var(--_field-border);
    border-radius: calc(var(--_radius) / 2);
    background: none;
    font-size: 13px;
  }
  .outlined:hover {
    background: var(--_surface-muted);
  }
  /* Pressed (a view, a mode): filled, which tells it apart at 3:1 or more, hovered or not. */
  .outlined[aria-pressed="true"] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }
  .outlined svg {
    width: 18px;
    height: 18px;
  }
`;
