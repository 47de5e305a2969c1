import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { VisitorProfile } from "#protocol";
import { limits } from "#protocol";
import { introStrings, type IntroStrings } from "./intro-strings.ts";
import { base } from "../shared/theme.ts";

/** The visitor saved the intro form: empty strings clear a field. */
export class IntroSaveEvent extends Event {
  constructor(readonly profile: VisitorProfile) {
    super("intro-save");
  }
}

/**
 * The optional "who are you" form: nickname and email, both optional, skippable. Loaded when a
 * page with `intro` first shows it.
 *
 * @internal A part of `<porch-chat>`.
 * @fires intro-save - {@link IntroSaveEvent}, not composed.
 * @fires intro-skip - The visitor skipped the form; not composed.
 */
@customElement("porch-intro")
export class PorchIntro extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Its strings in the chat's language, and the page's overrides; English fills the rest. */
  @property({ attribute: false }) strings: Partial<IntroStrings> = {};
  /** What the visitor gave before, to edit. */
  @property({ attribute: false }) profile: VisitorProfile | null = null;
  /** Why the last save failed, in words. */
  @property() problem = "";
  /** The site emails replies: the form may promise it. */
  @property({ type: Boolean }) emailReplies = false;

  static override styles = [
    base,
    css`
      :host {
        display: block;
        padding: 18px;
        flex: 1;
        overflow-y: auto;
        background: var(--_surface);
      }
      h3 {
        margin: 0 0 4px;
        font-size: 15px;
      }
      p {
        margin: 0 0 14px;
        font-size: 13px;
        color: var(--_text-muted);
      }
      label {
        display: block;
        margin-bottom: 12px;
        font-size: 13px;
        font-weight: 600;
      }
      input {
        display: block;
        box-sizing: border-box;
        width: 100%;
        margin-top: 4px;
        padding: 9px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) * 0.625);
        background: var(--_surface);
        color: var(--_text);
        font: 16px var(--_font);
      }
      .actions {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
      button {
        padding: 8px 16px;
        border-radius: var(--_radius);
        border: 1px solid var(--_field-border);
        background: none;
      }
      button[type="submit"] {
        border-color: var(--_accent);
        background: var(--_accent);
        color: var(--_accent-contrast);
      }
      .problem {
        color: var(--_danger);
        font-size: 13px;
      }
    `,
  ];

  override render() {
    const s = { ...introStrings, ...this.strings };
    return html`<form @submit=${this.submit}>
      <h3>${s.introTitle}</h3>
      ${this.emailReplies ? html`<p>${s.introHint}</p>` : nothing}
      <label
        >${s.nickname}
        <input name="nickname" autocomplete="name" maxlength=${limits.nicknameMaxChars} .value=${this.profile?.nickname ?? ""}
      /></label>
      <label
        >${s.email}
        <input name="email" type="email" autocomplete="email" maxlength=${limits.emailMaxChars} .value=${this.profile?.email ?? ""}
      /></label>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.dispatchEvent(new Event("intro-skip"))}>${s.skip}</button>
        <button type="submit">${s.save}</button>
      </div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const profile = { nickname: field("nickname"), email: field("email") };
    this.dispatchEvent(new IntroSaveEvent(profile));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-intro": PorchIntro;
  }
  interface GlobalEventHandlersEventMap {
    "intro-save": IntroSaveEvent;
    "intro-skip": Event;
  }
}
