import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Counters, SignIns } from "../chat/ports.ts";
import { keys } from "./keys.ts";

const toS = (ms: number) => Math.ceil(ms / 1000);

/**
 * Limits' counters: one small item per key (the key names its window), counted with `ADD` under a
 * condition, so one request both checks and counts, atomically. The items expire (TTL) at the end
 * of their window; nothing reads an expired one, since a later window is another key.
 */
export class DynamoCounters implements Counters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(key: string, max: number, expiresAtMs: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.counterPk(key), sk: keys.counterSk },
          UpdateExpression: "ADD hits :one SET expiresAtS = if_not_exists(expiresAtS, :expires)",
          ConditionExpression: "attribute_not_exists(hits) OR hits < :max",
          ExpressionAttributeValues: { ":one": 1, ":max": max, ":expires": toS(expiresAtMs) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async giveBack(key: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.counterPk(key), sk: keys.counterSk },
          UpdateExpression: "ADD hits :minusOne",
          ConditionExpression: "hits > :zero",
          ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async add(key: string, count: number, expiresAtMs: number): Promise<number> {
    const output = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.counterPk(key), sk: keys.counterSk },
        UpdateExpression: "ADD hits :count SET expiresAtS = if_not_exists(expiresAtS, :expires)",
        ExpressionAttributeValues: { ":count": count, ":expires": toS(expiresAtMs) },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return output.Attributes?.hits as number;
  }
}

/** The addresses the owner signed in from, each remembered for a while (TTL). */
export class DynamoSignIns implements SignIns {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async remember(sourceIp: string, nowMs: number, forMs: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.signInPk(sourceIp), sk: keys.counterSk, signedInAt: nowMs, expiresAtS: toS(nowMs + forMs) },
      }),
    );
  }

  async isKnown(sourceIp: string, nowMs: number): Promise<boolean> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: keys.signInPk(sourceIp), sk: keys.counterSk }, ConsistentRead: true }),
    );
    const expiresAtS: unknown = output.Item?.expiresAtS;
    return typeof expiresAtS === "number" && expiresAtS * 1000 > nowMs;
  }
}
