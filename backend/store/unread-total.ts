import { randomUUID } from "node:crypto";
import type { InboxCounts } from "#protocol";
import { type TotalsChange, totalsChange } from "../chat/inbox-counts.ts";
import type { OwnerTotals, UnreadTotal } from "../chat/ports.ts";
import { type LiveHeadItem, statusOf, type UnreadShardItem } from "./items.ts";
import { keys, unreadTotalShards } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import { attributeName, type Table } from "./table-client.ts";

const inboxIndex: keyof typeof tableDefinition.globalIndexes = "inbox";

/** A shard's attribute for each total. */
const attributes = {
  unreadTotal: "unread",
  open: "open",
  done: "done",
  unread: "unreadConversations",
  openMessages: "openMessages",
  doneMessages: "doneMessages",
  unreadMessages: "unreadMessages",
} as const;
type Total = keyof typeof attributes;
const totals = Object.keys(attributes) as Total[];

/** The marks that totals were counted, with the totals each covers: a table made before a total was kept is counted once. */
const countedMarks: readonly { sk: string; totals: readonly Total[] }[] = [
  { sk: keys.unreadTotalCountedSk, totals: ["unreadTotal"] },
  { sk: keys.viewCountsCountedSk, totals: ["open", "done", "unread"] },
  { sk: keys.viewMessagesCountedSk, totals: ["openMessages", "doneMessages", "unreadMessages"] },
];

type Sums = Record<Total, number>;
const zero = (): Sums => Object.fromEntries(totals.map((total) => [total, 0])) as Sums;

/** A change as each shard's totals. */
function flat(change: TotalsChange): Partial<Sums> {
  const { messages, ...rest } = change;
  return { ...rest, openMessages: messages?.open, doneMessages: messages?.done, unreadMessages: messages?.unread };
}

/**
 * The owner's unread total and the views' counts (docs/data-model.md, "The unread total and the
 * counts"): a few counter items (shards) in one small partition, each changed by what a
 * conversation's head changed by. Each shard holds every total, so a change that moves several (a
 * visitor's message reopening a conversation) is one write, and reading them all one query.
 */
export class DynamoUnreadTotal implements UnreadTotal {
  constructor(private readonly table: Table) {}

  /**
   * The sums of the shards: one query of one small partition, whatever the number of
   * conversations. Never below zero, even if a change was lost. A table whose totals were never
   * counted (made by an older Porch) is counted once, from the inbox index.
   */
  async read(): Promise<OwnerTotals> {
    const output = await this.table.query<UnreadShardItem>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.unreadTotalPk },
      ConsistentRead: true,
    });
    const items = output.Items ?? [];
    const unmarked = countedMarks.filter((mark) => !items.some((item) => item.sk === mark.sk));
    if (unmarked.length) return this.countOnce(unmarked);
    const sums = zero();
    for (const item of items) for (const total of totals) sums[total] += item[attributes[total]] ?? 0;
    return asTotals(sums);
  }

  /**
   * Counts `which` totals from every conversation in the inbox, once: each shard is set to its
   * count, then a mark says it was done (reads that race it each count: the same sums). A change
   * made while it counts may be missed or counted twice (one message's worth); it happens once per
   * table.
   */
  private async countOnce(marks: typeof countedMarks): Promise<OwnerTotals> {
    const which = marks.flatMap((mark) => mark.totals);
    const heads = (
      await Promise.all(
        (["open", "done"] as const).map((status) =>
          this.table.queryAll<Pick<LiveHeadItem, "visitorId" | "unread" | "inboxPk" | "messageCount">>({
            IndexName: inboxIndex,
            KeyConditionExpression: "inboxPk = :inbox",
            ExpressionAttributeValues: { ":inbox": keys.inboxStatusPk(status) },
            ProjectionExpression: "visitorId, unread, inboxPk, messageCount",
          }),
        ),
      )
    ).flat();
    const byShard = new Map<string, Sums>();
    for (let shard = 0; shard < unreadTotalShards; shard++) byShard.set(keys.unreadTotalShardSk(shard), zero());
    for (const head of heads) {
      const sums = byShard.get(keys.unreadTotalSk(head.visitorId))!;
      const change = flat(
        totalsChange(null, { status: statusOf(head.inboxPk), unread: head.unread ?? 0, messageCount: head.messageCount ?? 0 }),
      );
      for (const total of totals) sums[total] += change[total] ?? 0;
    }
    // By name: "open" is a reserved word.
    const set = which.map((total) => `${attributeName(attributes[total])} = :${total}`).join(", ");
    await Promise.all(
      [...byShard].map(([sk, sums]) =>
        this.table.update({
          Key: { pk: keys.unreadTotalPk, sk },
          UpdateExpression: `SET ${set}`,
          ExpressionAttributeNames: namesOf(which),
          ExpressionAttributeValues: Object.fromEntries(which.map((total) => [`:${total}`, sums[total]])),
        }),
      ),
    );
    // The marks last: a read meanwhile counts for itself rather than sum shards half set.
    await Promise.all(marks.map((mark) => this.table.put({ Item: { pk: keys.unreadTotalPk, sk: mark.sk } })));
    return this.read();
  }

  async add(visitorId: string, changed: TotalsChange): Promise<void> {
    const change = flat(changed);
    const moved = totals.filter((total) => change[total]);
    if (!moved.length) return;
    // Refused: the SDK retried a request whose answer was lost with the same token, which found it and stopped.
    await this.table.updateIf({
      Key: { pk: keys.unreadTotalPk, sk: keys.unreadTotalSk(visitorId) },
      UpdateExpression: `ADD ${moved.map((total) => `${attributeName(attributes[total])} :${total}`).join(", ")} SET lastChange = :token`,
      ExpressionAttributeNames: namesOf(moved),
      ConditionExpression: "attribute_not_exists(lastChange) OR lastChange <> :token",
      ExpressionAttributeValues: {
        ...Object.fromEntries(moved.map((total) => [`:${total}`, change[total]])),
        ":token": randomUUID(),
      },
    });
  }
}

const namesOf = (which: Total[]) => Object.fromEntries(which.map((total) => [attributeName(attributes[total]), attributes[total]]));

/** Sums as the protocol gives them, none below zero. */
function asTotals(sums: Sums): OwnerTotals {
  const counts: InboxCounts = { open: Math.max(0, sums.open), done: Math.max(0, sums.done), unread: Math.max(0, sums.unread) };
  const messages: InboxCounts = {
    open: Math.max(0, sums.openMessages),
    done: Math.max(0, sums.doneMessages),
    unread: Math.max(0, sums.unreadMessages),
  };
  return { unreadTotal: Math.max(0, sums.unreadTotal), counts, messages };
}
