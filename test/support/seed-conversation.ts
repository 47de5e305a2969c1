/**
 * Writes one conversation of `count` messages straight into the table, in the shape the store
 * leaves after that many sends (backend/store/messages.ts `put`, `apply`, `claim`): applied
 * messages a millisecond apart, ending a second ago (or when asked), and a head with its inbox row. Thousands of
 * messages take seconds this way; through the protocol a visitor may send 20 a minute.
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { PageRef } from "#protocol";
import type { HeadItem, MessageItem } from "#backend/store/items.ts";
import { keys, unreadTotalShards } from "#backend/store/keys.ts";

export interface SeedOptions {
  /** The text of message `n` (default: a line of ordinary length). */
  text?: (n: number, count: number) => string;
  /** The page visitor messages were written on (default: none). */
  page?: PageRef;
  /** Write the conversation's head (and count it unread): it shows in the inbox. Default true. */
  head?: boolean;
  /** When its last message was sent; default a second ago. */
  lastSentAt?: number;
}

export async function seedConversation(
  target: { dynamoEndpoint: string; tableName: string },
  visitorId: string,
  count: number,
  options: SeedOptions = {},
): Promise<{ messageIds: string[] }> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: target.dynamoEndpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
  );
  const pk = keys.conversationPk(visitorId);
  const firstSentAt = (options.lastSentAt ?? Date.now() - 1000) - count + 1;
  const items: (MessageItem | HeadItem)[] = [];
  const messageIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = randomUUID();
    const sentAt = firstSentAt + n;
    const from = n % 4 === 3 ? "owner" : "visitor";
    messageIds.push(id);
    items.push({
      pk,
      sk: keys.messageSk(id),
      lsk: keys.messageLsk(sentAt, id),
      id,
      visitorId,
      from,
      text: options.text?.(n, count) ?? `Seeded message ${n} of ${count}: could you tell me more about the course?`,
      sentAt,
      ...(options.page && from === "visitor" ? { page: options.page } : {}),
      applied: randomUUID(),
    });
  }
  const lastSentAt = firstSentAt + count - 1;
  const head = options.head ?? true;
  if (head)
    items.push({
      pk,
      sk: keys.headSk,
      lsk: keys.headLsk,
      visitorId,
      nickname: `Seeded ${count}`,
      firstSeenAt: firstSentAt,
      lastSeenAt: lastSentAt,
      lastMessageAt: lastSentAt,
      lastMessage: `Seeded message ${count - 1}`,
      lastMessageFrom: "visitor",
      lastAppliedId: messageIds.at(-1),
      inboxPk: keys.inboxPk,
      inboxSk: keys.inboxSk(lastSentAt, visitorId),
      unread: count,
      messageCount: count,
    });
  try {
    await putItems(client, target.tableName, items);
    if (head) await addToUnreadTotal(client, target.tableName, [{ visitorId, unread: count }]);
  } finally {
    client.destroy();
  }
  return { messageIds };
}

/**
 * Adds seeded open heads to the owner's unread total, the views' counts and their messages, as the
 * unread total's `add` would have (shard by shard). A head holds `messageCount` messages (its
 * `unread` ones when not said).
 */
export async function addToUnreadTotal(
  client: DynamoDBDocumentClient,
  tableName: string,
  heads: { visitorId: string; unread: number; messageCount?: number }[],
): Promise<void> {
  type Sums = { unread: number; open: number; unreadConversations: number; openMessages: number; unreadMessages: number };
  const byShard = new Map<string, Sums>();
  for (const { visitorId, unread, messageCount = unread } of heads) {
    const sk = keys.unreadTotalSk(visitorId);
    const sums = byShard.get(sk) ?? { unread: 0, open: 0, unreadConversations: 0, openMessages: 0, unreadMessages: 0 };
    byShard.set(sk, {
      unread: sums.unread + unread,
      open: sums.open + 1,
      unreadConversations: sums.unreadConversations + (unread > 0 ? 1 : 0),
      openMessages: sums.openMessages + messageCount,
      unreadMessages: sums.unreadMessages + (unread > 0 ? messageCount : 0),
    });
  }
  for (const [sk, sums] of byShard) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: keys.unreadTotalPk, sk },
        UpdateExpression: "ADD unread :n, #open :open, unreadConversations :u, openMessages :om, unreadMessages :um",
        ExpressionAttributeNames: { "#open": "open" },
        ExpressionAttributeValues: {
          ":n": sums.unread,
          ":open": sums.open,
          ":u": sums.unreadConversations,
          ":om": sums.openMessages,
          ":um": sums.unreadMessages,
        },
      }),
    );
  }
}

/** Writes items 25 to a BatchWriteItem, four at once, again for whatever comes back unprocessed. */
export async function putItems(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * Leaves the owner's totals as an older Porch left them: without `attributes` in any shard, and
 * without the mark (`markSk`) that they were counted, so the next read counts them once.
 */
export async function forgetCountedTotals(
  target: { dynamoEndpoint: string; tableName: string },
  markSk: string,
  attributes: readonly string[],
): Promise<void> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: target.dynamoEndpoint }));
  // By name: "open" is a reserved word.
  const names = Object.fromEntries(attributes.map((attribute) => [`#${attribute}`, attribute]));
  try {
    await client.send(new DeleteCommand({ TableName: target.tableName, Key: { pk: keys.unreadTotalPk, sk: markSk } }));
    for (let shard = 0; shard < unreadTotalShards; shard++) {
      await client.send(
        new UpdateCommand({
          TableName: target.tableName,
          Key: { pk: keys.unreadTotalPk, sk: keys.unreadTotalShardSk(shard) },
          UpdateExpression: `REMOVE ${Object.keys(names).join(", ")}`,
          ExpressionAttributeNames: names,
        }),
      );
    }
  } finally {
    client.destroy();
  }
}
