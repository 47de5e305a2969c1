import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ChatStore } from "../chat/ports.ts";
import { DynamoBlocks } from "./blocks.ts";
import { DynamoConnectionStore } from "./connections.ts";
import { DynamoCounters, DynamoSignIns } from "./counters.ts";
import { DynamoDeletes } from "./deletes.ts";
import { DynamoHeads } from "./heads.ts";
import { DynamoInbox } from "./inbox.ts";
import type { HeadItem } from "./items.ts";
import { DynamoMessages } from "./messages.ts";
import { keys } from "./keys.ts";
import { DynamoNotificationLog } from "./notifications.ts";
import { DynamoPushDevices } from "./push-devices.ts";
import { DynamoReplyEmailStore } from "./reply-emails.ts";
import { Table, tableClient } from "./table-client.ts";
import { DynamoUnreadTotal } from "./unread-total.ts";

export interface StoreOptions {
  tableName: string;
  /** The low-level client to go through (its endpoint, credentials, retries); the store wraps it. */
  client?: DynamoDBClient;
}

const headKey = (visitorId: string) => ({ pk: keys.conversationPk(visitorId), sk: keys.headSk });

/**
 * The chat's store (backend/chat/ports.ts) on one DynamoDB table (real DynamoDB on AWS, dynalite on
 * a laptop and in tests): one store per aggregate, sharing one document client; the claim of a
 * conversation's owner notification is still here.
 */
export class DynamoChatStore implements ChatStore {
  readonly table: Table;
  readonly connections: DynamoConnectionStore;
  readonly counters: DynamoCounters;
  readonly signIns: DynamoSignIns;
  readonly notifications: DynamoNotificationLog;
  readonly replyEmails: DynamoReplyEmailStore;
  readonly pushDevices: DynamoPushDevices;
  readonly unreadTotal: DynamoUnreadTotal;
  readonly inbox: DynamoInbox;
  readonly blocks: DynamoBlocks;
  readonly heads: DynamoHeads;
  readonly messages: DynamoMessages;
  readonly deletes: DynamoDeletes;

  constructor(options: StoreOptions) {
    const table = new Table(tableClient(options.client), options.tableName);
    this.table = table;
    this.connections = new DynamoConnectionStore(table);
    this.counters = new DynamoCounters(table);
    this.signIns = new DynamoSignIns(table);
    this.notifications = new DynamoNotificationLog(table);
    this.replyEmails = new DynamoReplyEmailStore(table);
    this.pushDevices = new DynamoPushDevices(table);
    this.unreadTotal = new DynamoUnreadTotal(table);
    this.inbox = new DynamoInbox(table);
    this.blocks = new DynamoBlocks(table);
    this.messages = new DynamoMessages(table);
    this.heads = new DynamoHeads(table, { unreadTotal: this.unreadTotal, replyEmails: this.replyEmails });
    this.deletes = new DynamoDeletes(table, { connections: this.connections, unreadTotal: this.unreadTotal });
  }

  /**
   * Stamps `notifiedAt` on the head for `messageId`, conditional on the previous stamp being older
   * than `quietSinceMs`: however many messages race for it, one per quiet period wins. A claim
   * whose answer was lost and that the SDK retried finds its own stamp, and still wins.
   */
  async claimNotification(visitorId: string, messageId: string, nowMs: number, quietSinceMs: number): Promise<boolean> {
    const written = await this.table.updateIf<HeadItem>(
      {
        Key: headKey(visitorId),
        UpdateExpression: "SET notifiedAt = :now, notifiedFor = :id",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(notifiedAt) OR notifiedAt < :quietSince)",
        ExpressionAttributeValues: { ":now": nowMs, ":id": messageId, ":quietSince": quietSinceMs },
      },
      { existing: true },
    );
    return written.ok || written.existing?.notifiedFor === messageId;
  }
}
