import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { PresencePush, VisitorHelloReply } from "#protocol";
import { handler as disconnect } from "#backend/handlers/disconnect.ts";
import type { WebSocketEvent } from "#backend/handlers/events.ts";
import { DynamoConnectionStore } from "#backend/store/connections.ts";
import { keys } from "#backend/store/keys.ts";
import { Table, tableClient } from "#backend/store/table-client.ts";
import { type TestClient, sleep } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { postsAbout, webhookReceiver } from "../support/webhook.ts";

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
    const activityNow = async () => (await store.ownerState(now, { consistent: true })).activity;
    await store.ownerActive(now);
    // The owner returns after the job read the connections but before it marked them away.
    await store.ownerLeft(now + 1);
    const raced = await activityNow();
    await store.ownerActive(now + 2);
    assert.equal(await store.markOwnerAway(raced, randomUUID()), false, "the owner came back");
    // Two jobs of the same departure: one wins, and a retry of the winner still wins.
    await store.ownerLeft(now + 3);
    const left = await activityNow();
    const [winner, loser] = [randomUUID(), randomUUID()];
    assert.equal(await store.markOwnerAway(left, winner), true);
    assert.equal(await store.markOwnerAway(left, loser), false);
    assert.equal(await store.markOwnerAway(left, winner), true, "a retried claim recognises itself");
    assert.equal((await store.ownerActive(now + 4)).announcedOnline, false, "the next activity is news again");
    assert.equal((await store.ownerActive(now + 5)).announcedOnline, true);
    await store.ownerLeft(now + 6);
    await store.markOwnerAway(await activityNow(), randomUUID());
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
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 }); // the away job's copies, not the lease's job
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

describe("presence that checks: an owner connection counts only while its lease holds", () => {
  /** While set, `$disconnect` is lost, as API Gateway may lose it (best effort) or a function failing on it would. */
  let loseDisconnects = false;
  const leaseS = 3;
  // The owner's notifications go to a webhook this suite receives.
  const receiver = webhookReceiver();
  before(() => new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve)));
  after(async () => {
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
  });
  const ctx = useStack(() => ({
    ownerAwayGraceS: 1,
    ownerLeaseS: leaseS,
    notifyWebhook: `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`,
    handlers: {
      $disconnect: (event: WebSocketEvent) =>
        loseDisconnects ? Promise.reject(new Error("$disconnect lost (simulated)")) : disconnect(event),
    },
  }));

  const ownerBindings = async () => (await scanTable(ctx.stack)).filter((item) => item.pk === keys.ownerPk && item.sk !== keys.ownerHeadSk);

  /** Closes the owner's socket with its `$disconnect` lost: the binding stays behind, alive for hours by its TTL. */
  async function dropWithoutDisconnect(owner: { client: TestClient }): Promise<void> {
    const bindingsBefore = (await ownerBindings()).length;
    loseDisconnects = true;
    try {
      await owner.client.close();
      await sleep(200); // the gateway has run (and lost) $disconnect
    } finally {
      loseDisconnects = false;
    }
    assert.equal((await ownerBindings()).length, bindingsBefore, "the binding was left behind");
  }

  it("stops counting an owner binding left without $disconnect within the lease, and tells the visitor's open tab", async () => {
    const owner = await ownerClient(ctx.stack);
    const tab = await visitorClient(ctx.stack, randomUUID());
    assert.equal((tab.frames[0] as VisitorHelloReply).owner.online, true);
    const away = nextPresence(tab, false, 10_000);
    const lastActivity = Date.now();
    await owner.client.expectReply({ action: "ping", token: owner.token });
    await dropWithoutDisconnect(owner);

    const told = await away;
    const toldAfterMs = Date.now() - lastActivity;
    assert.ok(toldAfterMs >= leaseS * 1000 - 100, `told after ${toldAfterMs} ms, inside the lease`);
    assert.ok(toldAfterMs < leaseS * 1000 + 3000, `told after ${toldAfterMs} ms`);
    assert.ok(told.owner.lastSeenAt! >= lastActivity - 100, "last seen at the last ping");
    // A visitor arriving now hears the same from hello, though the binding is still there.
    assert.ok((await ownerBindings()).length > 0);
    const late = await visitorClient(ctx.stack, randomUUID());
    assert.equal((late.frames[0] as VisitorHelloReply).owner.online, false);
    await Promise.all([late.close(), tab.close()]);
  });

  it("says online in hello within the lease of a binding left behind, and away once it lapsed", async () => {
    const owner = await ownerClient(ctx.stack);
    await dropWithoutDisconnect(owner);
    const probe = await visitorClient(ctx.stack, randomUUID());
    assert.equal((probe.frames[0] as VisitorHelloReply).owner.online, true, "within the lease");
    await sleep(leaseS * 1000);
    const hello = await probe.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(hello.owner.online, false, "the lease lapsed");
    await probe.close();
  });

  it("notifies the owner of a visitor's message once their lease lapsed, though the binding is still there", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "while the owner is here" });
    assert.equal((await postsAbout(receiver, "while the owner is here")).length, 0, "no notification while the lease holds");
    await dropWithoutDisconnect(owner);
    await sleep(leaseS * 1000);
    await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "after the lease lapsed" });
    assert.equal((await postsAbout(receiver, "after the lease lapsed")).length, 1);
    await visitor.close();
  });

  it("never flips a living owner, pinging within the lease, to away", async () => {
    const owner = await ownerClient(ctx.stack);
    const tab = await visitorClient(ctx.stack, randomUUID());
    // Two and a half leases of pings, each renewing it before it lapses: every job they
    // schedule runs meanwhile and finds the lease held.
    const until = Date.now() + 2.5 * leaseS * 1000;
    while (Date.now() < until) {
      await owner.client.expectReply({ action: "ping", token: owner.token });
      const hello = await tab.expectReply({ action: "hello", visitorId: randomUUID() });
      assert.equal(hello.owner.online, true);
      await sleep(leaseS * 250);
    }
    assert.deepEqual(
      presencesOf(tab).filter((push) => !push.owner.online),
      [],
      "never told the owner is away",
    );
    await Promise.all([owner.client.close(), tab.close()]);
  });

  it("says the owner is online again at once when they come back after a lapse", async () => {
    const owner = await ownerClient(ctx.stack);
    const tab = await visitorClient(ctx.stack, randomUUID());
    const away = nextPresence(tab, false, 10_000);
    await dropWithoutDisconnect(owner);
    await away;
    const back = nextPresence(tab, true, 1000);
    const returned = await ownerClient(ctx.stack);
    await back;
    const hello = await tab.expectReply({ action: "hello", visitorId: randomUUID() });
    assert.equal(hello.owner.online, true);
    await Promise.all([returned.client.close(), tab.close()]);
  });
});
