import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ChatMessage } from "#protocol";
import type { ConversationHead } from "../chat/ports.ts";
import { addressHash } from "../email/address.ts";
import type { UnsubscribeStore } from "../email/unsubscribe.ts";
import type { ReplyEmailClaim, ReplyEmailRecord, ReplyEmailStore } from "../jobs/reply-email.ts";
import { toHead, toMessage } from "./items.ts";
import { keys } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import { conflictingItem, type Item } from "./table-client.ts";

const timelineIndex: keyof typeof tableDefinition.localIndexes = "timeline";

/**
 * Reply emails' storage (docs/data-model.md, "Reply emails"): per conversation, a record of what
 * was emailed and the claim of the email being sent (its own item, outside every index, so the
 * job's writes cost one unit each); per unsubscribed address, an item keyed by the address's hash.
 */
export class DynamoReplyEmailStore implements ReplyEmailStore, UnsubscribeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private recordKey(visitorId: string) {
    return { pk: keys.conversationPk(visitorId), sk: keys.replyEmailSk };
  }

  private async get(key: Item): Promise<Item | undefined> {
    return (await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  private async liveHead(visitorId: string): Promise<ConversationHead | null> {
    const item = await this.get({ pk: keys.conversationPk(visitorId), sk: keys.headSk });
    return item && typeof item.firstSeenAt === "number" ? toHead(item) : null;
  }

  async replyEmailState(visitorId: string): Promise<{ head: ConversationHead | null; record: ReplyEmailRecord }> {
    const [head, record] = await Promise.all([this.liveHead(visitorId), this.get(this.recordKey(visitorId))]);
    return {
      head,
      record: {
        emailedUpToAt: (record?.emailedUpToAt as number | undefined) ?? 0,
        emailedAt: (record?.emailedAt as number | undefined) ?? 0,
      },
    };
  }

  /**
   * One query of the timeline from `afterMs` on. A delete's mark in that range hides everything
   * before it (those messages are gone, or about to be swept).
   */
  async ownerRepliesSince(visitorId: string, afterMs: number, limit: number): Promise<ChatMessage[]> {
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: timelineIndex,
        KeyConditionExpression: "pk = :pk AND lsk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.conversationPk(visitorId),
          ":from": keys.messageLsk(afterMs + 1, ""),
          ":to": keys.afterMessagesLsk,
        },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    let replies: ChatMessage[] = [];
    for (const item of output.Items ?? []) {
      if (item.sk === keys.clearedSk) replies = [];
      else if (item.from === "owner") replies.push(toMessage(item));
    }
    return replies;
  }

  async isUnsubscribed(hash: string): Promise<boolean> {
    return (await this.get({ pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk })) !== undefined;
  }

  async claimReplyEmail(
    visitorId: string,
    claim: { token: string; upToAt: number; nowMs: number; abandonedBeforeMs: number },
  ): Promise<ReplyEmailClaim> {
    const key = this.recordKey(visitorId);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "SET visitorId = :v, claimToken = :token, claimAt = :now",
          ConditionExpression:
            "(attribute_not_exists(emailedUpToAt) OR emailedUpToAt < :upTo) AND (attribute_not_exists(claimToken) OR claimAt < :abandoned)",
          ExpressionAttributeValues: {
            ":v": visitorId,
            ":token": claim.token,
            ":now": claim.nowMs,
            ":upTo": claim.upToAt,
            ":abandoned": claim.abandonedBeforeMs,
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { outcome: "claimed" };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await conflictingItem(this.client, this.tableName, error, key);
      // The SDK retried this very claim after its answer was lost: it is ours.
      if (stored?.claimToken === claim.token) return { outcome: "claimed" };
      if (((stored?.emailedUpToAt as number | undefined) ?? 0) >= claim.upToAt) return { outcome: "done" };
      return { outcome: "busy" };
    }
  }

  async finishReplyEmail(
    visitorId: string,
    token: string,
    result: { upTo: ChatMessage; nowMs: number; messageId?: string; failure?: string },
  ): Promise<boolean> {
    const key = this.recordKey(visitorId);
    const sent = result.failure === undefined;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: sent
            ? "SET emailedUpToAt = :upToAt, emailedUpTo = :id, emailedAt = :now, sesMessageId = :messageId REMOVE claimToken, claimAt"
            : "SET emailedUpToAt = :upToAt, emailedUpTo = :id, failedAt = :now, failure = :failure REMOVE claimToken, claimAt",
          ConditionExpression: "claimToken = :token",
          ExpressionAttributeValues: {
            ":token": token,
            ":upToAt": result.upTo.sentAt,
            ":id": result.upTo.id,
            ":now": result.nowMs,
            ...(sent ? { ":messageId": result.messageId ?? "" } : { ":failure": result.failure!.slice(0, 500) }),
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Already recorded by this run's own write, retried by the SDK after its answer was lost?
      const stored = await conflictingItem(this.client, this.tableName, error, key);
      return stored?.emailedUpTo === result.upTo.id && stored.claimToken === undefined;
    }
  }

  async releaseReplyEmail(visitorId: string, token: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.recordKey(visitorId),
          UpdateExpression: "REMOVE claimToken, claimAt",
          ConditionExpression: "claimToken = :token",
          ExpressionAttributeValues: { ":token": token },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  // ---- unsubscribing ----

  async addressOf(visitorId: string, hash: string): Promise<string | null> {
    const head = await this.liveHead(visitorId);
    return head?.email && addressHash(head.email) === hash ? head.email : null;
  }

  async unsubscribe(visitorId: string, hash: string, nowMs: number): Promise<void> {
    const [, address] = await Promise.all([
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk, unsubscribedAt: nowMs },
        }),
      ),
      this.addressOf(visitorId, hash),
    ]);
    if (!address) return;
    // The conversation says so too (its hello tells the widget), unless its address changed since.
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.conversationPk(visitorId), sk: keys.headSk },
          UpdateExpression: "SET emailUnsubscribedAt = :now",
          ConditionExpression: "attribute_exists(firstSeenAt) AND email = :address",
          ExpressionAttributeValues: { ":now": nowMs, ":address": address },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** The visitor gave this address again: it gets reply emails again. */
  async resubscribe(address: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: keys.unsubscribedPk(addressHash(address)), sk: keys.unsubscribedSk } }),
    );
  }
}
