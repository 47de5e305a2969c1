import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Stack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import type { ChatMessage } from "#protocol";
import { LoadClient, openOwner } from "./load-client.ts";
import { scanTable } from "./stack.ts";

export interface LoadOutcome {
  /** Every message a sender got `sent` for, by id. */
  sent: Map<string, ChatMessage>;
  /** Pushes each owner connection received, by message id. */
  ownerPushes: Map<string, number>[];
  /** Frames that were neither a reply nor a push (a repeated `sent` for a repeated delivery is not one). */
  strays: unknown[];
}

/**
 * `visitors` visitor sockets and `owners` owner sockets; every visitor sends `messages` messages
 * (all visitors at once, each waiting for its `sent`, then a random pause of `thinkMs` on average,
 * none by default), then everyone waits for the pushes to settle.
 */
export async function runVisitorLoad(
  stack: Stack,
  options: { visitors: number; owners: number; messages: number; thinkMs?: number },
): Promise<LoadOutcome> {
  const think = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (options.thinkMs ?? 0)));
  const owners = await Promise.all(Array.from({ length: options.owners }, () => openOwner(stack.socketUrl, stack.ownerPassword)));
  const ownerPushes = owners.map((owner) => {
    const counts = new Map<string, number>();
    owner.client.onPush = (message) => counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
    return counts;
  });
  const visitors: { client: LoadClient; visitorId: string }[] = [];
  for (let start = 0; start < options.visitors; start += 50) {
    const batch = Array.from({ length: Math.min(50, options.visitors - start) }, async () => {
      const client = await LoadClient.open(stack.socketUrl);
      const visitorId = randomUUID();
      await client.expectReply({ action: "hello", visitorId });
      return { client, visitorId };
    });
    visitors.push(...(await Promise.all(batch)));
  }
  const sent = new Map<string, ChatMessage>();
  await Promise.all(
    visitors.map(async ({ client, visitorId }) => {
      for (let n = 0; n < options.messages; n++) {
        if (options.thinkMs) await think();
        const id = randomUUID();
        const reply = await client.request({ action: "send", visitorId, id, text: `message ${n} from ${visitorId.slice(0, 8)}` }, 60_000);
        assert.equal(reply.type, "sent", JSON.stringify(reply));
        if (reply.type === "sent") sent.set(id, reply.message);
      }
    }),
  );
  const expected = sent.size;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && ownerPushes.some((counts) => counts.size < expected))
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // A frame delivered twice is answered twice: the second `sent` is expected, anything else is not.
  const strays = [...owners.map((owner) => owner.client), ...visitors.map((visitor) => visitor.client)]
    .flatMap((client) => client.strays)
    .filter((frame) => (frame as { type?: string }).type !== "sent");
  await Promise.all([...owners.map((owner) => owner.client.close()), ...visitors.map((visitor) => visitor.client.close())]);
  return { sent, ownerPushes, strays };
}

/** The messages stored in the table, by id, each with how many items carry that id. */
export async function storedMessages(stack: Stack): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const item of await scanTable(stack)) {
    if (!String(item.sk).startsWith(keys.messageSk(""))) continue;
    counts.set(item.id as string, (counts.get(item.id as string) ?? 0) + 1);
  }
  return counts;
}

/** Every message sent was stored exactly once and pushed exactly once to every owner connection. */
export async function assertExactlyOnce(stack: Stack, outcome: LoadOutcome, expectedMessages: number): Promise<void> {
  assert.equal(outcome.sent.size, expectedMessages, "every send was answered sent");
  const stored = await storedMessages(stack);
  for (const id of outcome.sent.keys()) assert.equal(stored.get(id), 1, `message ${id} is stored once`);
  outcome.ownerPushes.forEach((counts, owner) => {
    const missing = [...outcome.sent.keys()].filter((id) => !counts.has(id));
    const duplicated = [...counts].filter(([, count]) => count !== 1);
    assert.deepEqual(missing, [], `owner connection ${owner} received every message`);
    assert.deepEqual(duplicated, [], `owner connection ${owner} received each message once`);
  });
  assert.deepEqual(outcome.strays, [], "no error frames from the gateway");
}
