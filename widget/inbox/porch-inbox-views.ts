import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { InboxCounts, InboxViewName } from "#protocol";
import { base, outlinedButton } from "../shared/theme.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner chose a view of the inbox. */
export class ViewChangeEvent extends Event {
  constructor(readonly view: InboxViewName) {
    super("view-change");
  }
}

const views = ["open", "unread", "done"] as const satisfies readonly InboxViewName[];
const viewLabel = { open: "viewOpen", unread: "viewUnread", done: "viewDone" } as const satisfies Record<InboxViewName, keyof InboxStrings>;

/**
 * The inbox's views, Open, Unread and Done, each with how many conversations it holds: a row of
 * toggle buttons, the current one pressed.
 *
 * @internal A part of `<porch-inbox>`.
 * @fires view-change - {@link ViewChangeEvent}, not composed.
 */
@customElement("porch-inbox-views")
export class PorchInboxViews extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  /** The view listed. */
  @property() view: InboxViewName = "open";
  @property({ attribute: false }) counts: InboxCounts = { open: 0, done: 0, unread: 0 };

  static override styles = [
    base,
    outlinedButton,
    css`
      :host {
        display: flex;
        gap: 6px;
        padding: 8px 12px;
        border-bottom: 1px solid var(--_border);
      }
      .count {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  override render() {
    const s = this.strings;
    return views.map(
      (view) =>
        html`<button type="button" class="outlined ${view}" aria-pressed=${view === this.view} @click=${() => this.choose(view)}>
          ${s[viewLabel[view]]} <span class="count">${this.counts[view]}</span>
        </button>`,
    );
  }

  private choose(view: InboxViewName) {
    if (view !== this.view) this.dispatchEvent(new ViewChangeEvent(view));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-inbox-views": PorchInboxViews;
  }
  interface GlobalEventHandlersEventMap {
    "view-change": ViewChangeEvent;
  }
}
