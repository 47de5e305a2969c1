import { LitElement, css, html } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { Attachment } from "#protocol";
import { uploadStrings, type UploadStrings } from "./strings.ts";
import { base } from "../theme.ts";

/**
 * An image opened large: a modal dialog (the browser keeps focus inside it and closes it with
 * Escape), the image at the size that fits, its name, and a close button.
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`, loaded on first use.
 */
@customElement("porch-viewer")
export class PorchViewer extends LitElement {
  @property({ attribute: false }) strings!: UploadStrings;
  @property({ attribute: false }) attachment: Attachment | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;

  static override styles = [
    base,
    css`
      dialog {
        max-width: min(96vw, 1200px);
        max-height: 96vh;
        padding: 8px;
        border: 0;
        border-radius: 12px;
        background: var(--_surface);
        color: var(--_text);
        font: 14px/1.35 var(--_font);
      }
      dialog::backdrop {
        background: var(--_backdrop);
      }
      img {
        display: block;
        max-width: 100%;
        max-height: calc(96vh - 64px);
        height: auto;
        margin: 0 auto;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        padding: 0 4px 8px;
      }
      button {
        min-width: 44px;
        min-height: 36px;
        border: 1px solid var(--_field-border);
        border-radius: 8px;
        background: var(--_surface);
        color: var(--_text);
      }
    `,
  ];

  /** Opens an image large, taking focus until it closes. */
  async show(attachment: Attachment): Promise<void> {
    this.attachment = attachment;
    await this.updateComplete;
    this.dialog.showModal();
  }

  override render() {
    const file = this.attachment;
    return html`<dialog aria-label=${file?.name ?? ""} @click=${this.backdrop}>
      <header><span dir="auto">${file?.name}</span><button autofocus @click=${() => this.dialog.close()}>${this.strings.closeViewer}</button></header>
      ${file?.url ? html`<img src=${file.url} alt=${file.name} width=${file.width ?? 800} height=${file.height ?? 600} />` : ""}
    </dialog>`;
  }

  /** A click outside the image and its header (on the backdrop) closes it. */
  private backdrop(event: MouseEvent) {
    if (event.target === this.dialog) this.dialog.close();
  }
}

/** Opens an image large in `root`, adding the viewer there the first time; `strings`: the page's own words, if any. */
export async function openViewer(
  root: ShadowRoot | HTMLElement | DocumentFragment,
  attachment: Attachment,
  strings: Partial<UploadStrings>,
): Promise<void> {
  let viewer = root.querySelector("porch-viewer");
  if (!viewer) viewer = root.appendChild(document.createElement("porch-viewer"));
  viewer.strings = { ...uploadStrings, ...strings };
  await viewer.show(attachment);
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-viewer": PorchViewer;
  }
}
