import type { HoursStore, StoredHours } from "../chat/ports.ts";
import type { BusinessHours } from "#protocol";
import type { HoursItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const key = { pk: keys.hoursPk, sk: keys.hoursSk };

/** Until the owner sets hours: none, so always available. */
const noHours: StoredHours = { timeZone: "UTC", weekly: [], stamp: null };

/** The owner's business hours (docs/data-model.md, "Business hours"): one small item, written whole. */
export class DynamoHours implements HoursStore {
  constructor(private readonly table: Table) {}

  async read(): Promise<StoredHours> {
    const item = await this.table.get<HoursItem>(key);
    return item ? { timeZone: item.timeZone, weekly: item.weekly, stamp: item.stamp ?? null } : noHours;
  }

  async write(hours: BusinessHours, stamp: string): Promise<void> {
    await this.table.put<HoursItem>({ Item: { ...key, timeZone: hours.timeZone, weekly: hours.weekly, stamp } });
  }

  async claimChange(stamp: string, changeAtMs: number): Promise<boolean> {
    const written = await this.table.updateIf({
      Key: key,
      UpdateExpression: "SET changedAtMs = :at",
      ConditionExpression: "stamp = :stamp AND (attribute_not_exists(changedAtMs) OR changedAtMs < :at)",
      ExpressionAttributeValues: { ":stamp": stamp, ":at": changeAtMs },
    });
    return written.ok;
  }

  async releaseChange(stamp: string, changeAtMs: number): Promise<void> {
    await this.table.updateIf({
      Key: key,
      UpdateExpression: "REMOVE changedAtMs",
      ConditionExpression: "stamp = :stamp AND changedAtMs = :at",
      ExpressionAttributeValues: { ":stamp": stamp, ":at": changeAtMs },
    });
  }
}
