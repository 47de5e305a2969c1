/**
 * Deleting a conversation of 100, 2,000 and 20,000 messages: how long the owner waits for the
 * `deleted` reply (a mark and a reset, whatever the size), and how long the sweep job then takes
 * to erase the messages, in how many runs (each erases at most `sweepRunItems`).
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import { openOwner } from "#test/support/load-client.ts";
import { seedConversation } from "#test/support/seed-conversation.ts";

export interface DeleteTiming {
  messages: number;
  /** From sending `delete` to its reply. */
  answerMs: number;
  /** From sending `delete` until the queue is idle: every message erased. */
  sweptMs: number;
  /** Jobs functions runs the sweep took. */
  sweepRuns: number;
  /** Messages still in the table afterwards (0). */
  left: number;
}

async function messagesLeft(stack: Stack, visitorId: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint }));
  try {
    const output = await client.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :m)",
        ExpressionAttributeValues: { ":pk": keys.conversationPk(visitorId), ":m": keys.messageSk("") },
        Select: "COUNT",
        ConsistentRead: true,
      }),
    );
    return output.Count ?? 0;
  } finally {
    client.destroy();
  }
}

export async function measureDeletes(progress: (line: string) => void, sizes = [100, 2000, 20_000]): Promise<DeleteTiming[]> {
  const stack = await startStack({ port: 0, dataDir: null, ownerPassword: "bench-owner" });
  const timings: DeleteTiming[] = [];
  try {
    const owner = await openOwner(stack.socketUrl, stack.ownerPassword);
    const deleteNow = async (visitorId: string) => {
      const started = performance.now();
      await owner.client.expectReply({ action: "delete", token: owner.token, visitorId });
      return { started, answerMs: performance.now() - started };
    };
    // The first delete loads the SQS client; it is not what a delete costs.
    const warmUp = randomUUID();
    await seedConversation(stack, warmUp, 1);
    await deleteNow(warmUp);
    await stack.queue.idle(30_000, { dueWithinMs: 1000 });
    for (const messages of sizes) {
      const visitorId = randomUUID();
      const seededAt = performance.now();
      await seedConversation(stack, visitorId, messages);
      progress(`deletes: seeded ${messages.toLocaleString("en")} messages in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
      const runsBefore = stack.queue.invocations().length;
      const { started, answerMs } = await deleteNow(visitorId);
      await stack.queue.idle(30 * 60_000, { dueWithinMs: 1000 }); // the sweeps, not the owner's lease job
      const sweptMs = performance.now() - started;
      const timing = {
        messages,
        answerMs,
        sweptMs,
        sweepRuns: stack.queue.invocations().length - runsBefore,
        left: await messagesLeft(stack, visitorId),
      };
      progress(
        `deletes: ${messages.toLocaleString("en")} messages, answered in ${answerMs.toFixed(0)} ms, swept in ${(sweptMs / 1000).toFixed(1)} s (${timing.sweepRuns} runs)`,
      );
      timings.push(timing);
    }
    await owner.client.close();
  } finally {
    await stack.close();
  }
  return timings;
}
