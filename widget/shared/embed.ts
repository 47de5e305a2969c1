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
    const attribute = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    if (value !== undefined && !element.hasAttribute(attribute)) element.setAttribute(attribute, value);
  }
  if (!element.isConnected) document.body.append(element);
}
