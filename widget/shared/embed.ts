/** The attribute for a property or a `data-*` key: `awayText` → `away-text`, as HTML spells it. */
export const attributeName = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The one-line embed of a Porch element: finds the `<script>` tag that loaded `scriptUrl` (module
 * scripts have no `document.currentScript`), passes every `data-*` attribute of it to the element
 * (`data-endpoint` → `endpoint`, `data-theme` → `theme`), and appends the element to the body
 * unless the page already placed one.
 */
export function embed(tagName: "porch-chat" | "porch-inbox", scriptUrl: string): void {
  const script = [...document.querySelectorAll<HTMLScriptElement>("script[src]")].find((tag) => tag.src === scriptUrl);
  const element = document.querySelector(tagName) ?? document.createElement(tagName);
  for (const [name, value] of Object.entries(script?.dataset ?? {})) {
    const attribute = attributeName(name);
    if (value !== undefined && !element.hasAttribute(attribute)) element.setAttribute(attribute, value);
  }
  if (!element.isConnected) document.body.append(element);
}
