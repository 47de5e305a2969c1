import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startDynalite } from "#backend/local/dynamo.ts";
import { startStack } from "#backend/local/stack.ts";
import { visitorClient } from "../support/stack.ts";

describe("the local stack on disk", () => {
  it("keeps conversations and the generated owner password across a restart", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "porch-persist-"));
    const visitorId = randomUUID();
    const id = randomUUID();
    try {
      const first = await startStack({ port: 0, dataDir });
      assert.ok(first.ownerPasswordFile, "the password was generated and kept");
      const client = await visitorClient(first, visitorId);
      await client.request({ action: "register", visitorId, nickname: "Persistent" });
      const sent = await client.request({ action: "send", visitorId, id, text: "remember me" });
      assert.equal(sent.type, "sent");
      await client.close();
      await first.close();

      const second = await startStack({ port: 0, dataDir });
      assert.equal(second.ownerPassword, first.ownerPassword);
      const again = await visitorClient(second, visitorId);
      const hello = await again.expectReply({ action: "hello", visitorId });
      assert.deepEqual(hello.visitor, { nickname: "Persistent" });
      const history = await again.expectReply({ action: "list", visitorId });
      assert.deepEqual(
        history.messages.map((message) => [message.id, message.text]),
        [[id, "remember me"]],
      );
      await again.close();
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("uses a DynamoDB endpoint it is given, creating the table there, instead of starting its own", async () => {
    const dynamo = await startDynalite();
    try {
      const stack = await startStack({ port: 0, dataDir: null, dynamoEndpoint: dynamo.endpoint, tableName: "porch-given" });
      assert.equal(stack.dynamoEndpoint, dynamo.endpoint);
      const visitorId = randomUUID();
      const client = await visitorClient(stack, visitorId);
      const sent = await client.request({ action: "send", visitorId, id: randomUUID(), text: "stored elsewhere" });
      assert.equal(sent.type, "sent");
      await client.close();
      await stack.close();
      const again = await startStack({ port: 0, dataDir: null, dynamoEndpoint: dynamo.endpoint, tableName: "porch-given" });
      const reader = await visitorClient(again, visitorId);
      const history = await reader.expectReply({ action: "list", visitorId });
      assert.deepEqual(
        history.messages.map((message) => message.text),
        ["stored elsewhere"],
        "the table outlived the stack",
      );
      await reader.close();
      await again.close();
    } finally {
      await dynamo.close();
    }
  });
});
