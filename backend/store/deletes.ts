import { totalsChange } from "../chat/inbox-counts.ts";
import type { ClearOutcome, ConnectionStore, Deletes, UnreadTotal } from "../chat/ports.ts";
import { type ClearedMarkItem, type HeadItem, isLiveHead, isMark, statusOf } from "./items.ts";
import { erasedForeverAt, keys } from "./keys.ts";
import { attributeName, type Table } from "./table-client.ts";
import { newestEntry } from "./timeline.ts";

/** What a delete changes elsewhere: it tells the visitor's connections, and the owner's totals lose the head. */
export interface DeletesDeps {
  connections: Pick<ConnectionStore, "visitorConnections">;
  unreadTotal: Pick<UnreadTotal, "add">;
}

/** What a delete removes from a conversation's head: all but whose it is, the block and `clearedAt`. */
const clearedHeadAttributes = [
  "lsk",
  "firstSeenAt",
  "lastSeenAt",
  "nickname",
  "email",
  "lastMessageAt",
  "lastMessage",
  "lastMessageFrom",
  "lastAppliedId",
  "appliedBy",
  "unreadBefore",
  "lastVisitorMessageId",
  "lastVisitorMessageAt",
  "visitorSeenUpTo",
  "visitorSeenAt",
  "ownerSeenUpTo",
  "ownerSeenAt",
  "lastPageTitle",
  "referrer",
  "language",
  "timeZone",
  "messageCount",
  "unread",
  "inboxPk",
  "inboxSk",
  "inboxPkBefore",
  "statusBy",
  "unreadPk",
  "unreadSk",
  "notifiedAt",
  "notifiedFor",
  "lastPageUrl",
  "emailUnsubscribedAt",
  "confirmedEmail",
  "emailConfirmedAt",
  "confirmationClaim",
  "confirmationClaimAt",
  "confirmationSentAt",
] as const satisfies readonly (keyof HeadItem)[];

/** Compiles only for `never`: here, when every head attribute is either removed by a delete or kept. */
type Never<T extends never> = T;
type _EveryHeadAttributeDecided = Never<
  Exclude<keyof HeadItem, (typeof clearedHeadAttributes)[number] | "pk" | "sk" | "visitorId" | "blocked" | "clearedAt">
>;

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });
const markKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.clearedSk });

/**
 * The `sentAt` of the conversation's newest stored message, 0 without any (a delete mark, which
 * has none, is newer than the messages below it).
 */
async function newestMessageAt(table: Table, visitorId: string): Promise<number> {
  const entry = await newestEntry(table, visitorId);
  return entry && !isMark(entry) ? entry.sentAt : 0;
}

/**
 * Deletes (docs/data-model.md, "Deletes"): a conversation disappears for every reader at once,
 * whatever its size, in a bounded number of writes; the sweep job (messages.ts) erases its
 * messages later.
 */
export class DynamoDeletes implements Deletes {
  constructor(
    private readonly table: Table,
    private readonly deps: DeletesDeps,
  ) {}

  /**
   * A mark in the conversation's timeline hides every message sent at or before `clearedAt`, and
   * its head is reset (the visitor's details, the inbox row and counts go; `clearedAt` stays, so a
   * message from before it can never be applied again). The mark is written first: a delete that
   * dies halfway leaves the messages hidden and the conversation still there to delete again.
   *
   * Returns null when there is no head at all; `cleared: false` when the conversation was already
   * deleted (nothing to erase, but a sweep may still be due); otherwise the visitor's connections.
   */
  async clearConversation(
    visitorId: string,
    nowMs: number,
    options: { idleBefore?: number; forever?: boolean } = {},
  ): Promise<ClearOutcome | null> {
    const { idleBefore, forever = false } = options;
    // The head, and the newest message stored: a message is stored before it is applied, and
    // messages can be applied out of order (the head's `lastMessageAt` is the last applied, not
    // the newest), so the newest stored one says how far the mark must go.
    let [head, newestAt] = await Promise.all([this.table.get<HeadItem>(headKey(visitorId)), newestMessageAt(this.table, visitorId)]);
    // No conversation ever, or only a block set before the visitor wrote.
    if (!head) return null;
    // Already deleted: nothing more to do, unless the visitor erases it (the id is then retired too).
    if (!isLiveHead(head) && (!forever || head.clearedAt === erasedForeverAt)) {
      return typeof head.clearedAt === "number" ? { cleared: false, clearedAt: head.clearedAt, visitorConnections: [] } : null;
    }
    let markedAt = 0;
    for (let attempt = 1; ; attempt++) {
      // The retention job deletes only what has been idle since `idleBefore`, and its mark goes
      // there: a message racing it is sent later, so it stays above the mark, and its head update
      // makes the reset below fail. What the mark hid by then (all older) is still swept.
      if (idleBefore !== undefined && Math.max(newestAt, head.lastMessageAt ?? 0) >= idleBefore) {
        return markedAt ? { cleared: false, clearedAt: markedAt, visitorConnections: [] } : null;
      }
      // After every message stored or applied so far (even one stamped by a host whose clock runs
      // ahead) and after any earlier delete: the mark and `clearedAt` only ever move forward.
      // An erase that finds the head retired already lost to another erase.
      if (forever && head.clearedAt === erasedForeverAt) return { cleared: false, clearedAt: erasedForeverAt, visitorConnections: [] };
      const clearedAt = forever
        ? erasedForeverAt
        : Math.max(idleBefore ?? nowMs, newestAt + 1, (head.lastMessageAt ?? 0) + 1, (head.clearedAt ?? 0) + 1, markedAt + 1);
      const before = await this.markAndReset(visitorId, head, clearedAt);
      if (before !== null) {
        const [visitorConnections] = await Promise.all([
          this.deps.connections.visitorConnections(visitorId, nowMs),
          this.deps.unreadTotal.add(
            visitorId,
            totalsChange({ status: statusOf(before.inboxPk), unread: before.unread ?? 0, messageCount: before.messageCount ?? 0 }, null),
          ),
        ]);
        return { cleared: true, clearedAt, visitorConnections };
      }
      if (attempt === 10) throw new Error(`the conversation of ${visitorId} was not cleared: every attempt raced another write`);
      // Rare (a race): read them again and go past what they say.
      const [headNow, mark, newestNow] = await Promise.all([
        this.table.get<HeadItem>(headKey(visitorId)),
        this.table.get<ClearedMarkItem>(markKey(visitorId)),
        newestMessageAt(this.table, visitorId),
      ]);
      head = headNow ?? head;
      newestAt = newestNow;
      markedAt = mark?.clearedAt ?? markedAt;
    }
  }

  /**
   * Puts the mark at `clearedAt`, then resets the head, each on condition that nothing moved past
   * what the head said (a message applied, another delete); returns the head as it was, or null
   * when a condition failed.
   */
  private async markAndReset(visitorId: string, head: HeadItem, clearedAt: number): Promise<HeadItem | null> {
    // An erase's mark is always the same (the end of time): putting it again is no race.
    const later = `attribute_not_exists(clearedAt) OR clearedAt ${clearedAt === erasedForeverAt ? "<=" : "<"} :clearedAt`;
    const marked = await this.table.putIf<ClearedMarkItem>({
      Item: { ...markKey(visitorId), lsk: keys.clearedLsk(clearedAt), visitorId, clearedAt },
      ConditionExpression: later,
      ExpressionAttributeValues: { ":clearedAt": clearedAt },
    });
    if (!marked.ok) return null;
    const { lastAppliedId } = head;
    const reset = await this.table.updateIf<HeadItem>({
      Key: headKey(visitorId),
      // Every attribute by name: some ("language", "timeZone") are reserved words.
      UpdateExpression: `SET clearedAt = :clearedAt REMOVE ${clearedHeadAttributes.map(attributeName).join(", ")}`,
      // A message applied, or another delete, since the head was read moves the mark past it.
      ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(lastMessageAt) OR lastMessageAt < :clearedAt) AND (${later}) AND ${
        lastAppliedId === undefined ? "attribute_not_exists(lastAppliedId)" : "lastAppliedId = :lastAppliedId"
      }`,
      ExpressionAttributeNames: Object.fromEntries(clearedHeadAttributes.map((name) => [attributeName(name), name])),
      ExpressionAttributeValues: {
        ":clearedAt": clearedAt,
        ...(lastAppliedId === undefined ? {} : { ":lastAppliedId": lastAppliedId }),
      },
      ReturnValues: "ALL_OLD",
    });
    return reset.ok ? (reset.output.Attributes ?? head) : null;
  }
}
