import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

/** An item as the document client reads and writes it: plain JavaScript values. */
export type Item = Record<string, unknown>;

/**
 * The DynamoDB document client Porch's stores share: plain JavaScript values in and out
 * (`undefined` attributes are left out rather than refused). Every request asks for its consumed
 * capacity: free, and it lets the benchmark count capacity at the server. The middleware sits on
 * the underlying client's stack, which the document client uses too.
 */
export function tableClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      return next(args);
    },
    { step: "initialize", name: "porchConsumedCapacity", override: true },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Every item a query matches, page after page. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const output = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The stored item a conditional write collided with. Real DynamoDB returns it with the error
 * (`ReturnValuesOnConditionCheckFailure: "ALL_OLD"`), in the low-level shape the document client
 * leaves as it is; dynalite does not return it, so it is read then, consistently.
 */
export async function conflictingItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  error: ConditionalCheckFailedException,
  key: Item,
): Promise<Item | null> {
  if (error.Item) return unmarshall(error.Item);
  const output = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return output.Item ?? null;
}
