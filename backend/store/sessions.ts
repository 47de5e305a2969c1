import type { Sessions } from "../chat/ports.ts";
import type { SessionItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const sessionKey = (sessionId: string) => ({ pk: keys.sessionPk(sessionId), sk: keys.sessionSk });

/**
 * Owner sessions, one small item each under its own key (no hot partition), expiring with the
 * token (TTL); `logout` deletes it. Read by key, consistently, on every owner frame: 1 read unit.
 */
export class DynamoSessions implements Sessions {
  constructor(private readonly table: Table) {}

  async start(sessionId: string, expiresAtMs: number): Promise<void> {
    await this.table.put<SessionItem>({
      Item: { ...sessionKey(sessionId), expiresAt: expiresAtMs, expiresAtS: Math.ceil(expiresAtMs / 1000) },
    });
  }

  async isLive(sessionId: string, nowMs: number): Promise<boolean> {
    const item = await this.table.get<SessionItem>(sessionKey(sessionId));
    // TTL deletes expired items within days, not at once: an expired one is not live.
    return item !== undefined && item.expiresAt > nowMs;
  }

  async end(sessionId: string): Promise<boolean> {
    const output = await this.table.delete<SessionItem>({ Key: sessionKey(sessionId), ReturnValues: "ALL_OLD" });
    return output.Attributes !== undefined;
  }
}
