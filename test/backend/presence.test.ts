import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, it } from "node:test";
import type { PresencePush, VisitorHelloReply } from "#protocol";
import { DynamoConnectionStore } from "#backend/store/connections.ts";
import { keys } from "#backend/store/keys.ts";
import { Table, tableClient } from "#backend/store/table-client.ts";
import { type TestClient, sleep } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const presence = (frame: { type: string }): frame is PresencePush => frame.type === "presence";
const presencesOf = (client: TestClient) => client.frames.filter(presence);

/** Resolves with the next presence push that says `online`, after the ones `client` already has. */
function nextPresence(client: TestClient, online: boolean, timeoutMs = 5000): Promise<PresencePush> {
  const already = presencesOf(client).length;
  return client.waitFor(
    (frame) => presence(frame) && presencesOf(client).indexOf(frame) >= already && frame.owner.online === online,
    timeoutMs,
    `presence online=${online}`,
  ) as Promise<PresencePush>;
}

describe("presence: every open visitor connection hears when the owner comes and goes", () => {
  // A second's grace after the owner's last connection closes, instead of 15: the tests wait it out.
  const ctx = useStack({ ownerAwayGraceS: 1 });

  /** Two visitors, one of them with two tabs, none of them told anything yet. */
  async function threeTabs() {
    const ada = randomUUID();
    const tabs = [await visitorClient(ctx.stack, ada), await visitorClient(ctx.stack, ada), await visitorClient(ctx.stack, randomUUID())];
    return { tabs, close: () => Promise.all(tabs.map((tab) => tab.close())) };
  }

  /** Waits until a visitor's hello says the owner is away (after an earlier test's owner left). */
  async function ownerAway() {
    const probe = await visitorClient(ctx.stack, randomUUID());
    for (let tries = 0; tries < 50; tries++) {
      const hello = await probe.expectReply({ action: "hello", visitorId: randomUUID() });
      if (!hello.owner.online) break;
      await sleep(100);
    }
    await probe.close();
  }

  const connectionStore = () =>
    new DynamoConnectionStore(new Table(tableClient(new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint })), ctx.stack.tableName));

  it("tells every visitor tab the owner is online when their first connection opens, and not again for a second one", async () => {
    await ownerAway();
    const { tabs, close } = await threeTabs();
    const pushes = tabs.map((tab) => nextPresence(tab, true));
    const startedAt = Date.now();
    const owner = await ownerClient(ctx.stack);
    for (const push of await Promise.all(pushes)) {
      assert.equal(push.owner.online, true);
      assert.ok(push.owner.lastSeenAt! >= startedAt - 1000);
    }
    const secondTab = await ownerClient(ctx.stack);
    await owner.client.request({ action: "ping", token: owner.token });
    await sleep(200);
    for (const tab of tabs) assert.equal(presencesOf(tab).length, 1, "only the first owner connection is news");
    await Promise.all([owner.client.close(), secondTab.client.close(), close()]);
  });

  it("tells them the owner is away once the last owner connection has closed and the grace period passed", async () => {
    const owner = await ownerClient(ctx.stack);
    const { tabs, close } = await threeTabs();
    const away = tabs.map((tab) => nextPresence(tab, false));
    const closedAt = Date.now();
    await owner.client.close();
    const pushes = await Promise.all(away);
    const arrivedAfterMs = Date.now() - closedAt;
    assert.ok(arrivedAfterMs >= 900, `told after ${arrivedAfterMs} ms, inside the grace period`);
    assert.ok(arrivedAfterMs < 5000, `told after ${arrivedAfterMs} ms`);
    for (const push of pushes) assert.ok(push.owner.lastSeenAt! >= closedAt - 100, "last seen when the inbox closed");
    // A visitor arriving now hears the same from hello.
    const late = await visitorClient(ctx.stack, randomUUID());
    assert.equal((late.frames[0] as VisitorHelloReply).owner.online, false);
    await Promise.all([late.close(), close()]);
  });

  it("tells nobody anything when the owner reloads the inbox within the grace period, or closes one of two tabs", async () => {
    const first = await ownerClient(ctx.stack);
    const { tabs, close } = await threeTabs();
    const second = await ownerClient(ctx.stack);
    await first.client.close(); // one of two tabs
    await second.client.close(); // a reload: the page goes…
    const reloaded = await ownerClient(ctx.stack); // …and comes back at once
    await sleep(2500); // both departures' jobs have run
    for (const tab of tabs) assert.deepEqual(presencesOf(tab), [], "a reload is no news");
    await Promise.all([reloaded.client.close(), close()]);
  });

  it("marks the owner away for one claim only, and not after any activity since the departure", async () => {
    const store = connectionStore();
    const now = Date.now();
    await store.ownerActive(now);
    // The owner returns after the job read the connections but before it marked them away.
    const raced = await store.ownerLeft(now + 1);
    await store.ownerActive(now + 2);
    assert.equal(await store.markOwnerAway(raced, randomUUID()), false, "the owner came back");
    // Two jobs of the same departure: one wins, and a retry of the winner still wins.
    const left = await store.ownerLeft(now + 3);
    const [winner, loser] = [randomUUID(), randomUUID()];
    assert.equal(await store.markOwnerAway(left, winner), true);
    assert.equal(await store.markOwnerAway(left, loser), false);
    assert.equal(await store.markOwnerAway(left, winner), true, "a retried claim recognises itself");
    assert.equal(await store.ownerActive(now + 4), true, "the next activity is news again");
    assert.equal(await store.ownerActive(now + 5), false);
    await store.markOwnerAway(await store.ownerLeft(now + 6), randomUUID());
  });

  it("forgets a visitor connection the gateway no longer knows when it tries to tell it", async () => {
    await ownerAway();
    // A binding whose $disconnect never ran: the connection is gone, the item stays (until its TTL).
    const visitorId = randomUUID();
    const store = connectionStore();
    await store.bind("GoneGoneGon=", { role: "visitor", visitorId }, Date.now());
    const isBound = async () =>
      (await scanTable(ctx.stack)).some(
        (item) => item.pk === keys.conversationPk(visitorId) && item.sk === keys.visitorBindingSk("GoneGoneGon="),
      );
    assert.ok(await isBound());
    const { tabs, close } = await threeTabs();
    const told = nextPresence(tabs[0]!, true);
    const owner = await ownerClient(ctx.stack);
    await told;
    assert.equal(await isBound(), false, "the stale binding was deleted");
    assert.ok((await store.liveVisitorConnections()).every((live) => live.connectionId !== "GoneGoneGon="));
    await Promise.all([owner.client.close(), close()]);
  });

  it("lists open visitor connections in the live index, and not once they close", async () => {
    const visitorId = randomUUID();
    const tab = await visitorClient(ctx.stack, visitorId);
    const store = connectionStore();
    assert.ok((await store.liveVisitorConnections()).some((live) => live.visitorId === visitorId));
    await tab.close();
    await sleep(100);
    assert.ok((await store.liveVisitorConnections()).every((live) => live.visitorId !== visitorId));
  });
});

describe("presence when the away job is delivered more than once", () => {
  // SQS delivers at least once: here every job reaches the jobs function three times at once.
  const ctx = useStack({ ownerAwayGraceS: 1, queue: { faults: { deliveries: () => 3 } } });

  it("tells visitors the owner is away, and nothing else, however many copies run", async () => {
    const owner = await ownerClient(ctx.stack);
    const tab = await visitorClient(ctx.stack, randomUUID());
    await owner.client.close();
    await nextPresence(tab, false);
    await ctx.stack.queue.idle();
    const told = presencesOf(tab);
    assert.ok(told.length >= 1 && told.length <= 3, `told ${told.length} times`);
    assert.ok(
      told.every((push) => push.owner.online === false && push.owner.lastSeenAt === told[0]!.owner.lastSeenAt),
      "every copy says the same",
    );
    // The owner's return is announced once more, as online.
    const back = nextPresence(tab, true);
    const again = await ownerClient(ctx.stack);
    await back;
    await Promise.all([again.client.close(), tab.close()]);
  });
});
