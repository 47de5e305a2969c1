import { randomUUID } from "node:crypto";
import type { ConversationStatus } from "#protocol";
import { totalsChange } from "../chat/inbox-counts.ts";
import type { ConversationHead, ConversationHeads, RegisterOutcome, UnreadTotal, VisitorSeenOutcome } from "../chat/ports.ts";
import { type HeadItem, isLiveHead, type LiveHeadItem, type MessageItem, toHead } from "./items.ts";
import { erasedForeverAt, keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

/** What the heads change elsewhere: the owner's totals (`read`, `setStatus`). */
export interface HeadsDeps {
  unreadTotal: Pick<UnreadTotal, "add">;
}

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });

/**
 * Conversations' heads (docs/data-model.md, "Items"): one item per conversation with the visitor's
 * details, the last message, counts and who has read what. `send` applies messages to it
 * (messages.ts), a delete resets it (deletes.ts), a block sets its copy of the block (blocks.ts).
 */
export class DynamoHeads implements ConversationHeads {
  constructor(
    private readonly table: Table,
    private readonly deps: HeadsDeps,
  ) {}

  /**
   * Updates the head of a conversation that exists (someone wrote or registered, and the owner has
   * not deleted it since); returns it as updated, or null.
   */
  private async updateExistingHead(
    visitorId: string,
    update: { UpdateExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ): Promise<ConversationHead | null> {
    const written = await this.table.updateIf<LiveHeadItem>({
      Key: headKey(visitorId),
      UpdateExpression: update.UpdateExpression,
      ConditionExpression: "attribute_exists(firstSeenAt)",
      ...(update.ExpressionAttributeValues ? { ExpressionAttributeValues: update.ExpressionAttributeValues } : {}),
      ReturnValues: "ALL_NEW",
    });
    return written.ok ? toHead(written.output.Attributes!) : null;
  }

  /** Records that a known visitor is back; returns their head, or null for someone new. */
  async touchVisitor(visitorId: string, nowMs: number): Promise<ConversationHead | null> {
    return this.updateExistingHead(visitorId, {
      UpdateExpression: "SET lastSeenAt = :now",
      ExpressionAttributeValues: { ":now": nowMs },
    });
  }

  /**
   * Sets or clears a visitor's nickname and email: on a conversation that exists, or (`create`)
   * creating it. An address stays unconfirmed until its recipient confirms it (`confirmedEmail`
   * names the one confirmed), and giving one ends nothing else: an unsubscribed address stays
   * unsubscribed (only its recipient's confirming again lifts it). A blocked visitor's head carries
   * `blocked` (setBlocked writes it even before there is a conversation), so the condition refuses
   * them in the same request, and their details stay as they were.
   */
  async register(
    visitorId: string,
    profile: { nickname?: string; email?: string },
    nowMs: number,
    create: boolean,
  ): Promise<RegisterOutcome> {
    const set = ["visitorId = :v", "firstSeenAt = if_not_exists(firstSeenAt, :now)", "lastSeenAt = :now", "lsk = :lsk"];
    // The flag that the conversation's address was unsubscribed goes with any address given: the
    // widget then says it waits for a confirmation (the unsubscribe itself is the address's item).
    const remove: string[] = profile.email === undefined ? [] : ["emailUnsubscribedAt"];
    const values: Record<string, unknown> = { ":v": visitorId, ":now": nowMs, ":lsk": keys.headLsk, ":yes": true };
    for (const field of ["nickname", "email"] as const) {
      const value = profile[field];
      if (value === undefined) continue;
      if (value === "") remove.push(field);
      else {
        set.push(`${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    if (profile.email === "") remove.push("confirmedEmail", "emailConfirmedAt");
    values[":erased"] = erasedForeverAt;
    // Neither blocked, nor erased (an erased id never holds a name or an address again).
    const notBlockedNorErased =
      "(attribute_not_exists(blocked) OR blocked <> :yes) AND (attribute_not_exists(clearedAt) OR clearedAt < :erased)";
    const written = await this.table.updateIf<LiveHeadItem>(
      {
        Key: headKey(visitorId),
        UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
        ConditionExpression: create ? notBlockedNorErased : `attribute_exists(firstSeenAt) AND ${notBlockedNorErased}`,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      },
      { existing: true },
    );
    if (written.ok) return { outcome: "registered", head: toHead(written.output.Attributes!) };
    if (written.existing?.clearedAt === erasedForeverAt) return { outcome: "erased" };
    return written.existing?.blocked === true ? { outcome: "blocked" } : { outcome: "absent" };
  }

  async get(visitorId: string): Promise<ConversationHead | null> {
    const item = await this.table.get<HeadItem>(headKey(visitorId));
    return item && isLiveHead(item) ? toHead(item) : null;
  }

  /** The owner has read a conversation. Returns its head, or null when it does not exist. */
  async markRead(visitorId: string): Promise<ConversationHead | null> {
    const written = await this.table.updateIf<LiveHeadItem>({
      Key: headKey(visitorId),
      // The owner has read up to the visitor's newest message ("" / 0 while there is none).
      UpdateExpression:
        "SET unread = :zero, ownerSeenUpTo = if_not_exists(lastVisitorMessageId, :none), ownerSeenAt = if_not_exists(lastVisitorMessageAt, :zero) REMOVE unreadPk, unreadSk",
      ConditionExpression: "attribute_exists(firstSeenAt)",
      ExpressionAttributeValues: { ":zero": 0, ":none": "" },
      // The old head says what the unread total loses; the new one is derived from it.
      ReturnValues: "ALL_OLD",
    });
    if (!written.ok) return null;
    const before = toHead(written.output.Attributes!);
    await this.deps.unreadTotal.add(visitorId, totalsChange(before, { ...before, unread: 0 }));
    return {
      ...before,
      unread: 0,
      ownerSeenUpTo: before.lastVisitorMessageId ?? "",
      ownerSeenAt: before.lastVisitorMessageAt ?? 0,
    };
  }

  /**
   * Moves the head's row to the status's partition of the `inbox` index, on condition that it is
   * in the other one: the one request that moved it changes the counts (a retry after a lost
   * answer finds its own token). A head already there is answered as it stands.
   */
  async setStatus(visitorId: string, status: ConversationStatus): Promise<ConversationHead | null> {
    const other = status === "done" ? "open" : "done";
    const token = randomUUID();
    const written = await this.table.updateIf<LiveHeadItem>(
      {
        Key: headKey(visitorId),
        UpdateExpression: "SET inboxPk = :to, statusBy = :token",
        ConditionExpression: "attribute_exists(firstSeenAt) AND inboxPk = :from",
        ExpressionAttributeValues: { ":to": keys.inboxStatusPk(status), ":from": keys.inboxStatusPk(other), ":token": token },
        ReturnValues: "ALL_NEW",
      },
      { existing: true },
    );
    const stored = written.ok ? written.output.Attributes! : written.existing;
    if (!stored || !isLiveHead(stored) || stored.inboxPk === undefined) return null;
    const head = toHead(stored);
    if (written.ok || stored.statusBy === token) {
      await this.deps.unreadTotal.add(visitorId, totalsChange({ ...head, status: other }, head));
    }
    return head;
  }

  async markVisitorSeen(visitorId: string, messageId: string): Promise<VisitorSeenOutcome> {
    const stored = await this.table.get<MessageItem>({ pk: keys.conversationPk(visitorId), sk: keys.messageSk(messageId) });
    const sentAt: unknown = stored?.sentAt;
    if (typeof sentAt !== "number") return { outcome: "unknown" };
    const written = await this.table.updateIf<LiveHeadItem>(
      {
        Key: headKey(visitorId),
        UpdateExpression: "SET visitorSeenUpTo = :id, visitorSeenAt = :at",
        // Only forward, never onto a message a delete has hidden, and never from a blocked visitor.
        ConditionExpression:
          "attribute_exists(firstSeenAt) AND (attribute_not_exists(visitorSeenAt) OR visitorSeenAt < :at) AND (attribute_not_exists(clearedAt) OR clearedAt < :at) AND (attribute_not_exists(blocked) OR blocked <> :yes)",
        ExpressionAttributeValues: { ":id": messageId, ":at": sentAt, ":yes": true },
        ReturnValues: "ALL_NEW",
      },
      { existing: true },
    );
    if (written.ok) return { outcome: "advanced", head: toHead(written.output.Attributes!) };
    return written.existing?.blocked === true ? { outcome: "blocked" } : { outcome: "unchanged" };
  }
}
