import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { limits } from "#protocol";
import { plural, type ComposerStrings } from "./strings.ts";
import { base } from "./theme.ts";

/** The writer sent a message: `text` is trimmed, not empty and within the protocol's limit. */
export class ComposeEvent extends Event {
  constructor(readonly text: string) {
    super("compose");
  }
}

/** The writer chose, pasted or dropped files to send. */
export class AttachEvent extends Event {
  constructor(readonly files: File[]) {
    super("attach");
  }
}

/** The files of an `attach` event, or of a drop or a paste on the page that holds the composer (none in pasted text). */
export const filesOf = (event: Partial<AttachEvent & DragEvent & ClipboardEvent>): File[] =>
  event.files ?? [...((event.dataTransfer ?? event.clipboardData)?.files ?? [])];

/**
 * The text field and send button. Enter sends, Shift+Enter adds a line; text over the protocol's
 * limit is flagged instead of sent. Counts are written in its `lang` (the browser's when none).
 *
 * @internal A part of `<porch-chat>` and `<porch-inbox>`.
 * @fires compose - {@link ComposeEvent}, not composed.
 * @fires draft - The text changed (someone is typing); not composed.
 * @fires attach - {@link AttachEvent}: files chosen with the attach button; not composed (a paste or
 *   a drop of files reaches the host as the browser's own event).
 * @csspart input - The text field (exported by `<porch-chat>`).
 * @csspart send - The send button (exported by `<porch-chat>`).
 */
@customElement("porch-composer")
export class PorchComposer extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @property({ attribute: false }) strings!: ComposerStrings;
  /** Offer the attach button, a plus (the site takes files). */
  @property({ type: Boolean }) attachable = false;
  /** Shown above the field: the files attached to the message (rendered by the attachment UI); with them, a message may have no text. */
  @property({ attribute: false }) tray: unknown = nothing;

  @state() protected length = 0;
  @query("textarea") protected field!: HTMLTextAreaElement;
  @query("input") private picker!: HTMLInputElement;

  static override styles = [
    base,
    css`
      :host {
        display: block;
        border-top: 1px solid var(--_border);
        background: var(--_surface);
      }
      form {
        display: flex;
        align-items: flex-end;
        gap: 8px;
        padding: 10px;
        padding-inline-start: 14px;
      }
      textarea {
        flex: 1;
        box-sizing: border-box;
        min-height: 40px;
        max-height: 140px;
        field-sizing: content;
        resize: none;
        padding: 9px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) * 1.25);
        background: var(--_surface);
        color: var(--_text);
        /* 16px keeps iOS from zooming the page when the field gets focus. */
        font: 16px/1.35 var(--_font);
      }
      textarea:focus-visible {
        outline-offset: 0;
        border-color: var(--_accent);
      }
      textarea::placeholder {
        color: var(--_text-muted);
      }
      .clip {
        background: none;
        color: inherit;
      }
      button {
        display: grid;
        place-items: center;
        flex: none;
        width: 40px;
        height: 40px;
        padding: 0;
        border: 0;
        border-radius: calc(var(--_radius) * 1.25);
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
        stroke: none;
      }
      /* The arrow points the way the text runs. */
      svg:dir(rtl) {
        transform: scaleX(-1);
      }
      .over {
        margin: -4px 14px 8px;
        font-size: 12px;
        color: var(--_danger);
      }
    `,
  ];

  override render() {
    const s = this.strings;
    const over = this.length - limits.textMaxChars;
    return html`${this.tray}<form @submit=${this.submit}>
        ${
          this.attachable
            ? html`<button type="button" class="clip" aria-label=${s.attach} @click=${() => this.picker.click()}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M11 5h2v14h-2zM5 11h14v2H5z" /></svg>
              </button>
              <input type="file" multiple hidden @change=${this.picked} />`
            : nothing
        }
        <textarea
          part="input"
          rows="1"
          aria-label=${s.inputLabel}
          placeholder=${s.placeholder}
          aria-invalid=${over > 0}
          aria-describedby="over"
          @input=${this.input}
          @keydown=${this.keydown}
        ></textarea>
        <button part="send" aria-label=${s.send}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12 2-12 2z" /></svg>
        </button>
      </form>
      ${over > 0 ? html`<div class="over" id="over" role="alert">${plural(s.tooLong, over, this.lang)}</div>` : nothing}`;
  }

  private picked() {
    this.dispatchEvent(new AttachEvent([...(this.picker.files ?? [])]));
    this.picker.value = "";
  }

  protected input() {
    this.length = this.field.value.length;
    this.dispatchEvent(new Event("draft"));
  }

  protected keydown(event: KeyboardEvent) {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit(event);
    }
  }

  private submit(event: Event) {
    event.preventDefault();
    const text = this.field.value.trim();
    if ((!text && this.tray === nothing) || text.length > limits.textMaxChars) return;
    this.field.value = "";
    this.length = 0;
    this.dispatchEvent(new ComposeEvent(text));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-composer": PorchComposer;
  }
  interface GlobalEventHandlersEventMap {
    compose: ComposeEvent;
    draft: Event;
    attach: AttachEvent;
  }
}
