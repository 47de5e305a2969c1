import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { limits } from "../../protocol/index.ts";
import { m } from "./items.ts";
import { keys } from "./keys.ts";

/** Wrong owner passwords per source address, in a window that expires (TTL). */
export class LoginThrottle {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Wrong passwords from this address within the current window. */
  async failures(sourceIp: string, nowMs: number): Promise<number> {
    const output = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: m({ pk: keys.loginThrottlePk(sourceIp), sk: "#" }),
        ConsistentRead: true,
      }),
    );
    if (!output.Item) return 0;
    const item = unmarshall(output.Item);
    return (item.windowStartMs as number) + limits.loginFailureWindowMs > nowMs ? (item.failures as number) : 0;
  }

  async recordFailure(sourceIp: string, nowMs: number): Promise<void> {
    const key = m({ pk: keys.loginThrottlePk(sourceIp), sk: "#" });
    const windowEndsAtS = Math.ceil((nowMs + limits.loginFailureWindowMs) / 1000);
    try {
      // Count into the open window...
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "ADD failures :one",
          ConditionExpression: "windowStartMs > :windowOpen",
          ExpressionAttributeValues: m({ ":one": 1, ":windowOpen": nowMs - limits.loginFailureWindowMs }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // ...or open a new one.
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: m({
            pk: keys.loginThrottlePk(sourceIp),
            sk: "#",
            failures: 1,
            windowStartMs: nowMs,
            expiresAtS: windowEndsAtS,
          }),
        }),
      );
    }
  }
}
