import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type Projection,
} from "@aws-sdk/client-dynamodb";
import { tableDefinition } from "./table.ts";

function projection(kind: "all" | "keys-only" | readonly string[]): Projection {
  if (kind === "all") return { ProjectionType: "ALL" };
  if (kind === "keys-only") return { ProjectionType: "KEYS_ONLY" };
  return { ProjectionType: "INCLUDE", NonKeyAttributes: [...kind] };
}

/** The CreateTable request for Porch's table, derived from the one table definition. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { fields, primaryIndex, globalIndexes, localIndexes } = tableDefinition;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.keys(fields).map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: primaryIndex.hashKey, KeyType: "HASH" },
      { AttributeName: primaryIndex.rangeKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.hashKey, KeyType: "HASH" },
        { AttributeName: index.rangeKey, KeyType: "RANGE" },
      ],
      Projection: projection(index.projection),
    })),
    LocalSecondaryIndexes: Object.entries(localIndexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: primaryIndex.hashKey, KeyType: "HASH" },
        { AttributeName: index.rangeKey, KeyType: "RANGE" },
      ],
      Projection: projection(index.projection),
    })),
  };
}

/**
 * Creates the table if it is missing and waits until it is ACTIVE.
 * Returns true when it created it. (TTL is not set here: dynalite has no UpdateTimeToLive,
 * and on AWS `sst deploy` sets it; readers ignore expired items either way.)
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  let created = false;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    created = true;
  }
  for (let attempt = 0; attempt < 300; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return created;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE within 30 s`);
}
