/**
 * The one definition of Porch's DynamoDB table: keys, indexes and TTL.
 * `sst.config.ts` passes it to `sst.aws.Dynamo`, the local stack creates the
 * same table from it in dynalite, and the tests assert both agree.
 * docs/data-model.md says which item lives where and which access pattern it serves.
 */
export const tableDefinition = {
  fields: {
    pk: "string",
    sk: "string",
    lsk: "string",
    inboxPk: "string",
    inboxSk: "string",
    unreadPk: "string",
    unreadSk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    /** Conversations by last activity, newest first: the owner's inbox. */
    inbox: { hashKey: "inboxPk", rangeKey: "inboxSk", projection: "all" },
    /** Only conversations with unread visitor messages: the owner's unread total. */
    unread: { hashKey: "unreadPk", rangeKey: "unreadSk", projection: "keys-only" },
  },
  localIndexes: {
    /** One conversation in server order: messages, then live connections, then its head item. */
    timeline: { rangeKey: "lsk", projection: "all" },
  },
  /** Items with this attribute (epoch seconds) expire: connections, login throttles. */
  ttl: "expiresAtS",
} as const;

export type TableDefinition = typeof tableDefinition;
