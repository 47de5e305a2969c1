/**
 * The one-line embed: `<script type="module" src="…/porch.js" data-endpoint="wss://…"></script>`.
 * Registers `<porch-chat>` and, unless the page already placed one, appends it to the body.
 * Every other `data-*` attribute of the script tag is passed on to the element
 * (`data-position="left"`, `data-theme="dark"`, `data-greeting="…"`, `data-intro`, `data-strings='{…}'`).
 */
import "./chat/porch-chat.ts";
import { embed } from "./shared/embed.ts";

embed("porch-chat", import.meta.url);
