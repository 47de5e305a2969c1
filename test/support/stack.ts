import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { after, before } from "node:test";
import { startStack, type Stack, type StackOptions } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import { TestClient } from "./client.ts";

process.env.PORCH_LOG_LEVEL ??= "silent";

/**
 * Starts a fresh in-memory stack for the enclosing suite and closes it afterwards. Options that
 * depend on what an earlier `before` started (a stand-in push service's port) are given as a
 * function, called when the stack starts.
 */
export function useStack(options: StackOptions | (() => StackOptions) = {}): { readonly stack: Stack } {
  const holder = {} as { stack: Stack };
  before(async () => {
    const given = typeof options === "function" ? options() : options;
    holder.stack = await startStack({ port: 0, dataDir: null, ownerPassword: "correct horse battery", ...given });
  });
  after(async () => {
    const violations = holder.stack?.gateway.limitViolations() ?? [];
    await holder.stack?.close();
    // Any reply or push over API Gateway's message limit would not have reached its client on AWS.
    if (violations.length) throw new Error(`messages over the 128 KB limit: ${JSON.stringify(violations)}`);
    const contract = TestClient.violations.splice(0);
    if (contract.length) throw new Error(`frames outside the protocol:\n${contract.join("\n")}`);
  });
  return holder;
}

/**
 * The items that hold what people wrote and did, without the limits' counters (`LIMIT#…`), which
 * every frame past a few may add to (backend/chat/frame-gate.ts), and the owner's unread total
 * (`UNREADTOTAL`, counted on its first read): for asserting nothing was stored.
 */
export function withoutCounters(items: Record<string, unknown>[]): Record<string, unknown>[] {
  return items.filter((item) => !String(item.pk).startsWith(keys.counterPk("")) && item.pk !== keys.unreadTotalPk);
}

/** Every item in the table, for asserting what was (not) stored. */
export async function scanTable(stack: Stack): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint }));
  try {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      // A scan answers at most 1 MB: page through the rest.
      const output = await client.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    client.destroy();
  }
}

/** Opens a connection and signs in as the owner. */
export async function ownerClient(stack: Stack): Promise<{ client: TestClient; token: string }> {
  const client = await TestClient.open(stack.socketUrl);
  const { token } = await client.expectReply({ action: "login", password: stack.ownerPassword });
  await client.expectReply({ action: "hello", token });
  return { client, token };
}

/** Opens a connection and says hello as a visitor. */
export async function visitorClient(stack: Stack, visitorId: string): Promise<TestClient> {
  const client = await TestClient.open(stack.socketUrl);
  await client.expectReply({ action: "hello", visitorId });
  return client;
}
