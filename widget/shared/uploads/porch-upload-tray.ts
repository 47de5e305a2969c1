import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { fill } from "../strings.ts";
import type { UploadStrings } from "./strings.ts";
import { base } from "../theme.ts";
import type { UploadItem } from "./uploads.ts";

/** The writer removed a file from the message they are writing. */
export class RemoveUploadEvent extends Event {
  constructor(readonly key: number) {
    super("remove-upload");
  }
}

/**
 * The files attached to the message being written, above the composer: a thumbnail of each image
 * while it uploads, its progress, why a file was refused, and a button to remove each.
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`, loaded on first use.
 * @fires remove-upload - {@link RemoveUploadEvent}; not composed.
 */
@customElement("porch-upload-tray")
export class PorchUploadTray extends LitElement {
  @property({ attribute: false }) items: readonly UploadItem[] = [];
  @property({ attribute: false }) strings!: UploadStrings;

  static override styles = [
    base,
    css`
      :host {
        display: block;
        border-top: 1px solid var(--_border);
        background: var(--_surface);
        color: var(--_text);
        font: 14px/1.35 var(--_font);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin: 0;
        padding: 8px 10px;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        gap: 6px;
        max-width: 100%;
        padding: 4px;
        border: 1px solid var(--_border);
        border-radius: 8px;
      }
      img {
        width: 40px;
        height: 40px;
        object-fit: cover;
        border-radius: 4px;
      }
      .name {
        max-width: 12em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      progress {
        width: 4em;
        accent-color: var(--_accent);
      }
      .error {
        color: var(--_danger);
        white-space: normal;
      }
      button {
        width: 28px;
        height: 28px;
        padding: 0;
        border: 1px solid var(--_field-border);
        border-radius: 50%;
        background: var(--_surface);
        color: var(--_text);
      }
    `,
  ];

  override render() {
    const s = this.strings;
    return html`<ul>
      ${this.items.map(
        (item) => html`<li>
          ${item.previewUrl ? html`<img src=${item.previewUrl} alt="" />` : nothing}
          ${item.error ? html`<span class="error" role="alert">${item.error}</span>` : html`<span class="name" dir="auto">${item.name}</span>`}
          ${item.state === "uploading" ? html`<progress max="1" .value=${item.progress} aria-label=${item.name}></progress>` : nothing}
          <button aria-label=${fill(s.removeFile, { name: item.name })} @click=${() => this.dispatchEvent(new RemoveUploadEvent(item.key))}>✕</button>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-upload-tray": PorchUploadTray;
  }
  interface GlobalEventHandlersEventMap {
    "remove-upload": RemoveUploadEvent;
  }
}
