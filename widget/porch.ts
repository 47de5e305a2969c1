/**
 * The one-line embed: `<script type="module" src="…/porch.js" data-endpoint="wss://…"></script>`.
 * Registers `<porch-chat>` and, unless the page already placed one, appends it to the body.
 * Every other `data-*` attribute of the script tag is passed on to the element
 * (`data-position="left"`, `data-theme="dark"`, `data-greeting="…"`, `data-intro`, `data-strings='{…}'`).
 */
import "./chat/porch-chat.ts";

// Module scripts have no document.currentScript: find the tag that loaded this file.
const script = [...document.querySelectorAll<HTMLScriptElement>("script[src]")].find(
  (tag) => tag.src === import.meta.url,
);
const chat = document.querySelector("porch-chat") ?? document.createElement("porch-chat");
for (const [name, value] of Object.entries(script?.dataset ?? {})) {
  const attribute = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  if (value !== undefined && !chat.hasAttribute(attribute)) chat.setAttribute(attribute, value);
}
if (!chat.isConnected) document.body.append(chat);
