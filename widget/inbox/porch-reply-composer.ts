import { css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { SavedReply } from "#protocol";
import { PorchComposer } from "../shared/porch-composer.ts";
import { fill } from "../shared/strings.ts";
import { visuallyHidden } from "../shared/theme.ts";
import type { InboxStrings } from "./strings.ts";

/** A saved reply's text with `{name}` filled with the visitor's name. */
export function filledReply(reply: SavedReply, visitorName: string): string {
  return reply.text.replaceAll("{name}", visitorName);
}

/** The saved replies whose title or text holds `query`, whatever the case. */
export function matchingReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const wanted = query.trim().toLocaleLowerCase();
  return replies.filter((reply) => `${reply.title}\n${reply.text}`.toLocaleLowerCase().includes(wanted));
}

/**
 * The owner's reply field: the shared composer, and the saved replies. `/` typed at the start of
 * an empty field opens the list, filtered by what follows it; arrows choose, Enter (or a click)
 * puts the reply in the field with `{name}` filled, Escape closes the list and leaves the text.
 * The field keeps the focus throughout (`aria-activedescendant` names the chosen reply), and a
 * status line tells a screen reader how many match.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires compose - As `<porch-composer>`.
 * @fires draft - As `<porch-composer>`.
 */
@customElement("porch-reply-composer")
export class PorchReplyComposer extends PorchComposer {
  /** The inbox's strings (the composer's among them). */
  declare strings: InboxStrings;
  /** The owner's saved replies; empty while none are saved (or they are loading). */
  @property({ attribute: false }) savedReplies: readonly SavedReply[] = [];
  /** Whom `{name}` stands for: the visitor's name as the inbox shows it. */
  @property() visitorName = "";
  /** Whether `/` offers the saved replies (not while writing a private note). */
  @property({ type: Boolean }) offerReplies = true;

  /** What follows the `/` while the list is open; null while it is closed. */
  @state() private query: string | null = null;
  @state() private active = 0;

  static override styles = [
    ...PorchComposer.styles,
    visuallyHidden,
    css`
      :host {
        position: relative;
      }
      .saved {
        position: absolute;
        inset-inline: 10px;
        bottom: 100%;
        z-index: 2;
        max-height: min(260px, 50vh);
        margin: 0;
        padding: 4px;
        overflow-y: auto;
        list-style: none;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 4px 16px var(--_shadow);
      }
      .saved li {
        min-height: 24px;
        padding: 8px 10px;
        border-radius: calc(var(--_radius) / 2);
        cursor: pointer;
      }
      .saved [aria-selected="true"] {
        background: var(--_selected);
      }
      .title {
        display: block;
        font-weight: 600;
      }
      .text {
        display: block;
        overflow: hidden;
        font-size: 13px;
        color: var(--_text-muted);
        white-space: nowrap;
        text-overflow: ellipsis;
      }
      .none {
        color: var(--_text-muted);
        cursor: default;
      }
    `,
  ];

  override render() {
    return html`${this.renderList()}${super.render()}`;
  }

  private get found(): SavedReply[] {
    return this.query === null ? [] : matchingReplies(this.savedReplies, this.query);
  }

  private renderList() {
    const s = this.strings;
    if (this.query === null) return html`<span class="sr" role="status"></span>`;
    const matches = this.found;
    const said = this.savedReplies.length === 0 ? s.noSavedReplies : fill(s.savedRepliesFound, { count: matches.length });
    return html`<span class="sr" role="status">${said}</span>
      <ul class="saved" id="saved-replies" role="listbox" aria-label=${s.savedReplies}>
        ${matches.map(
          (reply, index) =>
            html`<li
              id=${`saved-reply-${index}`}
              role="option"
              aria-selected=${index === this.active}
              @mousedown=${(event: Event) => event.preventDefault()}
              @click=${() => this.insert(reply)}
            >
              <span class="title">${reply.title}</span><span class="text">${reply.text}</span>
            </li>`,
        )}
        ${
          matches.length === 0
            ? html`<li class="none" role="option" aria-disabled="true" aria-selected="false">
              ${this.savedReplies.length === 0 ? s.noSavedReplies : s.noSavedReplyMatches}
            </li>`
            : nothing
        }
      </ul>`;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The field is the shared composer's: what it says about the list is set here.
    const open = this.query !== null && this.found.length > 0;
    toggle(this.field, "aria-controls", this.query === null ? null : "saved-replies");
    toggle(this.field, "aria-activedescendant", open ? `saved-reply-${this.active}` : null);
    this.renderRoot.querySelector(`#saved-reply-${this.active}`)?.scrollIntoView({ block: "nearest" });
  }

  protected override input(): void {
    super.input();
    const text = this.field.value;
    const asking = this.offerReplies && text.startsWith("/") && !text.includes("\n");
    this.query = asking ? text.slice(1) : null;
    this.active = 0;
  }

  protected override keydown(event: KeyboardEvent): void {
    const count = this.found.length;
    if (this.query === null || event.isComposing) return super.keydown(event);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.query = null;
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count > 0) {
      event.preventDefault();
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      const chosen = this.found[this.active];
      if (chosen) this.insert(chosen);
    } else super.keydown(event);
  }

  private insert(reply: SavedReply): void {
    const field = this.field;
    field.value = filledReply(reply, this.visitorName);
    field.setSelectionRange(field.value.length, field.value.length);
    field.focus();
    this.query = null;
    this.length = field.value.length;
    this.dispatchEvent(new Event("draft"));
  }
}

function toggle(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-reply-composer": PorchReplyComposer;
  }
}
