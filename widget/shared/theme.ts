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
