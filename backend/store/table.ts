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
    livePk: "string",
    liveSk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    /** Conversations by last activity, newest first: the owner's inbox. */
    inbox: { hashKey: "inboxPk", rangeKey: "inboxSk", projection: "all" },
    /**
     * Every open visitor connection (sparse: only visitor bindings have its keys), to tell them
     * all when the owner comes or goes. Keys only, so a `ping` that rewrites a binding with the
     * same keys writes nothing to it; the base keys say whose connection it is.
     */
    live: { hashKey: "livePk", rangeKey: "liveSk", projection: "keys-only" },
  },
  localIndexes: {
    /**
     * One conversation in server order: messages, then live connections, then its head item.
     * Only what history and `send` read is projected, so updates of the head's other fields and
     * of a message's `applied` mark cost no index write.
     */
    timeline: {
      rangeKey: "lsk",
      projection: ["id", "visitorId", "from", "text", "sentAt", "connectionId", "expiresAtS"],
    },
  },
  /** Items with this attribute (epoch seconds) expire: connections, login throttles. */
  ttl: "expiresAtS",
} as const;

export type TableDefinition = typeof tableDefinition;
