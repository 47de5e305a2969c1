/**
 * The design tokens as plain CSS text, with no framework: the only colors in the widget and the
 * inbox, the font, the corner radius and the launcher's place. porch.js's loader styles its
 * launcher from this before Lit is loaded; `theme.ts` hands the same text to Lit's elements.
 */

/**
 * A color's default in the light scheme and in the dark one. A dark default of `null` follows the
 * light color, the page's own `--porch-<name>` included, so a page that sets one accent keeps it in
 * both schemes.
 */
export type ColorDefaults = readonly [light: string, dark: string | null];

/**
 * The colors both elements draw, in two parts: what the widget's launcher is drawn with (porch.js
 * declares them before the chat arrives) and what only panels read (the chat declares them on
 * `<porch-chat>` when it arrives, so porch.js does not carry them). Each element sets them on its
 * host from the page's `--porch-<name>` (light) and `--porch-<name>-dark` custom properties, with
 * these defaults; its parts read the `--_<name>` copies, which inherit through every shadow root.
 * Dark values apply with `theme="dark"`, or with `theme="auto"` in a dark color scheme.
 */
const launcherColors = {
  // Dark: the page's own accent if it set one, else a lighter teal that still stands 3:1 from the
  // dark surface and carries white text at 4.5:1.
  accent: ["#1f6f5c", "var(--porch-accent, #288370)"],
  "accent-contrast": ["#ffffff", null],
  surface: ["#ffffff", "#1b1f1e"],
  text: ["#1d2421", "#eef2f0"],
  shadow: ["rgb(0 0 0 / 0.16)", null],
} as const satisfies Record<string, ColorDefaults>;

const panelColors = {
  "surface-muted": ["#f2f4f3", "#272d2b"],
  "text-muted": ["#5d6864", "#a3ada9"],
  border: ["#dfe4e2", "#38403d"],
  /** The edge of text fields and outlined buttons: 3:1 against the surface (WCAG 1.4.11), where a divider needs none. */
  "field-border": ["#838d89", "#6f7975"],
  danger: ["#b3261e", "#f2b8b5"],
  "danger-surface": ["#fdecea", "#4a1f1c"],
  /** Behind an image opened large. */
  backdrop: ["rgb(0 0 0 / 0.7)", null],
} as const satisfies Record<string, ColorDefaults>;

export const sharedColors = { ...launcherColors, ...panelColors };

/** The launcher's unread badge (the chat draws it, in the loader's shadow root). */
const badgeColors = {
  badge: ["#d93025", null],
  "badge-contrast": ["#ffffff", null],
} as const satisfies Record<string, ColorDefaults>;

/** The owner's presence dot, in the chat's header. */
const presenceColors = {
  online: ["#5ee08f", null],
} as const satisfies Record<string, ColorDefaults>;

/** Colors only `<porch-chat>` draws: the owner's presence dot and the launcher's unread badge. */
export const chatColors = { ...presenceColors, ...badgeColors };

/** Colors only `<porch-inbox>` draws: the open conversation's row. */
export const inboxColors = {
  selected: ["color-mix(in srgb, var(--_accent) 12%, var(--_surface))", "color-mix(in srgb, var(--_accent) 30%, var(--_surface))"],
} as const satisfies Record<string, ColorDefaults>;

/**
 * Tags CSS text: the text as written (`String.raw`), squeezed by the build like Lit's `css`
 * (scripts/minify-templates.mjs).
 */
export const cssText = String.raw;

/** The font and the corner radius, both elements'. */
const shape = `--_font:var(--porch-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);--_radius:var(--porch-radius,16px);`;

/** The launcher's place on the page, `<porch-chat>`'s alone. */
const placement = `--_z:var(--porch-z-index,2147483000);--_x:var(--porch-offset-x,20px);--_y:var(--porch-offset-y,20px);`;

const declare = (colors: Record<string, ColorDefaults>, scheme: "light" | "dark") =>
  Object.entries(colors)
    .map(([name, [light, dark]]) => {
      const value = `var(--porch-${name},${light})`;
      return `--_${name}:${scheme === "light" ? value : `var(--porch-${name}-dark,${dark ?? value})`};`;
    })
    .join("");

/** One element's tokens on its host, light by default, dark when asked or when the system is. */
const theme = (colors: Record<string, ColorDefaults>, other: string): string =>
  `:host{color-scheme:light;${other}${declare(colors, "light")}}` +
  `:host([theme=dark]){color-scheme:dark;${declare(colors, "dark")}}` +
  `@media (prefers-color-scheme:dark){:host(:not([theme=light])){color-scheme:dark;${declare(colors, "dark")}}}`;

/** `<porch-chat>`'s tokens that porch.js declares on its host: the launcher's (every part of the chat inherits them). */
export const chatThemeRules = /* @__PURE__ */ theme({ ...launcherColors, ...badgeColors }, shape + placement);

/** The rest of `<porch-chat>`'s tokens, which the chat adds to the same host when it arrives. */
export const panelThemeRules = /* @__PURE__ */ theme({ ...panelColors, ...presenceColors }, "");

/** `<porch-inbox>`'s tokens. */
export const inboxThemeRules = /* @__PURE__ */ theme({ ...sharedColors, ...inboxColors }, shape);

/** Shared by every part: icons, visible keyboard focus, and no motion for those who asked for none. */
export const baseRules = cssText`
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
