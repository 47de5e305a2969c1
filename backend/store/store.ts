import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ChatStore } from "../chat/ports.ts";
import { DynamoAttachments } from "./attachments.ts";
import { DynamoBlocks } from "./blocks.ts";
import { DynamoConnectionStore } from "./connections.ts";
import { DynamoCounters, DynamoSignIns } from "./counters.ts";
import { DynamoDeletes } from "./deletes.ts";
import { DynamoEmailConfirmations } from "./email-confirmations.ts";
import { DynamoExports } from "./exports.ts";
import { DynamoHeads } from "./heads.ts";
import { DynamoHours } from "./hours.ts";
import { DynamoInbox } from "./inbox.ts";
import { DynamoMessages } from "./messages.ts";
import { DynamoNotes } from "./notes.ts";
import { DynamoNotificationLog } from "./notifications.ts";
import { DynamoPushDevices } from "./push-devices.ts";
import { DynamoReplyEmailStore } from "./reply-emails.ts";
import { DynamoSavedReplies } from "./saved-replies.ts";
import { DynamoSessions } from "./sessions.ts";
import { Table, tableClient } from "./table-client.ts";
import { DynamoUnreadTotal } from "./unread-total.ts";

export interface StoreOptions {
  tableName: string;
  /** The low-level client to go through (its endpoint, credentials, retries); the store wraps it. */
  client?: DynamoDBClient;
  /** The owner password's generation (backend/auth/session.ts): owner connections of another are not the owner's. */
  ownerEpoch?: string;
}

/**
 * The chat's store (backend/chat/ports.ts) on one DynamoDB table (real DynamoDB on AWS, dynalite
 * on a laptop and in tests): one store per aggregate, sharing one document client. The jobs use
 * its messages (the sweep), reply emails and confirmations; the email links' pages the last two.
 */
export class DynamoChatStore implements ChatStore {
  readonly table: Table;
  readonly heads: DynamoHeads;
  readonly blocks: DynamoBlocks;
  readonly messages: DynamoMessages;
  readonly notes: DynamoNotes;
  readonly savedReplies: DynamoSavedReplies;
  readonly hours: DynamoHours;
  readonly deletes: DynamoDeletes;
  readonly unreadTotal: DynamoUnreadTotal;
  readonly inbox: DynamoInbox;
  readonly connections: DynamoConnectionStore;
  readonly counters: DynamoCounters;
  readonly signIns: DynamoSignIns;
  readonly notifications: DynamoNotificationLog;
  readonly pushDevices: DynamoPushDevices;
  readonly replyEmails: DynamoReplyEmailStore;
  readonly sessions: DynamoSessions;
  readonly confirmations: DynamoEmailConfirmations;
  readonly attachments: DynamoAttachments;
  readonly exports: DynamoExports;

  constructor(options: StoreOptions) {
    const table = new Table(tableClient(options.client), options.tableName);
    this.table = table;
    this.unreadTotal = new DynamoUnreadTotal(table);
    this.connections = new DynamoConnectionStore(table, options.ownerEpoch);
    this.replyEmails = new DynamoReplyEmailStore(table);
    this.confirmations = new DynamoEmailConfirmations(table, { unsubscribes: this.replyEmails });
    this.heads = new DynamoHeads(table, { unreadTotal: this.unreadTotal });
    this.blocks = new DynamoBlocks(table);
    this.messages = new DynamoMessages(table);
    this.notes = new DynamoNotes(table);
    this.savedReplies = new DynamoSavedReplies(table);
    this.hours = new DynamoHours(table);
    this.deletes = new DynamoDeletes(table, { connections: this.connections, unreadTotal: this.unreadTotal });
    this.inbox = new DynamoInbox(table);
    this.counters = new DynamoCounters(table);
    this.signIns = new DynamoSignIns(table);
    this.notifications = new DynamoNotificationLog(table);
    this.pushDevices = new DynamoPushDevices(table);
    this.sessions = new DynamoSessions(table);
    this.attachments = new DynamoAttachments(table);
    this.exports = new DynamoExports(table);
  }
}
