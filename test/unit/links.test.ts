import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linkProperties, links, type LocalStackParts } from "#backend/handlers/links.ts";
import { provideLinks } from "#backend/local/links.ts";

/** Every part the local stack gives, each a value of its own, so a link reading the wrong one shows. */
const parts: LocalStackParts = {
  tableName: "porch-test",
  socketUrl: "ws://127.0.0.1:1/local",
  managementEndpoint: "http://127.0.0.1:2/local",
  ownerPassword: "password",
  linkSigningKey: "link key",
  notifyWebhook: "https://hooks.example/1",
  notifyFunctionName: "porch-notify",
  jobsQueueUrl: "http://127.0.0.1:2/000000000000/porch-jobs",
  attachmentsBucket: "porch-attachments-test",
};

describe("the table of links", () => {
  it("gives the local stack's handlers each link as SST does: its kind, exactly its kind's properties", async () => {
    provideLinks({ ...parts, appStage: "test" });
    const { Resource } = await import("sst");
    const linked = Resource as unknown as Record<string, Record<string, unknown>>;
    for (const link of Object.values(links)) {
      const { type, ...properties } = linked[link.name] ?? {};
      assert.equal(type, link.kind, link.name);
      assert.deepEqual(Object.keys(properties).sort(), [...linkProperties[link.kind]].sort(), link.name);
    }
    assert.deepEqual(linked.App, { name: "porch", stage: "test" });
    assert.equal(Resource.PorchSocket.managementEndpoint, parts.managementEndpoint);
    assert.equal(Resource.NotifyWebhook.value, parts.notifyWebhook);
  });

  it("gives a later stack's links to a process that already read the first's", async () => {
    const { Resource } = await import("sst");
    provideLinks({ ...parts, appStage: "first", tableName: "first-table" });
    assert.equal(Resource.PorchTable.name, "first-table");
    provideLinks({ ...parts, appStage: "second", tableName: "second-table" });
    assert.equal(Resource.PorchTable.name, "second-table");
    assert.equal(Resource.App.stage, "second");
  });
});
