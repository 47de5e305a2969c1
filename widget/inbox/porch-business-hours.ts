import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import type { BusinessHours, HoursSetting } from "#protocol";
import { fill } from "../shared/strings.ts";
import { base, outlinedButton, visuallyHidden } from "../shared/theme.ts";
import { dialogStyles } from "./dialog-styles.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner saved their business hours. */
export class SaveHoursEvent extends Event {
  constructor(readonly hours: HoursSetting) {
    super("save-hours");
  }
}

/** One day's row: open or not, and its first span (a day's further spans, set through the protocol, are kept as they are). */
interface DayDraft {
  open: boolean;
  from: string;
  to: string;
  more: BusinessHours["weekly"];
}

interface Draft {
  always: boolean;
  timeZone: string;
  days: DayDraft[];
  notifyOutsideHours: boolean;
}

/** The browser's own time zone: what new hours are in until the owner picks another. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether this browser knows `zone` as an IANA time zone name. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** A time input's "00:00" as a closing time is the day's end, which the protocol writes "24:00". */
const closing = (time: string) => (time === "00:00" ? "24:00" : time);

function draftOf(hours: HoursSetting | null): Draft {
  const always = !hours?.weekly.length;
  const days = Array.from({ length: 7 }, (_, day): DayDraft => {
    const [first, ...more] = hours?.weekly.filter((span) => span.day === day) ?? [];
    const weekday = day > 0 && day < 6;
    return first
      ? { open: true, from: first.from, to: first.to === "24:00" ? "00:00" : first.to, more }
      : { open: always && weekday, from: "09:00", to: "17:00", more: [] };
  });
  return {
    always,
    timeZone: hours?.weekly.length ? hours.timeZone : browserZone(),
    days,
    notifyOutsideHours: hours?.notifyOutsideHours ?? false,
  };
}

/**
 * The owner's business hours, in a modal dialog: no hours (always available), or a time zone and
 * each day's opening and closing time. Outside them visitors see when the owner is back
 * (docs/protocol.md, `hours`).
 *
 * @internal A part of `<porch-inbox>`.
 * @fires save-hours - {@link SaveHoursEvent}, not composed.
 */
@customElement("porch-business-hours")
export class PorchBusinessHours extends LitElement {
  @property({ attribute: false }) strings!: InboxStrings;
  /** The hours as stored, or null while they load. */
  @property({ attribute: false }) hours: HoursSetting | null = null;
  /** Why saving failed, in the owner's words; empty when nothing failed. */
  @property() problem = "";
  /** Said once the hours are saved. */
  @property() saved = "";

  @state() private draft: Draft = draftOf(null);
  /** What is wrong with the form before it is sent, and the field it is about. */
  @state() private invalid: { field: string; text: string } | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("form") private form!: HTMLFormElement;

  static override styles = [
    base,
    dialogStyles,
    outlinedButton,
    visuallyHidden,
    css`
      :host {
        --_dialog-width: 480px;
      }
      .field {
        margin: 0 0 12px;
      }
      .field label {
        display: block;
        margin-bottom: 6px;
        font-size: 14px;
        font-weight: 600;
      }
      .choice,
      .day {
        display: flex;
        align-items: center;
        gap: 8px;
        min-height: 32px;
        font-size: 15px;
      }
      input[type="checkbox"] {
        flex: none;
        accent-color: var(--_accent);
        width: 24px;
        height: 24px;
        margin: 0;
      }
      input:not([type="checkbox"]),
      select {
        box-sizing: border-box;
        min-height: 32px;
        padding: 4px 8px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
        color: var(--_text);
        font: 15px/1.35 var(--_font);
        color-scheme: inherit;
      }
      .field > :is(input, select) {
        width: 100%;
      }
      .week {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto;
        gap: 6px 8px;
        align-items: center;
        margin-top: 12px;
      }
      .week .head {
        font-size: 13px;
        color: var(--_text-muted);
      }
      [aria-invalid="true"] {
        border-color: var(--_danger);
      }
    `,
  ];

  /** Opens the dialog (modal: focus stays in it, Escape closes it), showing the hours as stored. */
  async show(): Promise<void> {
    this.draft = draftOf(this.hours);
    this.invalid = null;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // Read at last, or set from another tab: the form shows what is stored.
    if (changed.has("hours")) this.draft = draftOf(this.hours);
  }

  override render() {
    const s = this.strings;
    const { always, timeZone } = this.draft;
    const problem = this.invalid?.text ?? this.problem;
    return html`<dialog aria-labelledby="hours-title">
      <h2 id="hours-title">${s.businessHours}</h2>
      <p>${s.businessHoursHint}</p>
      ${problem ? html`<p role="alert">${problem}</p>` : nothing}
      <p role="status" class=${this.hours === null || this.saved ? "" : "sr"}>${this.hours === null ? s.connecting : this.saved}</p>
      <form @submit=${this.submit} @change=${this.changed} novalidate>
        <div class="field">
          <label for="kind">${s.hoursKind}</label>
          <select id="kind" name="kind" .value=${live(always ? "always" : "weekly")}>
            <option value="always" ?selected=${always}>${s.alwaysAvailable}</option>
            <option value="weekly" ?selected=${!always}>${s.weeklyHours}</option>
          </select>
        </div>
        ${
          always
            ? nothing
            : html`<div class="field">
                <label for="zone">${s.timeZone}</label>
                <input
                  id="zone"
                  name="zone"
                  list="zones"
                  autocomplete="off"
                  .value=${timeZone}
                  aria-invalid=${this.invalid?.field === "zone" ? "true" : "false"}
                />
                <datalist id="zones">${Intl.supportedValuesOf("timeZone").map((zone) => html`<option value=${zone}></option>`)}</datalist>
              </div>
              ${this.renderWeek(s)}
              <label class="choice notify"
                ><input type="checkbox" name="notify" .checked=${this.draft.notifyOutsideHours} />${s.notifyOutsideHours}</label
              >`
        }
        <div class="buttons">
          <button class="save">${s.saveHours}</button>
          <button type="button" class="outlined close" @click=${() => this.dialog.close()}>${s.close}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderWeek(s: InboxStrings) {
    const locale = document.documentElement.lang || undefined;
    const weekdays = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
    // The week as the owner's calendar starts it (Monday where the browser cannot say).
    const firstDay =
      (new Intl.Locale(locale ?? navigator.language) as { getWeekInfo?: () => { firstDay: number } }).getWeekInfo?.().firstDay ?? 1;
    const order = Array.from({ length: 7 }, (_, n) => (firstDay + n) % 7);
    return html`<div class="week" role="group" aria-label=${s.businessHours}>
      <span class="head">${s.hoursDay}</span><span class="head" aria-hidden="true">${s.opens}</span
      ><span class="head" aria-hidden="true">${s.closes}</span>
      ${order.map((day) => {
        const row = this.draft.days[day]!;
        const name = weekdays.format(Date.UTC(2023, 0, 1 + day)); // 1 January 2023 was a Sunday
        const invalid = this.invalid?.field === `to-${day}`;
        return html`<label class="day"><input type="checkbox" name="open-${day}" .checked=${row.open} />${name}</label>
${this.timeField("from", day, fill(s.opensOn, { day: name }), invalid)}
          ${this.timeField("to", day, fill(s.closesOn, { day: name }), invalid)}`;
      })}
    </div>`;
  }

  private timeField(end: "from" | "to", day: number, label: string, invalid: boolean) {
    const row = this.draft.days[day]!;
    return html`<input
      type="time"
      name="${end}-${day}"
      aria-label=${label}
      .value=${row[end]}
      ?disabled=${!row.open}
      aria-invalid=${invalid ? "true" : "false"}
    />`;
  }

  /** The form as the owner left it. */
  private read(): Draft {
    const data = new FormData(this.form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const always = text("kind") !== "weekly";
    if (always || this.draft.always) return { ...this.draft, always };
    const days = this.draft.days.map((row, day) => ({
      ...row,
      open: data.has(`open-${day}`),
      from: text(`from-${day}`) || row.from,
      to: text(`to-${day}`) || row.to,
    }));
    return { always, timeZone: text("zone").trim(), days, notifyOutsideHours: data.has("notify") };
  }

  private changed(): void {
    this.draft = this.read();
    this.invalid = null;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const draft = (this.draft = this.read());
    const s = this.strings;
    this.invalid = null;
    if (draft.always)
      return void this.dispatchEvent(
        new SaveHoursEvent({ timeZone: this.hours?.timeZone ?? "UTC", weekly: [], notifyOutsideHours: false }),
      );
    const weekdays = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { weekday: "long", timeZone: "UTC" });
    if (!isTimeZone(draft.timeZone)) this.invalid = { field: "zone", text: fill(s.hoursUnknownZone, { zone: draft.timeZone }) };
    const late = draft.days.findIndex((row) => row.open && row.from >= closing(row.to));
    if (!this.invalid && late >= 0)
      this.invalid = { field: `to-${late}`, text: fill(s.hoursFromAfterTo, { day: weekdays.format(Date.UTC(2023, 0, 1 + late)) }) };
    if (!this.invalid && !draft.days.some((row) => row.open)) this.invalid = { field: "open-1", text: s.hoursNoDay };
    if (this.invalid) {
      const field = this.invalid.field;
      void this.updateComplete.then(() => this.form.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus());
      return;
    }
    const weekly = draft.days.flatMap((row, day) => (row.open ? [{ day, from: row.from, to: closing(row.to) }, ...row.more] : []));
    this.dispatchEvent(new SaveHoursEvent({ timeZone: draft.timeZone, weekly, notifyOutsideHours: draft.notifyOutsideHours }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-business-hours": PorchBusinessHours;
  }
  interface GlobalEventHandlersEventMap {
    "save-hours": SaveHoursEvent;
  }
}
