import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LoginThrottle } from "../chat/ports.ts";
import { limits } from "../../protocol/index.ts";
import { keys } from "./keys.ts";

/** Wrong owner passwords per source address, in a window that expires (TTL). */
export class DynamoLoginThrottle implements LoginThrottle {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Wrong passwords from this address within the current window. */
  async failures(sourceIp: string, nowMs: number): Promise<number> {
    const output = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.loginThrottlePk(sourceIp), sk: "#" },
        ConsistentRead: true,
      }),
    );
    const item = output.Item;
    if (!item) return 0;
    return (item.windowStartMs as number) + limits.loginFailureWindowMs > nowMs ? (item.failures as number) : 0;
  }

  async recordFailure(sourceIp: string, nowMs: number): Promise<void> {
    const key = { pk: keys.loginThrottlePk(sourceIp), sk: "#" };
    const windowEndsAtS = Math.ceil((nowMs + limits.loginFailureWindowMs) / 1000);
    try {
      // Count into the open window...
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "ADD failures :one",
          ConditionExpression: "windowStartMs > :windowOpen",
          ExpressionAttributeValues: { ":one": 1, ":windowOpen": nowMs - limits.loginFailureWindowMs },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // ...or open a new one.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: keys.loginThrottlePk(sourceIp),
            sk: "#",
            failures: 1,
            windowStartMs: nowMs,
            expiresAtS: windowEndsAtS,
          },
        }),
      );
    }
  }
}
