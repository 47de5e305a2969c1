import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBServiceException,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTableCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type Projection,
  type TableDescription,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { keys } from "./keys.ts";
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
 * Creates the table if it is missing, adds any global index the definition has and the table
 * lacks (an older Porch made it), and waits until it is ACTIVE. Returns true when it created it.
 * (TTL is not set here: dynalite has no UpdateTimeToLive, and on AWS `sst deploy` sets it;
 * readers ignore expired items either way.)
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
  await whenActive(client, tableName);
  if (!created) await addMissingIndexes(client, tableName);
  return created;
}

async function whenActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE" && (Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === "ACTIVE")) {
      return Table;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE within 5 minutes`);
}

const missingIndexes = (table: TableDescription) =>
  Object.keys(tableDefinition.globalIndexes).filter(
    (name) => !(table.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === name),
  );

/**
 * Brings a table made by an older Porch up to the definition's global indexes: DynamoDB (and
 * DynamoDB Local) add them in place, one at a time, filling them from the existing items. dynalite
 * cannot (it ignores the request), so there the table is rebuilt with its items: copied to a
 * backup table, made again, copied back. A rebuild that dies halfway is finished from the backup
 * on the next start, once the backup is complete (it carries a mark); an incomplete one is begun again.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const backup = `${tableName}.rebuild`;
  if (await backupIsComplete(client, backup)) return restoreFrom(client, backup, tableName);
  let table = await whenActive(client, tableName);
  if (!missingIndexes(table).length) return;
  const input = createTableInput(tableName);
  for (const name of missingIndexes(table)) {
    const index = input.GlobalSecondaryIndexes!.find((candidate) => candidate.IndexName === name)!;
    const keyNames = new Set(index.KeySchema!.map((key) => key.AttributeName));
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: input.AttributeDefinitions!.filter((attribute) => keyNames.has(attribute.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: name, KeySchema: index.KeySchema, Projection: index.Projection } }],
        }),
      );
    } catch (error) {
      // dynalite asks for provisioned throughput, which an on-demand table cannot have.
      if (!(error instanceof DynamoDBServiceException && error.name === "ValidationException")) throw error;
      break;
    }
    table = await whenActive(client, tableName);
    if (missingIndexes(table).includes(name)) break; // not added after all
  }
  if (!missingIndexes(table).length) return;
  await dropTable(client, backup);
  await client.send(new CreateTableCommand(createTableInput(backup)));
  await whenActive(client, backup);
  await copyItems(client, tableName, backup);
  await client.send(new PutItemCommand({ TableName: backup, Item: rebuildMark }));
  await restoreFrom(client, backup, tableName);
}

/** The item that says a rebuild's backup holds every item. */
const rebuildMark = { pk: { S: keys.rebuildMarkPk }, sk: { S: keys.rebuildMarkSk } };

async function backupIsComplete(client: DynamoDBClient, backup: string): Promise<boolean> {
  try {
    const { Item } = await client.send(new GetItemCommand({ TableName: backup, Key: rebuildMark, ConsistentRead: true }));
    return Item !== undefined;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function restoreFrom(client: DynamoDBClient, backup: string, tableName: string): Promise<void> {
  await dropTable(client, tableName);
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await whenActive(client, tableName);
  await copyItems(client, backup, tableName);
  await dropTable(client, backup);
}

async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return;
    throw error;
  }
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} was not deleted within 30 s`);
}

/** Every item of a table (but a rebuild's mark), a page at a time. */
async function* scanItems(client: DynamoDBClient, tableName: string): AsyncGenerator<Record<string, AttributeValue>[]> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    yield (page.Items ?? []).filter((item) => item.pk?.S !== rebuildMark.pk.S);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Writes `requests` to a table, 25 at a time, until DynamoDB has taken them all (it may hand some back when busy). */
async function writeAll(client: DynamoDBClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2000)));
      const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = output.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

/** Copies every item (but a rebuild's mark) from one table to another. */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<void> {
  for await (const items of scanItems(client, from))
    await writeAll(
      client,
      to,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
}

/** A table, and the client of its region. */
export interface TableAt {
  client: DynamoDBClient;
  tableName: string;
}

/**
 * Makes table `to` hold what table `from` holds (in the same region or another): every item of
 * `from` put (replacing the one with its key), then every item of `to` that `from` lacks deleted.
 * How the owner puts back a point-in-time restore (`npm run restore`, docs/deploy.md): DynamoDB
 * restores into a new table only, and the deployed functions read theirs.
 */
export async function replaceTableItems(from: TableAt, to: TableAt): Promise<{ copied: number; deleted: number }> {
  const keyOf = (item: Record<string, AttributeValue>) => JSON.stringify([item.pk?.S, item.sk?.S]);
  const kept = new Set<string>();
  let copied = 0;
  for await (const items of scanItems(from.client, from.tableName)) {
    for (const item of items) kept.add(keyOf(item));
    await writeAll(
      to.client,
      to.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
    copied += items.length;
  }
  let deleted = 0;
  for await (const items of scanItems(to.client, to.tableName)) {
    const stale = items.filter((item) => !kept.has(keyOf(item)));
    await writeAll(
      to.client,
      to.tableName,
      stale.map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } })),
    );
    deleted += stale.length;
  }
  return { copied, deleted };
}
