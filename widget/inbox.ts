/**
 * The owner's inbox page: `<script type="module" src="…/inbox.js" data-endpoint="wss://…"></script>`.
 * Registers `<porch-inbox>` and, unless the page already placed one, appends it to the body.
 * Every other `data-*` attribute of the script tag is passed on (`data-theme="dark"`, `data-lang="de"`, `data-strings='{…}'`).
 * A separate bundle from porch.js, so visitors never download it.
 */
import "./inbox/porch-inbox.ts";
import { embed } from "./shared/embed.ts";

embed("porch-inbox", import.meta.url);
