import { DynamoDBClient, QueryCommand, type AttributeValue, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

/**
 * A DynamoDB client for Porch's stores. Every request asks for its consumed capacity: free, and
 * it lets the benchmark count capacity at the server.
 */
export function tableClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      return next(args);
    },
    { step: "initialize", name: "porchConsumedCapacity", override: true },
  );
  return client;
}

/** Every item a query matches, page after page. */
export async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const output = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    for (const item of output.Items ?? []) items.push(unmarshall(item));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}
