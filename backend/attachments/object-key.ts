/**
 * Where an attachment's bytes live in the bucket: under its conversation, so a key names whose it
 * is, and the check after upload finds its item from the key alone.
 */
const prefix = "attachments/";
const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const keyPattern = new RegExp(`^${prefix}(${uuid})/(${uuid})$`);

export function objectKey(visitorId: string, attachmentId: string): string {
  return `${prefix}${visitorId}/${attachmentId}`;
}

/** The conversation and attachment a key names; null for a key Porch never hands out. */
export function parseObjectKey(key: string): { visitorId: string; attachmentId: string } | null {
  const match = keyPattern.exec(key);
  return match ? { visitorId: match[1]!, attachmentId: match[2]! } : null;
}

/** The object tag that tells the lifecycle rule an upload was never sent (infra/bucket.ts). */
export const sentTag = { key: "porch-sent", unsent: "no", sent: "yes" } as const;
