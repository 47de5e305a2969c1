import type { Binding, ConnectionStore, LiveConnection, OwnerBefore, OwnerState } from "../chat/ports.ts";
import {
  type ConnectionItem,
  isLive,
  type LiveEntry,
  type OwnerBindingItem,
  type OwnerHeadItem,
  sameBinding,
  type TimelineBinding,
  type VisitorBindingItem,
} from "./items.ts";
import { keys } from "./keys.ts";
import type { tableDefinition } from "./table.ts";
import type { Table } from "./table-client.ts";
import { timelineIndex } from "./timeline.ts";

/** Connection bindings outlive a WebSocket by at most this long if `$disconnect` never ran. */
const bindingTtlS = 2 * 3600 + 15 * 60;

const liveIndex: keyof typeof tableDefinition.globalIndexes = "live";

/** The owner's partition holds the owner's head and a binding per owner connection. */
const isOwnerHead = (item: OwnerHeadItem | OwnerBindingItem): item is OwnerHeadItem => item.sk === keys.ownerHeadSk;

/**
 * Who each open WebSocket belongs to: a visitor (their tabs get the conversation's pushes) or the
 * owner (every conversation's pushes), and the owner's presence.
 */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly table: Table,
    /**
     * The owner password's generation (backend/auth/session.ts), stamped on owner bindings: one
     * of another is not the owner's any more. Unknown (undefined) to a function without the
     * password: every binding counts.
     */
    private readonly ownerEpoch?: string,
  ) {}

  /**
   * Binds a connection to a visitor or to the owner. Idempotent: `ping` calls it again to keep the
   * binding alive. A connection rebound to someone else loses its old binding. A visitor's binding
   * is also in the `live` index, under keys that a `ping` rewrites unchanged (no index write).
   */
  async bind(connectionId: string, binding: Binding, nowMs: number): Promise<void> {
    const expiresAtS = Math.floor(nowMs / 1000) + bindingTtlS;
    const previous = await this.table.put<ConnectionItem>({
      Item: { pk: keys.connectionPk(connectionId), sk: keys.connectionSk, ...binding, boundAt: nowMs, expiresAtS },
      ReturnValues: "ALL_OLD",
    });
    const old = previous.Attributes ?? null;
    if (old && !sameBinding(old, binding)) await this.deleteBinding(connectionId, old);
    const item: VisitorBindingItem | OwnerBindingItem =
      binding.role === "visitor"
        ? {
            pk: keys.conversationPk(binding.visitorId),
            sk: keys.visitorBindingSk(connectionId),
            lsk: keys.visitorBindingLsk(connectionId),
            livePk: keys.liveVisitorsPk,
            liveSk: connectionId,
            connectionId,
            expiresAtS,
          }
        : {
            pk: keys.ownerPk,
            sk: keys.ownerBindingSk(connectionId),
            connectionId,
            expiresAtS,
            // Its last hello or ping, to the millisecond: what the owner's lease counts from.
            boundAt: nowMs,
            ...(binding.sessionId ? { sessionId: binding.sessionId } : {}),
            ...(this.ownerEpoch ? { ownerEpoch: this.ownerEpoch } : {}),
          };
    await this.table.put({ Item: item });
  }

  /** Forgets a closed connection; returns what it was bound to, if anything. */
  async unbind(connectionId: string): Promise<Binding | null> {
    const removed = await this.table.delete<ConnectionItem>({
      Key: { pk: keys.connectionPk(connectionId), sk: keys.connectionSk },
      ReturnValues: "ALL_OLD",
    });
    if (!removed.Attributes) return null;
    const binding = removed.Attributes;
    await this.deleteBinding(connectionId, binding);
    if (binding.role === "visitor") return { role: "visitor", visitorId: binding.visitorId };
    return binding.sessionId ? { role: "owner", sessionId: binding.sessionId } : { role: "owner" };
  }

  /** Removes one binding item, e.g. after the gateway said the connection is gone. */
  async deleteBinding(connectionId: string, binding: Binding): Promise<void> {
    const key =
      binding.role === "visitor"
        ? { pk: keys.conversationPk(binding.visitorId), sk: keys.visitorBindingSk(connectionId) }
        : { pk: keys.ownerPk, sk: keys.ownerBindingSk(connectionId) };
    await this.table.delete({ Key: key });
  }

  /** The visitor's live connections, from the timeline. */
  async visitorConnections(visitorId: string, nowMs: number): Promise<string[]> {
    const nowS = Math.floor(nowMs / 1000);
    const items = await this.table.queryAll<TimelineBinding>({
      IndexName: timelineIndex,
      KeyConditionExpression: "pk = :pk AND begins_with(lsk, :connections)",
      ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":connections": keys.visitorBindingLsk("") },
    });
    return items.filter((item) => isLive(item, nowS)).map((item) => item.connectionId);
  }

  /** The owner's presence and open connections, in one query of the owner partition. */
  async ownerState(nowMs: number, options: { consistent?: boolean } = {}): Promise<OwnerState> {
    const items = await this.ownerPartition(options.consistent ?? false);
    const head = items.find(isOwnerHead);
    const live = this.liveBindings(items, nowMs);
    // Each hello and ping writes the binding again (one written before `boundAt` was kept: its expiry less the TTL).
    const refreshedAt = Math.max(...live.map((item) => item.boundAt ?? (item.expiresAtS - bindingTtlS) * 1000));
    return {
      lastSeenAt: head?.lastSeenAt ?? null,
      connections: live.map((item) => item.connectionId),
      refreshedAt: live.length ? refreshedAt : null,
      announcedOnline: head?.announcedOnline === true,
      activity: head?.activity ?? 0,
    };
  }

  async sessionConnections(sessionId: string, nowMs: number): Promise<string[]> {
    const items = await this.ownerPartition(true);
    return this.liveBindings(items, nowMs)
      .filter((item) => item.sessionId === sessionId)
      .map((item) => item.connectionId);
  }

  private ownerPartition(consistent: boolean): Promise<(OwnerHeadItem | OwnerBindingItem)[]> {
    return this.table.queryAll<OwnerHeadItem | OwnerBindingItem>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.ownerPk },
      ...(consistent ? { ConsistentRead: true } : {}),
    });
  }

  /** The owner's bindings that are live, and bound under this owner password (or before it was stamped). */
  private liveBindings(items: (OwnerHeadItem | OwnerBindingItem)[], nowMs: number): OwnerBindingItem[] {
    const nowS = Math.floor(nowMs / 1000);
    return items.filter(
      (item): item is OwnerBindingItem =>
        !isOwnerHead(item) &&
        isLive(item, nowS) &&
        (this.ownerEpoch === undefined || item.ownerEpoch === undefined || item.ownerEpoch === this.ownerEpoch),
    );
  }

  /**
   * One update of the owner's head: seen now, announced online, one more activity. The head as it
   * was says whether visitors still think the owner is away. (An update, not a put: the head also
   * keeps `activity` and the claim of the last announcement.)
   */
  async ownerActive(nowMs: number): Promise<OwnerBefore> {
    const output = await this.table.update<OwnerHeadItem>({
      Key: { pk: keys.ownerPk, sk: keys.ownerHeadSk },
      UpdateExpression: "SET lastSeenAt = :now, announcedOnline = :yes ADD activity :one",
      ExpressionAttributeValues: { ":now": nowMs, ":yes": true, ":one": 1 },
      ReturnValues: "UPDATED_OLD",
    });
    return { announcedOnline: output.Attributes?.announcedOnline === true, lastSeenAt: output.Attributes?.lastSeenAt ?? null };
  }

  async ownerLeft(nowMs: number): Promise<void> {
    await this.table.update({
      Key: { pk: keys.ownerPk, sk: keys.ownerHeadSk },
      UpdateExpression: "SET lastSeenAt = :now ADD activity :one",
      ExpressionAttributeValues: { ":now": nowMs, ":one": 1 },
    });
  }

  /**
   * Conditional on the owner being announced online with no activity since `activity`: a hello or
   * ping after the caller looked (the owner is back) makes it fail, as does another claim that got
   * there first. A claim whose answer was lost and that is run again finds its own mark, and wins.
   */
  async markOwnerAway(activity: number, claim: string): Promise<boolean> {
    const written = await this.table.updateIf<OwnerHeadItem>(
      {
        Key: { pk: keys.ownerPk, sk: keys.ownerHeadSk },
        UpdateExpression: "SET announcedOnline = :no, awayClaim = :claim",
        ConditionExpression: "announcedOnline = :yes AND activity = :activity",
        ExpressionAttributeValues: { ":no": false, ":yes": true, ":activity": activity, ":claim": claim },
      },
      { existing: true },
    );
    return written.ok || (written.existing?.awayClaim === claim && written.existing.activity === activity);
  }

  /** The `live` index (keys only): each entry's base keys are the binding's, `V#<visitorId>` / `C#<connectionId>`. */
  async liveVisitorConnections(): Promise<LiveConnection[]> {
    const items = await this.table.queryAll<LiveEntry>({
      IndexName: liveIndex,
      KeyConditionExpression: "livePk = :live",
      ExpressionAttributeValues: { ":live": keys.liveVisitorsPk },
    });
    return items.map((item) => ({ connectionId: item.liveSk, visitorId: keys.visitorIdOf(item.pk) }));
  }
}
