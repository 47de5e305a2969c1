import { css, unsafeCSS } from "lit";

/**
 * The widget's design tokens. `<porch-chat>` sets them on its host from the page's `--porch-*`
 * custom properties (with defaults); the parts read the `--_*` names, which inherit through every
 * shadow root. Dark values apply with `theme="dark"`, or with `theme="auto"` in a dark color scheme.
 */
const light = {
  surface: "#ffffff",
  "surface-muted": "#f2f4f3",
  text: "#1d2421",
  "text-muted": "#5d6864",
  border: "#dfe4e2",
};
const dark = {
  surface: "#1b1f1e",
  "surface-muted": "#272d2b",
  text: "#eef2f0",
  "text-muted": "#a3ada9",
  border: "#38403d",
};
const colors = (values: Record<string, string>, suffix: string) =>
  unsafeCSS(Object.entries(values).map(([name, value]) => `--_${name}:var(--porch-${name}${suffix},${value});`).join(""));

export const tokens = css`
  :host {
    --_accent: var(--porch-accent, #1f6f5c);
    --_accent-contrast: var(--porch-accent-contrast, #ffffff);
    --_font: var(--porch-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    --_radius: var(--porch-radius, 16px);
    --_z: var(--porch-z-index, 2147483000);
    --_x: var(--porch-offset-x, 20px);
    --_y: var(--porch-offset-y, 20px);
    ${colors(light, "")}
  }
  :host([theme="dark"]) {
    ${colors(dark, "-dark")}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      ${colors(dark, "-dark")}
    }
  }
`;

/** Shared by every part: icons, visible keyboard focus, and no motion for those who asked for none. */
export const base = css`
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

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
