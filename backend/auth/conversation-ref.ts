import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type Scope, derivedKey } from "./session.ts";

/**
 * References to conversations for links that leave Porch (the owner's notifications): a
 * conversation's visitor id encrypted (AES-256-GCM, a key derived from the owner password and
 * bound to the deployment), so a link in a Slack channel or a mailbox opens the conversation for
 * the signed-in owner, who resolves it with the `resolve` action, and tells nobody else the
 * visitor id, which is the visitor's only credential. Nothing is stored; changing the password
 * makes old links unreadable (`resolve` answers `not_found`).
 *
 * A reference is 59 characters of base64url: a 12-byte nonce, the 16 bytes of the UUID, the
 * 16-byte tag.
 */
const refPattern = /^[A-Za-z0-9_-]{59}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ConversationRefs {
  private readonly key: Buffer;
  private readonly aad: Buffer;

  constructor(ownerPassword: string, scope: Scope) {
    this.key = derivedKey(ownerPassword, "conversation reference", scope);
    this.aad = Buffer.from(`${scope.app}\n${scope.stage}`);
  }

  make(visitorId: string): string {
    if (!uuidPattern.test(visitorId)) throw new RangeError("a conversation reference holds a visitor id (a lower-case UUID)");
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce).setAAD(this.aad);
    const sealed = Buffer.concat([cipher.update(Buffer.from(visitorId.replaceAll("-", ""), "hex")), cipher.final()]);
    return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString("base64url");
  }

  /** The visitor id a reference stands for, or null for anything this deployment did not make. */
  resolve(ref: string): string | null {
    if (!refPattern.test(ref)) return null;
    const bytes = Buffer.from(ref, "base64url");
    if (bytes.toString("base64url") !== ref) return null; // one spelling only
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, 12)).setAAD(this.aad);
      decipher.setAuthTag(bytes.subarray(28));
      const hex = Buffer.concat([decipher.update(bytes.subarray(12, 28)), decipher.final()]).toString("hex");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    } catch {
      return null;
    }
  }
}
