import { randomId } from "../shared/random-id.ts";
import { storageKeys } from "./returning-visitor.ts";

/**
 * "1" once the visitor accepted a consent-first site's notice: the first thing the widget writes
 * there. Not one of `storageKeys`: erasing the conversation does not take the consent back.
 */
const consentKey = "porch:consent";

/** A message the visitor wrote that the server has not confirmed yet. */
export interface UnsentMessage {
  id: string;
  text: string;
}

/**
 * The visitor's identity in localStorage, shared by every tab of the site.
 * Nothing is written until the visitor interacts (`claim()`); reading never writes.
 * Where storage is blocked (some private modes, sandboxed frames) it lives in memory for the page.
 */
export class VisitorIdentity {
  private readonly memory = new Map<string, string>();

  /** Whether a `storage` event from another tab changed the identity. */
  static changedBy(event: StorageEvent): boolean {
    return event.key === null || Object.values<string>(storageKeys).includes(event.key);
  }

  get visitorId(): string | null {
    return this.read(storageKeys.visitorId);
  }

  get started(): boolean {
    return this.read(storageKeys.started) === "1";
  }

  get readAt(): number {
    return Number(this.read(storageKeys.readAt)) || 0;
  }

  /** Whether the visitor accepted a consent-first site's notice (on this site, in this browser). */
  get consented(): boolean {
    return this.read(consentKey) === "1";
  }

  /** The visitor accepted the notice: remembered, so it is not shown again. */
  consent(): void {
    this.write(consentKey, "1");
  }

  /** The visitor id, created and stored on the visitor's first interaction. */
  claim(): string {
    let id = this.visitorId;
    if (!id) this.write(storageKeys.visitorId, (id = randomId()));
    return id;
  }

  markStarted(): void {
    if (!this.started) this.write(storageKeys.started, "1");
  }

  /** The conversation this browser followed before the current one, if it had one: the visitor can go back to it. */
  get previousVisitorId(): string | null {
    const previous = this.read(storageKeys.previousVisitorId);
    return previous === this.visitorId ? null : previous;
  }

  /**
   * Takes on another visitor id (a reply email's link, `resume`, or the conversation it left):
   * this browser follows that conversation from now on. A conversation it leaves is kept as
   * `previousVisitorId`; what belonged to it here (its read mark, its unsent messages) is dropped.
   * Nothing changes if it is the same id.
   */
  adopt(visitorId: string): void {
    const current = this.visitorId;
    if (visitorId !== current) {
      if (current && this.started) this.write(storageKeys.previousVisitorId, current);
      this.write(storageKeys.visitorId, visitorId);
      this.remove(storageKeys.readAt);
      this.remove(storageKeys.unsent);
    }
    this.markStarted();
  }

  /** Forgets everything of the visitor's (their conversation was erased); the next `claim()` makes a new id. */
  forget(): void {
    for (const key of Object.values(storageKeys)) this.remove(key);
  }

  get emailDeclined(): boolean {
    return this.read(storageKeys.emailDeclined) === "1";
  }

  declineEmail(): void {
    this.write(storageKeys.emailDeclined, "1");
  }

  markReadUpTo(sentAt: number): void {
    if (sentAt > this.readAt) this.write(storageKeys.readAt, String(sentAt));
  }

  /** Messages still waiting for the server. Resending one is harmless: it is stored once by id. */
  get unsent(): UnsentMessage[] {
    try {
      const parsed: unknown = JSON.parse(this.read(storageKeys.unsent) ?? "[]");
      // Whatever another script or version left there: only well-formed entries count.
      return Array.isArray(parsed)
        ? parsed.filter(
            (entry: Partial<UnsentMessage> | null): entry is UnsentMessage =>
              typeof entry?.id === "string" && typeof entry.text === "string",
          )
        : [];
    } catch {
      return [];
    }
  }

  keepUnsent(message: UnsentMessage): void {
    this.write(storageKeys.unsent, JSON.stringify([...this.unsent.filter((entry) => entry.id !== message.id), message]));
  }

  forgetUnsent(id: string): void {
    const rest = this.unsent.filter((entry) => entry.id !== id);
    if (rest.length) this.write(storageKeys.unsent, JSON.stringify(rest));
    else this.remove(storageKeys.unsent);
  }

  private read(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }

  private remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      this.memory.delete(key);
    }
  }

  private write(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      this.memory.set(key, value);
    }
  }
}
