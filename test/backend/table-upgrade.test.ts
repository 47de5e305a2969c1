import assert from "node:assert/strict";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { after, before, describe, it } from "node:test";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import { createTableInput, ensureTable } from "#backend/store/create-table.ts";
import { keys } from "#backend/store/keys.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

describe("a table made by an older Porch", () => {
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;

  before(async () => {
    dynamo = await startDynalite();
    client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    });
    documents = DynamoDBDocumentClient.from(client);
  });
  after(async () => {
    client.destroy();
    await dynamo.close();
  });

  /** The table as Porch made it before the `live` index: every index but that one. */
  async function olderTable(tableName: string) {
    const input = createTableInput(tableName);
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes!.filter((index) => index.IndexName !== "live");
    input.AttributeDefinitions = input.AttributeDefinitions!.filter((field) => !field.AttributeName!.startsWith("live"));
    await client.send(new CreateTableCommand(input));
    const items = Array.from({ length: 60 }, (_, n) => ({
      pk: keys.conversationPk(`visitor-${n}`),
      sk: keys.headSk,
      lsk: keys.headLsk,
      visitorId: `visitor-${n}`,
      n,
    }));
    items.push({
      pk: keys.conversationPk("visitor-live"),
      sk: keys.visitorBindingSk("conn"),
      lsk: keys.visitorBindingLsk("conn"),
      livePk: keys.liveVisitorsPk,
      liveSk: "conn",
      n: 60,
    } as never);
    for (const Item of items) await documents.send(new PutCommand({ TableName: tableName, Item }));
    return items;
  }

  const allItems = async (tableName: string) =>
    ((await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []).sort(
      (a, b) => (a.n as number) - (b.n as number),
    );

  it("gets the new index on start, with every item kept and indexed", async () => {
    const items = await olderTable("upgrade");
    assert.equal(await ensureTable(client, "upgrade"), false, "not created: upgraded");
    const { Table } = await client.send(new DescribeTableCommand({ TableName: "upgrade" }));
    assert.deepEqual(Table!.GlobalSecondaryIndexes!.map((index) => index.IndexName).sort(), ["inbox", "live"]);
    assert.deepEqual(await allItems("upgrade"), items);
    const live = await documents.send(
      new QueryCommand({
        TableName: "upgrade",
        IndexName: "live",
        KeyConditionExpression: "livePk = :l",
        ExpressionAttributeValues: { ":l": "LIVE" },
      }),
    );
    assert.deepEqual(
      live.Items?.map((item) => item.liveSk as string),
      ["conn"],
    );
    const { TableNames } = await client.send(new ListTablesCommand({}));
    assert.ok(!TableNames!.some((name) => name.endsWith(".rebuild")), "the backup is gone");
    assert.equal(await ensureTable(client, "upgrade"), false, "a second start changes nothing");
    assert.deepEqual(await allItems("upgrade"), items);
  });

  it("finishes a rebuild that died after its backup was complete, from the backup", async () => {
    const items = await olderTable("interrupted");
    // What a rebuild leaves if it dies while the table is being remade: a complete backup, and a
    // new table with only some items.
    await client.send(new CreateTableCommand(createTableInput("interrupted.rebuild")));
    for (const Item of items) await documents.send(new PutCommand({ TableName: "interrupted.rebuild", Item }));
    await documents.send(new PutCommand({ TableName: "interrupted.rebuild", Item: { pk: keys.rebuildMarkPk, sk: keys.rebuildMarkSk } }));
    await ensureTable(client, "interrupted");
    assert.deepEqual(await allItems("interrupted"), items);
  });

  it("begins again when it died while making its backup", async () => {
    const items = await olderTable("early");
    await client.send(new CreateTableCommand(createTableInput("early.rebuild")));
    await documents.send(new PutCommand({ TableName: "early.rebuild", Item: items[0]! }));
    await ensureTable(client, "early");
    assert.deepEqual(await allItems("early"), items);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: "early" }));
    assert.ok(Table!.GlobalSecondaryIndexes!.some((index) => index.IndexName === "live"));
  });
});
