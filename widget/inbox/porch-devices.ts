import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { PushDeviceSummary } from "#protocol";
import { fill } from "../shared/strings.ts";
import { base } from "../shared/theme.ts";
import { dialogStyles } from "./dialog-styles.ts";
import { longTime, relativeTime } from "./format-time.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner asked to stop notifying one of the devices listed. */
export class RemoveDeviceEvent extends Event {
  constructor(readonly device: PushDeviceSummary) {
    super("remove-device");
  }
}

/**
 * The devices that get the owner's notifications, in a modal dialog: which browser, whose push
 * service, when added and last notified, each with "Remove", so a device the owner does not
 * recognise (a stolen session's) can be seen and ended (docs/security.md, "Owner sessions").
 *
 * @internal A part of `<porch-inbox>`.
 * @fires remove-device - {@link RemoveDeviceEvent}, not composed.
 */
@customElement("porch-devices")
export class PorchDevices extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  /** The inbox's language (BCP 47), for plurals, numbers and dates; the browser's when empty. */
  @property() locale = "";
  /** The devices, or null while they load. */
  @property({ attribute: false }) devices: readonly PushDeviceSummary[] | null = null;
  /** Why the list or a removal failed, in the owner's words; empty when nothing failed. */
  @property() problem = "";

  @query("dialog") private dialog!: HTMLDialogElement;

  static override styles = [
    base,
    dialogStyles,
    css`
      .about {
        flex: 1;
        min-width: 0;
        font-size: 13px;
        color: var(--_text-muted);
        overflow-wrap: anywhere;
      }
      .browser {
        display: block;
        font-size: 15px;
        font-weight: 600;
        color: var(--_text);
      }
      button {
        padding: 7px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        font-size: 13px;
      }
      button:hover {
        background: var(--_surface-muted);
      }
      .remove {
        color: var(--_danger);
      }
    `,
  ];

  /** Opens the dialog (modal: focus stays in it, Escape closes it). */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  override updated(): void {
    // A removed device's button took the focus with it: keep it in the dialog.
    if (this.dialog.open && !this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLButtonElement>(".close")?.focus();
  }

  override render() {
    const s = this.strings;
    return html`<dialog aria-labelledby="devices-title">
      <h2 id="devices-title">${s.devicesTitle}</h2>
      <p>${s.devicesHint}</p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${
        this.devices === null
          ? html`<p role="status">${s.connecting}</p>`
          : this.devices.length === 0
            ? html`<p role="status">${s.noDevices}</p>`
            : html`<ul>
              ${this.devices.map((device) => this.renderDevice(device, s))}
            </ul>`
      }
      <button class="close" @click=${() => this.dialog.close()}>${s.close}</button>
    </dialog>`;
  }

  private renderDevice(device: PushDeviceSummary, s: InboxStrings) {
    const name = device.browser ?? s.unknownBrowser;
    return html`<li>
      <span class="about">
        <span class="browser">${name}${device.current ? html` (${s.thisBrowser})` : nothing}</span>
        ${fill(s.deviceService, { service: device.service })} ·
        ${fill(s.deviceAdded, { time: longTime(device.subscribedAt, this.locale || undefined) })} ·
        ${device.lastPushAt === null ? s.deviceNeverNotified : fill(s.deviceNotified, { time: relativeTime(device.lastPushAt, Date.now(), this.locale || undefined) })}
      </span>
      <button class="remove" aria-label=${fill(s.removeDeviceLabel, { name })} @click=${() => this.dispatchEvent(new RemoveDeviceEvent(device))}>
        ${s.removeDevice}
      </button>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-devices": PorchDevices;
  }
  interface GlobalEventHandlersEventMap {
    "remove-device": RemoveDeviceEvent;
  }
}
