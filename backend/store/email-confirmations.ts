import { confirmationEmailLimits } from "../chat/abuse-limits.ts";
import type { ConversationHead } from "../chat/ports.ts";
import type { ChatMessage } from "#protocol";
import { addressHash } from "../email/address.ts";
import type { ConfirmStore } from "../email/confirm.ts";
import type { EmailConfirmationStore } from "../jobs/email-confirmation.ts";
import {
  type AddressConfirmationsItem,
  type HeadItem,
  isLiveHead,
  isMark,
  type LiveHeadItem,
  type TimelineMark,
  type TimelineMessage,
  toHead,
  toMessage,
} from "./items.ts";
import { keys } from "./keys.ts";
import type { DynamoReplyEmailStore } from "./reply-emails.ts";
import type { Table } from "./table-client.ts";
import { timelineIndex } from "./timeline.ts";

/** What confirming changes elsewhere: an address's unsubscribe (reply-emails.ts). */
export interface EmailConfirmationsDeps {
  unsubscribes: Pick<DynamoReplyEmailStore, "takeUnsubscribedConfirmation" | "resubscribe">;
}

/** Timeline entries read to find a conversation's first message: a visitor's, since the owner never writes first. */
const firstMessageReadLimit = 5;

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });

/**
 * Confirmation emails' storage (docs/data-model.md, "Confirmed addresses"): the conversation's one
 * confirmation (a claim on its head, lifted when its address is confirmed), the confirmed address
 * on the head, and per address (by its hash) the times of its last confirmation emails, for a
 * sliding 24-hour limit counted in one conditional write.
 */
export class DynamoEmailConfirmations implements EmailConfirmationStore, ConfirmStore {
  constructor(
    private readonly table: Table,
    private readonly deps: EmailConfirmationsDeps,
  ) {}

  private async liveHead(visitorId: string): Promise<LiveHeadItem | null> {
    const item = await this.table.get<HeadItem>(headKey(visitorId));
    return item && isLiveHead(item) ? item : null;
  }

  async confirmationState(visitorId: string): Promise<{ head: ConversationHead | null; firstMessage: ChatMessage | null }> {
    const item = await this.liveHead(visitorId);
    if (!item) return { head: null, firstMessage: null };
    // From the last delete's mark on: what came before it is hidden, or swept.
    const output = await this.table.query<TimelineMessage | TimelineMark>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND lsk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPk(visitorId),
        ":from": item.clearedAt === undefined ? keys.beforeMessagesLsk : keys.clearedLsk(item.clearedAt),
        ":to": keys.afterMessagesLsk,
      },
      Limit: firstMessageReadLimit,
      ConsistentRead: true,
    });
    const first = (output.Items ?? []).find((entry): entry is TimelineMessage => !isMark(entry) && entry.from === "visitor");
    return { head: toHead(item), firstMessage: first ? toMessage(first) : null };
  }

  async claimConfirmation(visitorId: string, address: string, claim: string, nowMs: number): Promise<boolean> {
    const written = await this.table.updateIf({
      Key: headKey(visitorId),
      UpdateExpression: "SET confirmationClaim = :claim, confirmationClaimAt = :now",
      // A job delivered again finds its own claim, unless its email went out.
      ConditionExpression:
        "attribute_exists(firstSeenAt) AND email = :address AND (attribute_not_exists(confirmationClaim) OR (confirmationClaim = :claim AND attribute_not_exists(confirmationSentAt)))",
      ExpressionAttributeValues: { ":claim": claim, ":now": nowMs, ":address": address },
    });
    return written.ok;
  }

  async takeAddressBudget(hash: string, nowMs: number): Promise<boolean> {
    const { perAddress, unsubscribedEveryMs } = confirmationEmailLimits;
    if (!(await this.deps.unsubscribes.takeUnsubscribedConfirmation(hash, nowMs, unsubscribedEveryMs))) return false;
    // The times of the last `max` emails, oldest first: one more fits while the oldest is out of
    // the window. Each takes its place in one write, however many jobs race.
    const slots = Array.from({ length: perAddress.max }, (_, n) => `at${n}`);
    const shifted = slots.map((slot, n) => (n + 1 < slots.length ? `${slot} = if_not_exists(${slots[n + 1]}, :zero)` : `${slot} = :now`));
    const written = await this.table.updateIf<AddressConfirmationsItem>({
      Key: { pk: keys.addressConfirmationsPk(hash), sk: keys.addressConfirmationsSk },
      UpdateExpression: `SET ${shifted.join(", ")}, expiresAtS = :expires`,
      ConditionExpression: `attribute_not_exists(${slots[0]}) OR ${slots[0]} <= :since`,
      ExpressionAttributeValues: {
        ":zero": 0,
        ":now": nowMs,
        ":since": nowMs - perAddress.windowMs,
        ":expires": Math.ceil((nowMs + perAddress.windowMs) / 1000),
      },
    });
    return written.ok;
  }

  async releaseConfirmation(visitorId: string, claim: string): Promise<void> {
    // Refused: the claim is no longer this job's (confirmed, or the conversation deleted).
    await this.table.updateIf({
      Key: headKey(visitorId),
      UpdateExpression: "REMOVE confirmationClaim, confirmationClaimAt",
      ConditionExpression: "confirmationClaim = :claim",
      ExpressionAttributeValues: { ":claim": claim },
    });
  }

  async finishConfirmation(visitorId: string, claim: string, nowMs: number): Promise<void> {
    await this.table.updateIf({
      Key: headKey(visitorId),
      UpdateExpression: "SET confirmationSentAt = :now",
      ConditionExpression: "confirmationClaim = :claim",
      ExpressionAttributeValues: { ":claim": claim, ":now": nowMs },
    });
  }

  // ---- the confirmation link's page ----

  async addressOf(visitorId: string, hash: string): Promise<string | null> {
    const item = await this.liveHead(visitorId);
    return item?.email && addressHash(item.email) === hash ? item.email : null;
  }

  async confirm(visitorId: string, hash: string, nowMs: number): Promise<boolean> {
    const address = await this.addressOf(visitorId, hash);
    if (!address) return false;
    // Once per address: confirming again keeps the time it was confirmed, which its continue links name.
    const written = await this.table.updateIf({
      Key: headKey(visitorId),
      UpdateExpression:
        "SET confirmedEmail = :address, emailConfirmedAt = :now REMOVE emailUnsubscribedAt, confirmationClaim, confirmationClaimAt, confirmationSentAt",
      ConditionExpression:
        "attribute_exists(firstSeenAt) AND email = :address AND (attribute_not_exists(confirmedEmail) OR confirmedEmail <> :address)",
      ExpressionAttributeValues: { ":address": address, ":now": nowMs },
    });
    if (!written.ok && (await this.addressOf(visitorId, hash)) !== address) return false;
    // The recipient asked for emails: an unsubscribe of theirs ends.
    await this.deps.unsubscribes.resubscribe(hash);
    return true;
  }
}
