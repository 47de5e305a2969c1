/**
 * The one-line embed: `<script type="module" src="…/porch.js" data-endpoint="wss://…"></script>`.
 * Registers `<porch-chat>`'s loader (the launcher; the chat itself is a chunk it loads on intent)
 * and, unless the page already placed one, appends it to the body. Every other `data-*` attribute
 * of the script tag is passed on to the element (`data-position="left"`, `data-theme="dark"`,
 * `data-greeting="…"`, `data-intro`, `data-strings='{…}'`). A second porch.js on the same page
 * (another copy, or a fresh one fetched after a deploy) leaves the first in charge.
 */
import { chunkUrl, PorchChat } from "./chat/porch-chat.ts";
import { embed } from "./shared/embed.ts";

/** The chunk this porch.js loads: what a page's older porch.js asks a fresh copy for after a deploy. */
export { chunkUrl };

if (customElements.get("porch-chat") === PorchChat) embed("porch-chat", import.meta.url);
