import { ProtocolError } from "../protocol/validate.ts";

/**
 * Inbox cursors are the inbox index's LastEvaluatedKey, as opaque base64url JSON.
 * A cursor from a client is checked field by field before it reaches DynamoDB.
 */
const cursorFields = ["pk", "sk", "inboxPk", "inboxSk"] as const;

export function encodeInboxCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  const plain: Record<string, string> = {};
  for (const field of cursorFields) plain[field] = typeof key[field] === "string" ? key[field] : "";
  return Buffer.from(JSON.stringify(plain)).toString("base64url");
}

export function decodeInboxCursor(cursor: string): Record<string, string> {
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new ProtocolError("bad_request", "bad inbox cursor");
  }
  const key: Record<string, string> = {};
  for (const field of cursorFields) {
    const value = (plain as Record<string, unknown> | null)?.[field];
    if (typeof value !== "string" || value === "" || value.length > 200) {
      throw new ProtocolError("bad_request", "bad inbox cursor");
    }
    key[field] = value;
  }
  if (key.inboxPk !== "INBOX" || !key.pk!.startsWith("V#")) throw new ProtocolError("bad_request", "bad inbox cursor");
  return key;
}
