import type { HoursStore } from "../chat/ports.ts";
import type { BusinessHours } from "#protocol";
import type { HoursItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const key = { pk: keys.hoursPk, sk: keys.hoursSk };

/** Until the owner sets hours: none, so always available. */
const noHours: BusinessHours = { timeZone: "UTC", weekly: [] };

/** The owner's business hours (docs/data-model.md, "Business hours"): one small item, written whole. */
export class DynamoHours implements HoursStore {
  constructor(private readonly table: Table) {}

  async read(): Promise<BusinessHours> {
    const item = await this.table.get<HoursItem>(key);
    return item ? { timeZone: item.timeZone, weekly: item.weekly } : noHours;
  }

  async write(hours: BusinessHours): Promise<void> {
    await this.table.put<HoursItem>({ Item: { ...key, timeZone: hours.timeZone, weekly: hours.weekly } });
  }
}
