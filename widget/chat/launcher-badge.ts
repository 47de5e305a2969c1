import { css } from "lit";

/** Where the launcher sits (the loader's shadow root), drawn from the theme's badge colors. */
const badgeStyles = css`
  .badge {
    position: absolute;
    top: -2px;
    inset-inline-end: -2px;
    min-width: 20px;
    height: 20px;
    padding: 0 5px;
    box-sizing: border-box;
    border-radius: 10px;
    background: var(--_badge);
    color: var(--_badge-contrast);
    font: 600 12px/16px var(--_font);
    border: 2px solid var(--_surface);
  }
`;

/**
 * The launcher's count of unseen replies, which the chat loads with the first one (most visitors
 * never have one). Returns what shows a count, or null beside an older porch.js that draws its
 * own badge. Hidden from screen readers: the launcher's name says the count, in the chat's
 * language.
 */
export function launcherBadge(launcher: HTMLElement): ((count: number) => void) | null {
  if (launcher.querySelector(".badge")) return null;
  const root = launcher.getRootNode() as ShadowRoot;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, badgeStyles.styleSheet!];
  const badge = launcher.appendChild(document.createElement("span"));
  badge.className = "badge";
  badge.ariaHidden = "true";
  return (count) => {
    badge.textContent = count > 9 ? "9+" : String(count);
    badge.hidden = !count;
  };
}
