import type { Sender } from "#protocol";
import type { AttachRefusal, Attachments, StoredAttachment } from "../chat/ports.ts";
import type { AttachmentItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const attachmentKey = (visitorId: string, attachmentId: string) => ({
  pk: keys.conversationPk(visitorId),
  sk: keys.attachmentSk(attachmentId),
});

/** The attachment an item holds, without the table's own attributes. */
function toAttachment(item: AttachmentItem): StoredAttachment {
  const { pk: _pk, sk: _sk, expiresAtS: _expiresAtS, ...attachment } = item;
  return attachment;
}

/**
 * Attachments (docs/data-model.md, "Attachments"): one item each in its conversation's partition,
 * outside the timeline (no `lsk`), made by `upload` (or an answer by email's file); a `send` gives it to its message with one
 * conditional write, the check of its bytes marks it, and a delete's sweep erases it with its
 * object. One unattached expires (TTL) with its upload's lifecycle rule.
 */
export class DynamoAttachments implements Attachments {
  constructor(private readonly table: Table) {}

  async create(attachment: StoredAttachment, expiresAtMs: number): Promise<void> {
    await this.table.put<AttachmentItem>({
      Item: { ...attachmentKey(attachment.visitorId, attachment.id), ...attachment, expiresAtS: Math.ceil(expiresAtMs / 1000) },
    });
  }

  async get(visitorId: string, attachmentId: string): Promise<StoredAttachment | null> {
    const item = await this.table.get<AttachmentItem>(attachmentKey(visitorId, attachmentId));
    return item ? toAttachment(item) : null;
  }

  async attach(
    visitorId: string,
    ids: readonly string[],
    messageId: string,
    from: Sender,
  ): Promise<{ ok: true; attachments: StoredAttachment[] } | AttachRefusal> {
    const results = await Promise.all(ids.map((id, position) => this.attachOne(visitorId, id, messageId, from, position)));
    const refusal = results.find((result): result is AttachRefusal => !("id" in result));
    if (!refusal) return { ok: true, attachments: results as StoredAttachment[] };
    await this.release(
      visitorId,
      results.filter((result): result is StoredAttachment => "id" in result).map((attachment) => attachment.id),
      messageId,
    );
    return refusal;
  }

  private async attachOne(
    visitorId: string,
    id: string,
    messageId: string,
    from: Sender,
    position: number,
  ): Promise<StoredAttachment | AttachRefusal> {
    const written = await this.table.updateIf<AttachmentItem>(
      {
        Key: attachmentKey(visitorId, id),
        UpdateExpression: "SET messageId = :messageId, #position = :position REMOVE expiresAtS",
        ConditionExpression:
          "attribute_exists(pk) AND #from = :from AND (attribute_not_exists(messageId) OR messageId = :messageId) AND #state <> :removed",
        ExpressionAttributeNames: { "#position": "position", "#from": "from", "#state": "state" },
        ExpressionAttributeValues: { ":messageId": messageId, ":position": position, ":from": from, ":removed": "removed" },
        ReturnValues: "ALL_NEW",
      },
      { existing: true },
    );
    if (written.ok) return toAttachment(written.output.Attributes!);
    const existing = written.existing;
    const reason = !existing ? "missing" : existing.state === "removed" ? "removed" : existing.from !== from ? "missing" : "taken";
    return { ok: false, reason, attachmentId: id };
  }

  async release(visitorId: string, ids: readonly string[], messageId: string): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.table.updateIf({
          Key: attachmentKey(visitorId, id),
          // It may be sent again with another message; it expires again unless it is.
          UpdateExpression: "REMOVE messageId, #position SET expiresAtS = :expires",
          ConditionExpression: "messageId = :messageId",
          ExpressionAttributeNames: { "#position": "position" },
          ExpressionAttributeValues: { ":messageId": messageId, ":expires": Math.ceil(Date.now() / 1000) + 24 * 3600 },
        }),
      ),
    );
  }

  async ofConversation(visitorId: string): Promise<StoredAttachment[]> {
    const items = await this.table.queryAll<AttachmentItem>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":prefix": keys.attachmentSkPrefix },
    });
    return items.map(toAttachment);
  }

  async markChecked(visitorId: string, attachmentId: string, matches: boolean): Promise<StoredAttachment | null> {
    const written = await this.table.updateIf<AttachmentItem>({
      Key: attachmentKey(visitorId, attachmentId),
      UpdateExpression: "SET #state = :state",
      // A removed one stays removed, whatever a second run of the check finds.
      ConditionExpression: "attribute_exists(pk) AND #state <> :removed",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":state": matches ? "checked" : "removed", ":removed": "removed" },
      ReturnValues: "ALL_NEW",
    });
    return written.ok ? toAttachment(written.output.Attributes!) : this.get(visitorId, attachmentId);
  }

  async uploadedBefore(visitorId: string, uploadedUpTo: number): Promise<StoredAttachment[]> {
    const items = await this.table.queryAll<AttachmentItem>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      FilterExpression: "uploadedAt <= :upTo",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":prefix": keys.attachmentSkPrefix, ":upTo": uploadedUpTo },
      ConsistentRead: true,
    });
    return items.map(toAttachment);
  }

  async erase(attachments: readonly StoredAttachment[]): Promise<void> {
    await this.table.deleteAll(attachments.map((attachment) => attachmentKey(attachment.visitorId, attachment.id)));
  }
}
