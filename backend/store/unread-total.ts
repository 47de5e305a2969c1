import { randomUUID } from "node:crypto";
import type { UnreadTotal } from "../chat/ports.ts";
import type { LiveHeadItem, UnreadShardItem } from "./items.ts";
import { keys, unreadTotalShards } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/**
 * The owner's unread total (docs/data-model.md, "The unread total"): a few counter items (shards)
 * in one small partition, each changed by what a conversation's head count changed by.
 */
export class DynamoUnreadTotal implements UnreadTotal {
  constructor(private readonly table: Table) {}

  /**
   * The sum of the shards: one query of one small partition, whatever the number of
   * conversations. Never below zero, even if a change was lost. A table whose total was never
   * counted (made by an older Porch) is counted once, from the inbox index.
   */
  async read(): Promise<number> {
    const output = await this.table.query<UnreadShardItem>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.unreadTotalPk },
      ConsistentRead: true,
    });
    const items = output.Items ?? [];
    if (!items.some((item) => item.sk === keys.unreadTotalCountedSk)) return this.countOnce();
    return Math.max(
      0,
      items.reduce((total, item) => total + (item.unread ?? 0), 0),
    );
  }

  /**
   * Counts the unread total from every conversation in the inbox, once: each shard is set to its
   * count, and a mark says it was done. A change made while it counts may be missed or counted
   * twice (one message's worth); it happens once per table.
   */
  private async countOnce(): Promise<number> {
    const heads = await this.table.queryAll<Pick<LiveHeadItem, "visitorId" | "unread">>({
      IndexName: inboxIndex,
      KeyConditionExpression: "inboxPk = :inbox",
      ExpressionAttributeValues: { ":inbox": keys.inboxPk },
      ProjectionExpression: "visitorId, unread",
    });
    const byShard = new Map<string, number>();
    for (let shard = 0; shard < unreadTotalShards; shard++) byShard.set(keys.unreadTotalShardSk(shard), 0);
    for (const head of heads) {
      const sk = keys.unreadTotalSk(head.visitorId);
      byShard.set(sk, byShard.get(sk)! + (head.unread ?? 0));
    }
    const marked = await this.table.putIf<UnreadShardItem>({
      Item: { pk: keys.unreadTotalPk, sk: keys.unreadTotalCountedSk },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    if (!marked.ok) return this.read(); // another request counted it
    await Promise.all(
      [...byShard].map(([sk, unread]) =>
        this.table.update({
          Key: { pk: keys.unreadTotalPk, sk },
          UpdateExpression: "SET unread = :unread",
          ExpressionAttributeValues: { ":unread": unread },
        }),
      ),
    );
    return [...byShard.values()].reduce((total, unread) => total + unread, 0);
  }

  async add(visitorId: string, change: number): Promise<void> {
    if (change === 0) return;
    // Refused: the SDK retried a request whose answer was lost with the same token, which found it and stopped.
    await this.table.updateIf({
      Key: { pk: keys.unreadTotalPk, sk: keys.unreadTotalSk(visitorId) },
      UpdateExpression: "ADD unread :change SET lastChange = :token",
      ConditionExpression: "attribute_not_exists(lastChange) OR lastChange <> :token",
      ExpressionAttributeValues: { ":change": change, ":token": randomUUID() },
    });
  }
}
