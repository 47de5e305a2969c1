import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { sequentialRoundTrips } from "#bench/costs.ts";
import { isRead, readCapacity } from "#bench/real-capacity.ts";
import { type ExportPageReply, type HistoryReply, limits } from "#protocol";
import { TestClient } from "../support/client.ts";
import { startDynamoProxy, type DynamoProxy } from "../support/dynamo-proxy.ts";
import { seedConversation } from "../support/seed-conversation.ts";

/** What a frame read from DynamoDB, as real DynamoDB would charge it (bench/real-capacity.ts). */
interface Reads {
  readUnits: number;
  requests: number;
  roundTrips: number;
}

/**
 * A frame reads at most what it can answer (API Gateway's 128 KB, about 32 read units) and a small
 * constant, however long the messages it reads: an attacker who wrote 60 of the longest messages
 * cannot make each `list` read the whole conversation (238 RU for 7 messages answered, before).
 */
describe("reads bounded by what a frame can answer", () => {
  let dynamo: LocalDynamo;
  let proxy: DynamoProxy;
  let stack: Stack;
  before(async () => {
    dynamo = await startDynalite();
    proxy = await startDynamoProxy({ target: dynamo.endpoint });
    stack = await startStack({ port: 0, dataDir: null, dynamoEndpoint: proxy.endpoint, ownerPassword: "correct horse battery" });
  });
  after(async () => {
    await stack?.close();
    await proxy?.close();
    await dynamo?.close();
  });

  async function reads(work: () => Promise<void>): Promise<Reads> {
    proxy.reset();
    await work();
    const calls = proxy.calls.filter((call) => isRead(call.operation));
    return {
      readUnits: calls.reduce((sum, call) => sum + readCapacity(call.operation, call.input, call.output).readUnits, 0),
      requests: calls.length,
      roundTrips: sequentialRoundTrips(calls),
    };
  }

  /** 60 messages of 4,000 four-byte characters (16 KB each), the visitor's written on a page with a long address. */
  async function longConversation(): Promise<string> {
    const visitorId = randomUUID();
    await seedConversation(stack, visitorId, 60, {
      text: (n) => `${"🍞".repeat(limits.textMaxChars - 1)}${n % 10}`,
      page: { url: `https://blog.example/${"p".repeat(2000)}`, title: "Sourdough, step by step" },
    });
    return visitorId;
  }

  it("answers a visitor's list {limit: 100} of 60 messages of 4,000 characters reading at most 40 RU, page after page", async () => {
    const visitorId = await longConversation();
    const client = await TestClient.open(stack.socketUrl);
    let before: string | undefined;
    const received: string[] = [];
    for (let page = 0; page < 3; page++) {
      let reply!: HistoryReply;
      const cost = await reads(async () => {
        reply = await client.expectReply({ action: "list", visitorId, limit: 100, ...(before ? { before } : {}) });
      });
      assert.ok(cost.readUnits <= 40, `page ${page + 1}: ${cost.readUnits} RU for ${reply.messages.length} messages`);
      assert.ok(reply.messages.length >= 6, `page ${page + 1}: ${reply.messages.length} messages answered`);
      assert.equal(reply.more, true);
      received.unshift(...reply.messages.map((message) => message.id));
      before = reply.cursor!;
    }
    assert.equal(new Set(received).size, received.length, "no message twice");
    await client.close();
  });

  it("answers the owner's list {limit: 100} with each message's page reading at most 40 RU", async () => {
    const visitorId = await longConversation();
    const client = await TestClient.open(stack.socketUrl);
    const { token } = await client.expectReply({ action: "login", password: stack.ownerPassword });
    let reply!: HistoryReply;
    const cost = await reads(async () => {
      reply = await client.expectReply({ action: "list", token, visitorId, limit: 100 });
    });
    assert.ok(cost.readUnits <= 40, `${cost.readUnits} RU for ${reply.messages.length} messages`);
    assert.ok(reply.messages.length >= 4, `${reply.messages.length} messages answered`);
    assert.ok(reply.messages.filter((message) => message.from === "visitor").every((message) => message.page?.title));
    await client.close();
  });

  it("answers every export page, whatever the conversations hold, reading at most 40 RU", async () => {
    await longConversation();
    const client = await TestClient.open(stack.socketUrl);
    const { token } = await client.expectReply({ action: "login", password: stack.ownerPassword });
    let cursor: string | undefined;
    const costs: number[] = [];
    let messages = 0;
    do {
      let reply!: ExportPageReply;
      const cost = await reads(async () => {
        reply = await client.expectReply({ action: "export", token, ...(cursor ? { cursor } : {}) });
      });
      costs.push(cost.readUnits);
      messages += reply.conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0);
      cursor = reply.cursor ?? undefined;
    } while (cursor);
    assert.ok(costs.length >= 8, `${costs.length} pages`);
    assert.ok(Math.max(...costs) <= 40, `RU per page: ${costs.join(", ")}`);
    assert.ok(messages >= 60, `${messages} messages`);
    await client.close();
  });

  it("reads one message and one more for list {limit: 1}, and a page of short messages in a few small reads", async () => {
    const long = await longConversation();
    const client = await TestClient.open(stack.socketUrl);
    const one = await reads(() => client.expectReply({ action: "list", visitorId: long, limit: 1 }).then(() => {}));
    // Two messages of 16 KB (4 RU each, read consistently), the head's count the newest page carries
    // (1 RU), and the query of the conversation's attachments (0.5 RU when it has none): the
    // timeline index, whose projection cannot change, does not hold a message's files.
    assert.ok(one.readUnits <= 8 + 1 + 0.5, `${one.readUnits} RU for one message of 16 KB`);

    const short = randomUUID();
    await seedConversation(stack, short, 60);
    let reply!: HistoryReply;
    const page = await reads(async () => {
      reply = await client.expectReply({ action: "list", visitorId: short });
    });
    assert.equal(reply.messages.length, limits.historyDefaultLimit);
    // Batches of 8 (what 128 KB would hold of the longest messages): 7 queries of 1 RU, the get of
    // the head's count the newest page carries, and the query of its attachments (0.5 RU).
    assert.ok(
      page.readUnits <= 8 + 0.5 && page.requests <= 7 + 1 + 1,
      `${JSON.stringify(page)} for ${limits.historyDefaultLimit} short messages`,
    );
    await client.close();
  });
});
