import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Binding, ConnectionStore, OwnerState } from "../chat/ports.ts";
import { isLive, sameBinding } from "./items.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./table-client.ts";

/** Connection bindings outlive a WebSocket by at most this long if `$disconnect` never ran. */
const bindingTtlS = 2 * 3600 + 15 * 60;

/**
 * Who each open WebSocket belongs to: a visitor (their tabs get the conversation's pushes) or the
 * owner (every conversation's pushes), and the owner's presence.
 */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Binds a connection to a visitor or to the owner. Idempotent: `ping` calls it again to keep the
   * binding alive. A connection rebound to someone else loses its old binding.
   */
  async bind(connectionId: string, binding: Binding, nowMs: number): Promise<void> {
    const expiresAtS = Math.floor(nowMs / 1000) + bindingTtlS;
    const previous = await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.connectionPk(connectionId), sk: keys.connectionSk, ...binding, boundAt: nowMs, expiresAtS },
        ReturnValues: "ALL_OLD",
      }),
    );
    const old = (previous.Attributes as Binding | undefined) ?? null;
    if (old && !sameBinding(old, binding)) await this.deleteBinding(connectionId, old);
    const item =
      binding.role === "visitor"
        ? {
            pk: keys.conversationPk(binding.visitorId),
            sk: keys.visitorBindingSk(connectionId),
            lsk: keys.visitorBindingLsk(connectionId),
            connectionId,
            expiresAtS,
          }
        : { pk: keys.ownerPk, sk: keys.ownerBindingSk(connectionId), connectionId, expiresAtS };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** Forgets a closed connection; returns what it was bound to, if anything. */
  async unbind(connectionId: string): Promise<Binding | null> {
    const removed = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: keys.connectionPk(connectionId), sk: keys.connectionSk },
        ReturnValues: "ALL_OLD",
      }),
    );
    if (!removed.Attributes) return null;
    const binding = removed.Attributes as Binding;
    await this.deleteBinding(connectionId, binding);
    return binding.role === "visitor" ? { role: "visitor", visitorId: binding.visitorId } : { role: "owner" };
  }

  /** Removes one binding item, e.g. after the gateway said the connection is gone. */
  async deleteBinding(connectionId: string, binding: Binding): Promise<void> {
    const key =
      binding.role === "visitor"
        ? { pk: keys.conversationPk(binding.visitorId), sk: keys.visitorBindingSk(connectionId) }
        : { pk: keys.ownerPk, sk: keys.ownerBindingSk(connectionId) };
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /** The owner's presence and open connections, in one query of the owner partition. */
  async ownerState(nowMs: number): Promise<OwnerState> {
    const nowS = Math.floor(nowMs / 1000);
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.ownerPk },
    });
    let lastSeenAt: number | null = null;
    const connections: string[] = [];
    for (const item of items) {
      if (item.sk === keys.ownerHeadSk) lastSeenAt = (item.lastSeenAt as number | undefined) ?? null;
      else if (isLive(item, nowS)) connections.push(item.connectionId as string);
    }
    return { lastSeenAt, connections };
  }

  async touchOwner(nowMs: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.ownerPk, sk: keys.ownerHeadSk, lastSeenAt: nowMs },
      }),
    );
  }
}
