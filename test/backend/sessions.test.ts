import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { DynamoConnectionStore } from "#backend/store/connections.ts";
import { Table, tableClient } from "#backend/store/table-client.ts";
import { TestClient, sleep } from "../support/client.ts";
import { startPushService, testSubscription } from "../support/push-service.ts";
import { scanTable, useStack, visitorClient } from "../support/stack.ts";

type PushService = Awaited<ReturnType<typeof startPushService>>;

async function signIn(stack: Stack): Promise<{ client: TestClient; token: string }> {
  const client = await TestClient.open(stack.socketUrl);
  const { token } = await client.expectReply({ action: "login", password: stack.ownerPassword });
  return { client, token };
}

async function subscribeDevice(owner: { client: TestClient; token: string }, service: PushService, browser?: string) {
  const device = testSubscription(`${service.url}/push/${randomUUID()}`);
  await owner.client.expectReply({
    action: "subscribe",
    token: owner.token,
    subscription: { endpoint: device.endpoint, keys: device.keys },
    ...(browser ? { browser } : {}),
  });
  return device;
}

/** A visitor writes while no inbox is open; resolves once `reached` has its push (or 5 s passed). */
async function visitorWritesWhileAway(stack: Stack, service: PushService, reached: string) {
  const visitorId = randomUUID();
  const visitor = await visitorClient(stack, visitorId);
  await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "Is anyone there?" });
  await visitor.close();
  const path = new URL(reached).pathname;
  for (const deadline = Date.now() + 5000; !service.received.some((push) => push.path === path) && Date.now() < deadline;) await sleep(50);
  await sleep(200);
}

const pushedTo = (service: PushService, endpoint: string) =>
  service.received.filter((push) => push.path === new URL(endpoint).pathname).length;

/**
 * Owner sessions end (issue 21, finding 6): `logout` refuses its token from then on, everywhere,
 * and takes with it the devices and connections it added; a password change ends every session
 * and every device subscribed before it. Before, a token worked for its 7 days after "Sign out",
 * and the devices of an old password kept getting visitors' words.
 */
describe("owner sessions that end", () => {
  let pushService: PushService;
  before(async () => {
    pushService = await startPushService();
  });
  const ctx = useStack(() => ({ pushAllow: pushService.host }));
  after(() => pushService?.close());

  it("refuses a logged-out token from then on, on every connection, and closes the session's other connections", async () => {
    const first = await signIn(ctx.stack);
    await first.client.expectReply({ action: "hello", token: first.token });
    const otherTab = await TestClient.open(ctx.stack.socketUrl);
    await otherTab.expectReply({ action: "hello", token: first.token });
    const second = await signIn(ctx.stack);
    await second.client.expectReply({ action: "hello", token: second.token });

    const reply = await first.client.request({ action: "logout", token: first.token });
    assert.deepEqual(reply, { type: "loggedOut", rid: reply.rid });
    // The session's other tab is closed by the server; the other session's is not.
    const closed = await Promise.race([otherTab.closed.then(() => true), sleep(3000).then(() => false)]);
    assert.ok(closed, "the session's other connection is closed");

    // Every action with the token, on any connection, read or write, is refused: a new one too.
    const fresh = await TestClient.open(ctx.stack.socketUrl);
    const visitorId = randomUUID();
    const refused = await Promise.all([
      first.client.request({ action: "inbox", token: first.token }),
      first.client.request({ action: "hello", token: first.token }),
      first.client.request({ action: "ping", token: first.token }),
      second.client.request({ action: "list", token: first.token, visitorId }),
      second.client.request({ action: "unread", token: first.token }),
      fresh.request({ action: "send", token: first.token, visitorId, id: randomUUID(), text: "still me?" }),
      fresh.request({ action: "subscribe", token: first.token, subscription: testSubscription(`${pushService.url}/push/x`) }),
      fresh.request({ action: "logout", token: first.token }),
    ]);
    for (const answer of refused) assert.equal(answer.type === "error" && answer.code, "unauthorized", JSON.stringify(answer));
    // Not even whether a conversation exists is told: the read's own answer waits for the check.
    const unknown = await fresh.request({ action: "resolve", token: first.token, ref: "R".repeat(59) });
    assert.equal(unknown.type === "error" && unknown.code, "unauthorized");

    // The other session goes on, and the logged-out connection gets none of the owner's pushes.
    const visitor = await visitorClient(ctx.stack, visitorId);
    const id = randomUUID();
    await visitor.expectReply({ action: "send", visitorId, id, text: "Hello?" });
    await second.client.waitForPush(id);
    await sleep(200);
    assert.ok(!first.client.pushes.some((push) => push.message.id === id), "the logged-out tab heard nothing");
    assert.equal((await second.client.request({ action: "unread", token: second.token })).type, "unread");
    await Promise.all([visitor.close(), first.client.close(), second.client.close(), fresh.close()]);
    await sleep(100);
  });

  it("takes the token's exemption from the frame limits away once it is logged out", async () => {
    const owner = await signIn(ctx.stack);
    await owner.client.expectReply({ action: "logout", token: owner.token });
    // 60 frames at once: a signed-in owner's all pass; a logged-out token's are a stranger's.
    for (let n = 0; n < 60; n++) owner.client.sendRaw(JSON.stringify({ action: "unread", token: owner.token, rid: `flood-${n}` }));
    const closed = await Promise.race([owner.client.closed.then(() => true), sleep(5000).then(() => false)]);
    const codes = owner.client.frames.map((frame) => (frame.type === "error" ? frame.code : frame.type));
    assert.ok(codes.includes("rate_limited"), `answers: ${[...new Set(codes)].join(", ")}`);
    assert.ok(closed, "the connection is closed, as a visitor's would be");
  });

  it("removes the devices the session subscribed, even one subscribing while it logs out, and only those", async () => {
    const leaving = await signIn(ctx.stack);
    const staying = await signIn(ctx.stack);
    const gone = await subscribeDevice(leaving, pushService, "Firefox on Linux");
    const kept = await subscribeDevice(staying, pushService, "Safari on iPhone");
    // Subscribes racing the logout: whichever side wins, none of them is left.
    const racing = Array.from({ length: 6 }, () => testSubscription(`${pushService.url}/push/${randomUUID()}`));
    const [logout, ...subscribes] = await Promise.all([
      leaving.client.request({ action: "logout", token: leaving.token }),
      ...racing.map((device) =>
        leaving.client.request({
          action: "subscribe",
          token: leaving.token,
          subscription: { endpoint: device.endpoint, keys: device.keys },
        }),
      ),
    ]);
    assert.equal(logout.type, "loggedOut");
    for (const reply of subscribes) assert.ok(reply.type === "subscribed" || (reply.type === "error" && reply.code === "unauthorized"));
    await Promise.all([leaving.client.close(), staying.client.close()]);
    await sleep(100);

    const endpoints = (await scanTable(ctx.stack)).filter((item) => item.pk === "PUSH").map((item) => item.endpoint);
    assert.ok(!endpoints.includes(gone.endpoint), "the logged-out session's device is removed");
    for (const device of racing) assert.ok(!endpoints.includes(device.endpoint), "no device of a racing subscribe is left");
    assert.ok(endpoints.includes(kept.endpoint));

    await visitorWritesWhileAway(ctx.stack, pushService, kept.endpoint);
    assert.equal(pushedTo(pushService, kept.endpoint), 1);
    assert.equal(pushedTo(pushService, gone.endpoint), 0);
  });

  it("lists the owner's devices with their browser, when added and last pushed, and removes one", async () => {
    const owner = await signIn(ctx.stack);
    const phone = await subscribeDevice(owner, pushService, "Chrome on Android\u202e");
    const laptop = await subscribeDevice(owner, pushService, "Firefox on macOS");
    await owner.client.close();
    await sleep(100);
    await visitorWritesWhileAway(ctx.stack, pushService, laptop.endpoint);

    const again = await signIn(ctx.stack);
    const listed = await again.client.expectReply({ action: "devices", token: again.token, endpoint: laptop.endpoint });
    const byBrowser = new Map(listed.devices.map((device) => [device.browser, device]));
    const mine = byBrowser.get("Firefox on macOS");
    const other = byBrowser.get("Chrome on Android");
    assert.ok(mine && other, JSON.stringify(listed.devices));
    assert.equal(mine.current, true);
    assert.equal(other.current, false);
    assert.equal(mine.service, "stand-in");
    assert.ok(mine.lastPushAt !== null && mine.lastPushAt >= mine.subscribedAt, "the push is recorded");
    assert.ok(!JSON.stringify(listed).includes(phone.endpoint), "no endpoint is listed");

    const removed = await again.client.expectReply({ action: "removeDevice", token: again.token, deviceId: other.deviceId });
    assert.deepEqual([removed.removed, removed.deviceId], [true, other.deviceId]);
    const twice = await again.client.expectReply({ action: "removeDevice", token: again.token, deviceId: other.deviceId });
    assert.equal(twice.removed, false);
    const bad = await again.client.request({ action: "removeDevice", token: again.token, deviceId: "../../PUSH" });
    assert.equal(bad.type === "error" && bad.code, "bad_request");
    const after = await again.client.expectReply({ action: "devices", token: again.token });
    assert.ok(!after.devices.some((device) => device.deviceId === other.deviceId));
    assert.ok(
      after.devices.every((device) => !device.current),
      "no endpoint named: none is this browser",
    );
    await again.client.close();
  });
});

/**
 * A password change ends every session and removes every device subscribed before it: the stack
 * stops and starts again on the same table with another password, as a deploy with a new
 * `OwnerPassword` would.
 */
describe("a password change", () => {
  let dynamo: LocalDynamo;
  let pushService: PushService;
  before(async () => {
    [dynamo, pushService] = await Promise.all([startDynalite(), startPushService()]);
  });
  after(async () => {
    await pushService?.close();
    await dynamo?.close();
  });
  const start = (ownerPassword: string) =>
    startStack({ port: 0, dataDir: null, dynamoEndpoint: dynamo.endpoint, tableName: "porch", ownerPassword, pushAllow: pushService.host });

  it("ends every session and removes every device of the old password, and the new one's work", async () => {
    let stack = await start("the old password");
    const owner = await signIn(stack);
    const old = await subscribeDevice(owner, pushService, "Chrome on Windows");
    await owner.client.close();
    await stack.close();

    stack = await start("a new password");
    try {
      const client = await TestClient.open(stack.socketUrl);
      const refused = await client.request({ action: "inbox", token: owner.token });
      assert.equal(refused.type === "error" && refused.code, "unauthorized");
      const fresh = await signIn(stack);
      const listed = await fresh.client.expectReply({ action: "devices", token: fresh.token });
      assert.deepEqual(listed.devices, [], "the old password's device is not the owner's");
      const current = await subscribeDevice(fresh, pushService);
      await Promise.all([client.close(), fresh.client.close()]);
      await sleep(100);
      await visitorWritesWhileAway(stack, pushService, current.endpoint);
      assert.equal(pushedTo(pushService, current.endpoint), 1);
      assert.equal(pushedTo(pushService, old.endpoint), 0, "nothing for the old password's device");
      const endpoints = (await scanTable(stack)).filter((item) => item.pk === "PUSH").map((item) => item.endpoint);
      assert.deepEqual(endpoints, [current.endpoint]);
    } finally {
      await stack.close();
    }
  });

  it("stops counting the owner connections bound under the old password", async () => {
    const table = new Table(tableClient(new DynamoDBClient({ endpoint: dynamo.endpoint })), "porch");
    const before = new DynamoConnectionStore(table, "old-epoch");
    const afterChange = new DynamoConnectionStore(table, "new-epoch");
    const now = Date.now();
    await before.bind("OldConn=", { role: "owner", sessionId: "s1" }, now);
    await afterChange.bind("NewConn=", { role: "owner", sessionId: "s2" }, now);
    assert.deepEqual((await afterChange.ownerState(now)).connections, ["NewConn="]);
    assert.deepEqual(await afterChange.sessionConnections("s2", now), ["NewConn="]);
    assert.deepEqual(await afterChange.sessionConnections("s1", now), []);
  });
});
