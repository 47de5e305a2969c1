import type { SessionReply } from "#protocol";

const key = "porch:ownerSession";

/** A session token from `login` and when it stops working. */
export type OwnerSessionToken = Pick<SessionReply, "token" | "expiresAt">;

/**
 * The owner's session token, kept across reloads: in sessionStorage (this tab, until it closes),
 * or in localStorage when the owner asked to be remembered on this device.
 * Where storage is blocked the token lives in memory for the page.
 */
export class OwnerCredential {
  private memory: OwnerSessionToken | null = null;

  /** The kept token, expired or not; null when there is none. */
  read(): OwnerSessionToken | null {
    for (const storage of stores()) {
      try {
        const kept = JSON.parse(storage.getItem(key) ?? "null") as OwnerSessionToken | null;
        if (typeof kept?.token === "string" && typeof kept.expiresAt === "number") return kept;
      } catch {
        // unreadable or blocked: try the next place
      }
    }
    return this.memory;
  }

  save(session: OwnerSessionToken, remember: boolean): void {
    this.clear();
    this.memory = { token: session.token, expiresAt: session.expiresAt };
    try {
      (remember ? localStorage : sessionStorage).setItem(key, JSON.stringify(this.memory));
    } catch {
      // kept in memory only
    }
  }

  clear(): void {
    this.memory = null;
    for (const storage of stores()) {
      try {
        storage.removeItem(key);
      } catch {
        // nothing kept there
      }
    }
  }
}

function stores(): Storage[] {
  try {
    return [sessionStorage, localStorage];
  } catch {
    return [];
  }
}
