import type { ChatMessage } from "#protocol";
import type { ConversationHead } from "../chat/ports.ts";
import { addressHash } from "../email/address.ts";
import type { UnsubscribeStore } from "../email/unsubscribe.ts";
import type { ReplyEmailClaim, ReplyEmailRecord, ReplyEmailStore } from "../jobs/reply-email.ts";
import {
  type HeadItem,
  isLiveHead,
  isMark,
  type ReplyEmailItem,
  type TimelineMark,
  type TimelineMessage,
  toHead,
  toMessage,
  type UnsubscribedItem,
} from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";
import { timelineIndex } from "./timeline.ts";

/**
 * Reply emails' storage (docs/data-model.md, "Reply emails"): per conversation, a record of what
 * was emailed and the claim of the email being sent (its own item, outside every index, so the
 * job's writes cost one unit each); per unsubscribed address, an item keyed by the address's hash.
 */
export class DynamoReplyEmailStore implements ReplyEmailStore, UnsubscribeStore {
  constructor(private readonly table: Table) {}

  private recordKey(visitorId: string) {
    return { pk: keys.conversationPk(visitorId), sk: keys.replyEmailSk };
  }

  private async liveHead(visitorId: string): Promise<ConversationHead | null> {
    const item = await this.table.get<HeadItem>({ pk: keys.conversationPk(visitorId), sk: keys.headSk });
    return item && isLiveHead(item) ? toHead(item) : null;
  }

  async replyEmailState(visitorId: string): Promise<{ head: ConversationHead | null; record: ReplyEmailRecord }> {
    const [head, record] = await Promise.all([this.liveHead(visitorId), this.table.get<ReplyEmailItem>(this.recordKey(visitorId))]);
    return {
      head,
      record: {
        emailedUpToAt: record?.emailedUpToAt ?? 0,
        emailedAt: record?.emailedAt ?? 0,
      },
    };
  }

  /**
   * One query of the timeline from `afterMs` on. A delete's mark in that range hides everything
   * before it (those messages are gone, or about to be swept).
   */
  async ownerRepliesSince(visitorId: string, afterMs: number, limit: number): Promise<ChatMessage[]> {
    const output = await this.table.query<TimelineMessage | TimelineMark>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPk(visitorId),
        ":from": keys.messageLsk(afterMs + 1, ""),
        ":to": keys.afterMessagesLsk,
      },
      Limit: limit,
      ConsistentRead: true,
    });
    let replies: ChatMessage[] = [];
    for (const item of output.Items ?? []) {
      if (isMark(item)) replies = [];
      else if (item.from === "owner") replies.push(toMessage(item));
    }
    return replies;
  }

  async isUnsubscribed(hash: string): Promise<boolean> {
    return (await this.table.get<UnsubscribedItem>({ pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk })) !== undefined;
  }

  async claimReplyEmail(
    visitorId: string,
    claim: { token: string; upToAt: number; nowMs: number; abandonedBeforeMs: number },
  ): Promise<ReplyEmailClaim> {
    const written = await this.table.updateIf<ReplyEmailItem>(
      {
        Key: this.recordKey(visitorId),
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
      },
      { existing: true },
    );
    if (written.ok) return { outcome: "claimed" };
    const stored = written.existing;
    // The SDK retried this very claim after its answer was lost: it is ours.
    if (stored?.claimToken === claim.token) return { outcome: "claimed" };
    if ((stored?.emailedUpToAt ?? 0) >= claim.upToAt) return { outcome: "done" };
    return { outcome: "busy" };
  }

  async finishReplyEmail(
    visitorId: string,
    token: string,
    result: { upTo: ChatMessage; nowMs: number; messageId?: string; failure?: string },
  ): Promise<boolean> {
    const sent = result.failure === undefined;
    const written = await this.table.updateIf<ReplyEmailItem>(
      {
        Key: this.recordKey(visitorId),
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
      },
      { existing: true },
    );
    if (written.ok) return true;
    // Already recorded by this run's own write, retried by the SDK after its answer was lost?
    const stored = written.existing;
    return stored?.emailedUpTo === result.upTo.id && stored.claimToken === undefined;
  }

  async releaseReplyEmail(visitorId: string, token: string): Promise<void> {
    // Refused: the claim is no longer this run's.
    await this.table.updateIf({
      Key: this.recordKey(visitorId),
      UpdateExpression: "REMOVE claimToken, claimAt",
      ConditionExpression: "claimToken = :token",
      ExpressionAttributeValues: { ":token": token },
    });
  }

  // ---- unsubscribing ----

  async addressOf(visitorId: string, hash: string): Promise<string | null> {
    const head = await this.liveHead(visitorId);
    return head?.email && addressHash(head.email) === hash ? head.email : null;
  }

  async unsubscribe(visitorId: string, hash: string, nowMs: number): Promise<void> {
    const [, address] = await Promise.all([
      // An update, not a put: unsubscribing again keeps when a confirmation last went to the address.
      this.table.update<UnsubscribedItem>({
        Key: { pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk },
        UpdateExpression: "SET unsubscribedAt = if_not_exists(unsubscribedAt, :now)",
        ExpressionAttributeValues: { ":now": nowMs },
      }),
      this.addressOf(visitorId, hash),
    ]);
    if (!address) return;
    // The conversation says so too (its hello tells the widget), and its address is no longer
    // confirmed: only its recipient's confirming again makes it so (and lifts the unsubscribe).
    await this.table.updateIf({
      Key: { pk: keys.conversationPk(visitorId), sk: keys.headSk },
      UpdateExpression: "SET emailUnsubscribedAt = :now REMOVE confirmedEmail, emailConfirmedAt",
      ConditionExpression: "attribute_exists(firstSeenAt) AND email = :address",
      ExpressionAttributeValues: { ":now": nowMs, ":address": address },
    });
  }

  /**
   * Counts a confirmation email to the address with this hash if it is unsubscribed: true when it
   * is not, or when the last such email is older than `everyMs` (one atomic write).
   */
  async takeUnsubscribedConfirmation(hash: string, nowMs: number, everyMs: number): Promise<boolean> {
    const written = await this.table.updateIf<UnsubscribedItem>(
      {
        Key: { pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk },
        UpdateExpression: "SET confirmationSentAt = :now",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(confirmationSentAt) OR confirmationSentAt <= :since)",
        ExpressionAttributeValues: { ":now": nowMs, ":since": nowMs - everyMs },
      },
      { existing: true },
    );
    return written.ok || written.existing === null;
  }

  /** The recipient confirmed the address again: it gets reply emails again. */
  async resubscribe(hash: string): Promise<void> {
    await this.table.delete({ Key: { pk: keys.unsubscribedPk(hash), sk: keys.unsubscribedSk } });
  }
}
