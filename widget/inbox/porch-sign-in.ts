import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { base } from "../shared/theme.ts";
import type { InboxStrings } from "./strings.ts";

/** The owner submitted the sign-in form: the password, and whether to stay signed in on this device. */
export class SignInEvent extends Event {
  constructor(
    readonly password: string,
    readonly remember: boolean,
  ) {
    super("sign-in");
  }
}

/**
 * The owner's sign-in form: a password, "remember me", and the reason sign-in failed (announced
 * as an alert) or why the owner is here again (a session that ended).
 *
 * @internal A part of `<porch-inbox>`.
 * @fires sign-in - {@link SignInEvent}, not composed.
 */
@customElement("porch-sign-in")
export class PorchSignIn extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @property({ attribute: false }) strings!: InboxStrings;
  /** Why the last attempt failed, in words; shown as an alert. */
  @property() error = "";
  /** Why the form is showing, e.g. the session ended; shown as a status. */
  @property() notice = "";
  /** A sign-in is under way. */
  @property({ type: Boolean }) busy = false;

  @query("input[type=password]") private passwordField!: HTMLInputElement;
  @query("input[type=checkbox]") private rememberField!: HTMLInputElement;

  static override styles = [
    base,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100%;
        padding: 24px 16px;
        box-sizing: border-box;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 14px;
        width: min(360px, 100%);
        padding: 28px 24px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 8px 30px color-mix(in srgb, var(--_shadow) 40%, transparent);
      }
      h1 {
        margin: 0 0 4px;
        font-size: 20px;
        font-weight: 600;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 6px;
        font-size: 14px;
        font-weight: 500;
      }
      input[type="password"] {
        padding: 10px 12px;
        border: 1px solid var(--_field-border);
        border-radius: calc(var(--_radius) * 0.625);
        background: var(--_surface);
        color: var(--_text);
        font: 16px var(--_font);
      }
      input[type="password"]:focus-visible {
        outline-offset: 0;
        border-color: var(--_accent);
      }
      .remember {
        flex-direction: row;
        align-items: center;
        gap: 8px;
        font-weight: 400;
        color: var(--_text-muted);
      }
      input[type="checkbox"] {
        accent-color: var(--_accent);
        width: 24px;
        height: 24px;
        margin: 0;
      }
      button {
        padding: 10px 16px;
        border: 0;
        border-radius: calc(var(--_radius) * 0.625);
        background: var(--_accent);
        color: var(--_accent-contrast);
        font-weight: 600;
      }
      button[disabled] {
        opacity: 0.7;
        cursor: progress;
      }
      p {
        margin: 0;
        font-size: 14px;
      }
      .error {
        padding: 8px 12px;
        border-radius: calc(var(--_radius) / 2);
        background: var(--_danger-surface);
        color: var(--_danger);
      }
      .notice {
        color: var(--_text-muted);
      }
    `,
  ];

  override updated(changed: Map<PropertyKey, unknown>): void {
    // A refused password is cleared for the next try.
    if (changed.has("error") && this.error) this.passwordField.value = "";
  }

  override render() {
    const s = this.strings;
    return html`<form @submit=${this.submit} aria-busy=${this.busy}>
      <h1>${s.signInTitle}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <!-- For password managers: there is one owner, and this is their account name. -->
      <input type="text" name="username" autocomplete="username" value="owner" hidden />
      <label>
        ${s.password}
        <input
          type="password"
          name="password"
          autocomplete="current-password"
          required
          aria-invalid=${this.error ? "true" : "false"}
          aria-describedby="error"
        />
      </label>
      <label class="remember"><input type="checkbox" name="remember" />${s.remember}</label>
      ${this.error ? html`<p class="error" id="error" role="alert">${this.error}</p>` : nothing}
      <button ?disabled=${this.busy}>${this.busy ? s.signingIn : s.signIn}</button>
    </form>`;
  }

  private submit(event: Event) {
    event.preventDefault();
    if (this.busy || !this.passwordField.value) return;
    this.dispatchEvent(new SignInEvent(this.passwordField.value, this.rememberField.checked));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "porch-sign-in": PorchSignIn;
  }
  interface GlobalEventHandlersEventMap {
    "sign-in": SignInEvent;
  }
}
