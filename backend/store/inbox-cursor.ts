import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ProtocolError } from "../../protocol/index.ts";

/**
 * Inbox cursors are the inbox index's LastEvaluatedKey, as opaque base64url JSON.
 * A cursor from a client is checked field by field before it reaches DynamoDB.
 */
const cursorFields = ["pk", "sk", "inboxPk", "inboxSk"] as const;

export function encodeInboxCursor(key: Record<string, AttributeValue> | undefined): string | null {
  if (!key) return null;
  const plain: Record<string, string> = {};
  for (const field of cursorFields) plain[field] = key[field]?.S ?? "";
  return Buffer.from(JSON.stringify(plain)).toString("base64url");
}

export function decodeInboxCursor(cursor: string): Record<string, AttributeValue> {
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new ProtocolError("bad_request", "bad inbox cursor");
  }
  const key: Record<string, AttributeValue> = {};
  for (const field of cursorFields) {
    const value = (plain as Record<string, unknown> | null)?.[field];
    if (typeof value !== "string" || value === "" || value.length > 200) {
      throw new ProtocolError("bad_request", "bad inbox cursor");
    }
    key[field] = { S: value };
  }
  if (key.inboxPk!.S !== "INBOX" || !key.pk!.S!.startsWith("V#")) throw new ProtocolError("bad_request", "bad inbox cursor");
  return key;
}
