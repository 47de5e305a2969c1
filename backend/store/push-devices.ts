import { createHash } from "node:crypto";
import type { PushDevice, PushDevices, VapidKeys } from "../chat/ports.ts";
import type { PushDeviceItem, VapidKeysItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

/** An endpoint's key: its hash, so a 2,048-character URL makes a short sort key. */
const endpointKey = (endpoint: string) => ({
  pk: keys.pushDevicesPk,
  sk: keys.pushDeviceSk(createHash("sha256").update(endpoint).digest("base64url")),
});

/**
 * The owner's push devices, one item each in one partition (a handful: `subscribe` is limited),
 * and the VAPID key pair, one item made by the first caller that needs it (docs/data-model.md).
 */
export class DynamoPushDevices implements PushDevices {
  constructor(private readonly table: Table) {}

  async add(device: PushDevice): Promise<void> {
    await this.table.put<PushDeviceItem>({
      Item: { ...endpointKey(device.endpoint), endpoint: device.endpoint, keys: device.keys, subscribedAt: device.subscribedAt },
    });
  }

  async remove(endpoint: string): Promise<boolean> {
    const output = await this.table.delete<PushDeviceItem>({ Key: endpointKey(endpoint), ReturnValues: "ALL_OLD" });
    return output.Attributes !== undefined;
  }

  async list(max: number): Promise<PushDevice[]> {
    const items = await this.table.queryAll<PushDeviceItem>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.pushDevicesPk },
    });
    return items
      .map((item) => ({ endpoint: item.endpoint, keys: item.keys, subscribedAt: item.subscribedAt }))
      .sort((a, b) => b.subscribedAt - a.subscribedAt)
      .slice(0, max);
  }

  async vapidKeys(generate: () => VapidKeys): Promise<VapidKeys> {
    const key = { pk: keys.vapidKeysPk, sk: keys.counterSk };
    const pair = (item: VapidKeysItem) => ({ publicKey: item.publicKey, privateKey: item.privateKey });
    const kept = await this.table.get<VapidKeysItem>(key);
    if (kept) return pair(kept);
    const made = generate();
    const written = await this.table.putIf<VapidKeysItem>(
      { Item: { ...key, ...made }, ConditionExpression: "attribute_not_exists(pk)" },
      { existing: true },
    );
    if (written.ok) return made;
    // Another cold start kept its pair first: everyone uses that one.
    if (!written.existing) throw new Error("the VAPID key pair was kept by another call, then vanished");
    return pair(written.existing);
  }
}
