import type { Blocks, ConversationHead } from "../chat/ports.ts";
import { type BlockItem, type HeadItem, isLiveHead, toHead } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

/**
 * The owner's blocks. The block is its own item, so it outlives a deleted conversation, and
 * `send` finds it in the timeline; the head carries a copy, for the inbox and for the conditions
 * of `register` and `seen`.
 */
export class DynamoBlocks implements Blocks {
  constructor(private readonly table: Table) {}

  /**
   * Blocks or unblocks a visitor. The head's copy is written even when there is no conversation
   * (yet), as a head that is not live (no `firstSeenAt`). Returns the head, if it is live.
   */
  async setBlocked(visitorId: string, blocked: boolean, nowMs: number): Promise<ConversationHead | null> {
    const key = { pk: keys.conversationPk(visitorId), sk: keys.blockSk };
    if (blocked) {
      await this.table.put<BlockItem>({ Item: { ...key, lsk: keys.blockLsk, visitorId, blockedAt: nowMs } });
    } else {
      await this.table.delete({ Key: key });
    }
    const headKey = { pk: keys.conversationPk(visitorId), sk: keys.headSk };
    let head: HeadItem;
    if (blocked) {
      const output = await this.table.update<HeadItem>({
        Key: headKey,
        UpdateExpression: "SET visitorId = :v, blocked = :yes",
        ExpressionAttributeValues: { ":v": visitorId, ":yes": true },
        ReturnValues: "ALL_NEW",
      });
      head = output.Attributes!;
    } else {
      const written = await this.table.updateIf<HeadItem>({
        Key: headKey,
        UpdateExpression: "REMOVE blocked",
        ConditionExpression: "attribute_exists(pk)",
        ReturnValues: "ALL_NEW",
      });
      if (!written.ok) return null; // unblocking someone unknown
      head = written.output.Attributes!;
    }
    return isLiveHead(head) ? toHead(head) : null;
  }
}
