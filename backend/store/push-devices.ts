import { createHash } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { PushDevice, PushDevices, VapidKeys } from "../chat/ports.ts";
import { keys } from "./keys.ts";
import { queryAll } from "./table-client.ts";

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
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(device: PushDevice): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...endpointKey(device.endpoint), endpoint: device.endpoint, keys: device.keys, subscribedAt: device.subscribedAt },
      }),
    );
  }

  async remove(endpoint: string): Promise<boolean> {
    const output = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: endpointKey(endpoint), ReturnValues: "ALL_OLD" }),
    );
    return output.Attributes !== undefined;
  }

  async list(max: number): Promise<PushDevice[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.pushDevicesPk },
    });
    return items
      .map((item) => ({
        endpoint: item.endpoint as string,
        keys: item.keys as PushDevice["keys"],
        subscribedAt: item.subscribedAt as number,
      }))
      .sort((a, b) => b.subscribedAt - a.subscribedAt)
      .slice(0, max);
  }

  async vapidKeys(generate: () => VapidKeys): Promise<VapidKeys> {
    const Key = { pk: keys.vapidKeysPk, sk: keys.counterSk };
    const read = async () => {
      const output = await this.client.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
      return output.Item ? { publicKey: output.Item.publicKey as string, privateKey: output.Item.privateKey as string } : null;
    };
    const kept = await read();
    if (kept) return kept;
    const made = generate();
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...Key, ...made }, ConditionExpression: "attribute_not_exists(pk)" }),
      );
      return made;
    } catch (error) {
      // Another cold start kept its pair first: everyone uses that one.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const winner = await read();
      if (!winner) throw error;
      return winner;
    }
  }
}
