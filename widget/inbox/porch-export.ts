import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import type { ExportPageReply } from "#protocol";
import { fill } from "../shared/strings.ts";
import { base, outlinedButton } from "../shared/theme.ts";
import { dialogStyles } from "./dialog-styles.ts";
import { saveSink, writeExport } from "./export-file.ts";
import type { InboxStrings } from "./strings.ts";

/**
 * "Export everything (JSON)", in a modal dialog: asks where to save the file (where the browser
 * can stream to one), then writes the owner's `export` pages to it, showing how many conversations
 * so far, with a way to cancel; if a page fails, says so and keeps nothing. Loaded on first use.
 *
 * @internal A part of `<porch-inbox>`.
 */
@customElement("porch-export")
export class PorchExport extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  /** How many conversations the inbox counts (open and done): the progress's end. */
  @property({ type: Number }) total = 0;

  @state() private stage: "running" | "done" | "cancelled" | "failed" = "running";
  @state() private count = 0;
  @state() private problem = "";
  private controller: AbortController | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;

  static override styles = [
    base,
    dialogStyles,
    outlinedButton,
    css`
      progress {
        display: block;
        width: 100%;
        height: 8px;
        margin: 0 0 12px;
        accent-color: var(--_accent);
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];

  /**
   * Runs one export: `pages` answers the page after a cursor, `problemText` puts a failure in the
   * owner's words. Nothing happens when the owner closes the file picker.
   */
  async start(pages: (cursor: string | undefined) => Promise<ExportPageReply>, problemText: (error: unknown) => string): Promise<void> {
    if (this.controller) return this.show();
    const s = this.strings;
    const sink = await saveSink(`${s.exportFileName}-${new Date().toISOString().slice(0, 10)}.json`).catch((error: unknown) => {
      Object.assign(this, { stage: "failed", count: 0, problem: problemText(error) });
      return undefined;
    });
    if (sink === null) return;
    if (sink === undefined) return this.show();
    const controller = new AbortController();
    Object.assign(this, { controller, stage: "running", count: 0, problem: "" });
    await this.show();
    try {
      this.count = await writeExport(pages, sink, (count) => (this.count = count), controller.signal);
      await sink.close();
      this.stage = "done";
    } catch (error) {
      await sink.abort().catch(() => undefined);
      if (controller.signal.aborted) this.stage = "cancelled";
      else Object.assign(this, { stage: "failed", problem: problemText(error) });
    } finally {
      this.controller = null;
    }
  }

  private async show() {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** Cancel, Escape or Close: a running export stops and keeps nothing. */
  private stop() {
    this.controller?.abort();
    this.dialog.close();
  }

  override render() {
    const s = this.strings;
    const running = this.stage === "running";
    const total = Math.max(this.total, this.count);
    const status = {
      running: fill(s.exportProgress, { count: this.count, total }),
      done: fill(s.exportDone, { count: this.count }),
      cancelled: s.exportCancelled,
      failed: "",
    }[this.stage];
    return html`<dialog aria-labelledby="export-title" @cancel=${() => this.controller?.abort()}>
      <h2 id="export-title">${s.exportTitle}</h2>
      <p>${s.exportHint}</p>
      ${running ? html`<progress max=${total || 1} .value=${this.count} aria-labelledby="export-title"></progress>` : nothing}
      <p role="status">${status}</p>
      ${this.stage === "failed" ? html`<p role="alert">${fill(s.exportFailed, { count: this.count, problem: this.problem })}</p>` : nothing}
      <div class="buttons">
        <button type="button" class="outlined ${running ? "cancel" : "close"}" @click=${this.stop}>${running ? s.cancel : s.close}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-export": PorchExport;
  }
}
