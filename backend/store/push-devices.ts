import { createHash } from "node:crypto";
import type { ListedPushDevice, PushDevice, PushDevices, VapidKeys } from "../chat/ports.ts";
import type { PushDeviceItem, VapidKeysItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

/** A device's id: its endpoint's hash, so a 2,048-character URL makes a short sort key (and `devices` lists no endpoint). */
const deviceIdOf = (endpoint: string) => createHash("sha256").update(endpoint).digest("base64url");

const deviceKey = (deviceId: string) => ({ pk: keys.pushDevicesPk, sk: keys.pushDeviceSk(deviceId) });
const endpointKey = (endpoint: string) => deviceKey(deviceIdOf(endpoint));

/**
 * The owner's push devices, one item each in one partition (a handful: `subscribe` is limited),
 * and the VAPID key pair, one item made by the first caller that needs it (docs/data-model.md).
 */
export class DynamoPushDevices implements PushDevices {
  constructor(private readonly table: Table) {}

  async add(device: PushDevice): Promise<void> {
    await this.table.put<PushDeviceItem>({ Item: { ...endpointKey(device.endpoint), ...device } });
  }

  remove(endpoint: string): Promise<boolean> {
    return this.removeById(deviceIdOf(endpoint));
  }

  async removeById(deviceId: string): Promise<boolean> {
    const output = await this.table.delete<PushDeviceItem>({ Key: deviceKey(deviceId), ReturnValues: "ALL_OLD" });
    return output.Attributes !== undefined;
  }

  async removeSession(sessionId: string): Promise<number> {
    const subscribed = (await this.all()).filter((device) => device.sessionId === sessionId);
    await Promise.all(subscribed.map((device) => this.remove(device.endpoint)));
    return subscribed.length;
  }

  async list(max = Number.POSITIVE_INFINITY): Promise<ListedPushDevice[]> {
    const devices = (await this.all()).map((device) => ({ ...device, deviceId: deviceIdOf(device.endpoint) }));
    return devices.sort((a, b) => b.subscribedAt - a.subscribedAt).slice(0, max);
  }

  async recordPush(endpoint: string, atMs: number): Promise<void> {
    // Not onto a device removed meanwhile: that would bring back an item without its endpoint.
    await this.table.updateIf({
      Key: endpointKey(endpoint),
      UpdateExpression: "SET lastPushAt = :at",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":at": atMs },
    });
  }

  /** Every device: one partition of a handful (`subscribe` keeps at most `limits.pushDevicesMax`, and is limited). */
  private async all(): Promise<PushDevice[]> {
    const items = await this.table.queryAll<PushDeviceItem>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.pushDevicesPk },
    });
    return items.map(({ pk: _pk, sk: _sk, ...device }) => device);
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
