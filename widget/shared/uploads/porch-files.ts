import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Attachment } from "#protocol";
import { uploadStrings, type UploadStrings } from "./strings.ts";
import { base } from "../theme.ts";
import { openViewer } from "./porch-viewer.ts";

const inlineImage = /^image\/(jpeg|png|webp|gif)$/;

/**
 * A message's files, in its bubble: an image inline at its known size (no shift as it loads),
 * opened large in the viewer on a click; any other file a link (the bucket serves it as a
 * download); a removed one says so. Loaded with the first message that has files.
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`, loaded on first use.
 */
@customElement("porch-files")
export class PorchFiles extends LitElement {
  @property({ attribute: false }) files: readonly Attachment[] = [];
  /** The page's words (the message list's strings), over the defaults. */
  @property({ attribute: false }) strings: Partial<UploadStrings> = {};

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .thumb,
      .file {
        display: block;
        margin-top: 6px;
        padding: 0;
        border: 0;
        background: none;
        color: inherit;
        font: inherit;
      }
      img {
        display: block;
        max-width: min(220px, 100%);
        height: auto;
      }
    `,
  ];

  override render() {
    const s = { ...uploadStrings, ...this.strings };
    return this.files.map((file) => {
      if (!file.url) return html`<span class="file">${s.fileRemoved}</span>`;
      if (!inlineImage.test(file.contentType)) return html`<a class="file" href=${file.url} dir="auto">${file.name}</a>`;
      // The button is named by the image's name (its alt text).
      return html`<button class="thumb" @click=${() => openViewer(this.renderRoot, file, s)}>
        <img src=${file.url} alt=${file.name} width=${file.width ?? 160} height=${file.height ?? 120} />
      </button>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-files": PorchFiles;
  }
}
