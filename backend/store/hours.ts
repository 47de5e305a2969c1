import type { HoursStore, StoredHours } from "../chat/ports.ts";
import type { BusinessHours } from "#protocol";
import type { HoursItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const key = { pk: keys.hoursPk, sk: keys.hoursSk };

/** Until the owner sets hours: none, so always available. */
const noHours: StoredHours = { timeZone: "UTC", weekly: [], stamp: null, notifyOutsideHours: false, heldSinceMs: null };

/** The owner's business hours (docs/data-model.md, "Business hours"): one small item, written whole. */
export class DynamoHours implements HoursStore {
  constructor(private readonly table: Table) {}

  async read(): Promise<StoredHours> {
    const item = await this.table.get<HoursItem>(key);
    if (!item) return noHours;
    const { timeZone, weekly, stamp, notifyOutsideHours, heldSinceMs } = item;
    return { timeZone, weekly, stamp: stamp ?? null, notifyOutsideHours: notifyOutsideHours ?? false, heldSinceMs: heldSinceMs ?? null };
  }

  async write(hours: BusinessHours & { notifyOutsideHours: boolean }, stamp: string): Promise<void> {
    // An update, not a put: a notification held meanwhile stays held (`heldSinceMs`).
    await this.table.update({
      Key: key,
      UpdateExpression: "SET #timeZone = :zone, weekly = :weekly, stamp = :stamp, notifyOutsideHours = :notify REMOVE changedAtMs",
      ExpressionAttributeNames: { "#timeZone": "timeZone" }, // ZONE is a reserved word
      ExpressionAttributeValues: { ":zone": hours.timeZone, ":weekly": hours.weekly, ":stamp": stamp, ":notify": hours.notifyOutsideHours },
    });
  }

  async hold(sentAtMs: number): Promise<void> {
    await this.table.update({
      Key: key,
      UpdateExpression: "SET heldSinceMs = if_not_exists(heldSinceMs, :at)",
      ExpressionAttributeValues: { ":at": sentAtMs },
    });
  }

  async takeHeld(): Promise<number | null> {
    const written = await this.table.updateIf<HoursItem>({
      Key: key,
      UpdateExpression: "REMOVE heldSinceMs",
      ConditionExpression: "attribute_exists(heldSinceMs)",
      ReturnValues: "ALL_OLD",
    });
    return written.ok ? (written.output.Attributes?.heldSinceMs ?? null) : null;
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
