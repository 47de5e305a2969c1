import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoPushDevices } from "#backend/store/push-devices.ts";
import { Table, tableClient } from "#backend/store/table-client.ts";
import { sleep } from "../support/client.ts";
import { startPushService, testSubscription } from "../support/push-service.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

/** A TCP listener on loopback that counts who connects: nothing of Porch's may reach it. */
async function startTrap(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { port, connections: () => sockets.length, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * `subscribe` stores only endpoints on a browser's push service (https, port 443, by name), and
 * the notify function POSTs only there, following no redirect: an owner session (or a stolen one)
 * cannot make Porch a request forger aimed at the metadata service, a private network or this
 * machine's ports (issue 21, finding 5). Tests reach a stand-in push service through
 * `PORCH_PUSH_ALLOW` (the stack's `pushAllow`), which names one host and port.
 */
describe("push endpoints: only the browsers' push services", () => {
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  let otherService: Awaited<ReturnType<typeof startPushService>>;
  before(async () => {
    trap = await startTrap();
    [pushService, otherService] = await Promise.all([
      startPushService({ redirectTo: `http://127.0.0.1:${trap.port}/redirected` }),
      startPushService(),
    ]);
  });
  const ctx = useStack(() => ({ pushAllow: pushService.host }));
  after(async () => {
    await Promise.all([pushService?.close(), otherService?.close(), trap?.close()]);
  });

  const pushItems = async () => (await scanTable(ctx.stack)).filter((item) => item.pk === "PUSH");

  it("refuses every address, port, scheme and lookalike that is not a push service's, concurrently, and stores none", async () => {
    const port = trap.port;
    const refused = [
      // Addresses, in every spelling a URL parser reads as one.
      `https://127.0.0.1:${port}/push`,
      `https://2130706433:${port}/push`,
      `https://0x7f000001:${port}/push`,
      `https://0177.0.0.1:${port}/push`,
      `https://127.1:${port}/push`,
      `https://[::ffff:127.0.0.1]:${port}/push`,
      `https://[::1]:${port}/push`,
      `https://localhost:${port}/push`,
      "https://169.254.169.254/latest/meta-data/",
      "https://[fd00:ec2::254]/latest/meta-data/",
      "https://10.0.0.1:8443/push",
      "https://2130706433/push",
      // A push service's name with another port or scheme, or a name that only looks like one.
      "https://fcm.googleapis.com:8443/fcm/send/x",
      "http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com./fcm/send/x",
      "https://fcm.googleapis.com.evil.example/fcm/send/x",
      "https://evilfcm.googleapis.com/fcm/send/x",
      "https://push.apple.com/x",
      "https://web.push.apple.com.evil.example/x",
      "https://notify.windows.com/w/?token=x",
      "https://evil.example/?https://fcm.googleapis.com/",
      // Loopback, but not the one stand-in the stack allows.
      `${otherService.url}/push/x`,
    ];
    const owner = await ownerClient(ctx.stack);
    const keys = testSubscription("https://fcm.googleapis.com/").keys;
    const replies = await Promise.all(
      refused.map((endpoint) => owner.client.request({ action: "subscribe", token: owner.token, subscription: { endpoint, keys } })),
    );
    replies.forEach((reply, index) => {
      assert.equal(reply.type, "error", refused[index]);
      assert.equal(reply.type === "error" && reply.code, "bad_request", refused[index]);
    });
    // With credentials, the protocol refuses it before the backend looks.
    const credentials = await owner.client.request({
      action: "subscribe",
      token: owner.token,
      subscription: { endpoint: "https://user:pw@fcm.googleapis.com/fcm/send/x", keys },
    });
    assert.equal(credentials.type === "error" && credentials.code, "bad_request");
    assert.deepEqual(await pushItems(), [], "nothing stored");
    assert.equal(trap.connections(), 0);
    await owner.client.close();
    await sleep(100);
  });

  it("takes the four browsers' push services as their browsers give them, and the allowed stand-in", async () => {
    const accepted = [
      "https://fcm.googleapis.com/fcm/send/fYwJ0bZ1:APA91bH",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
      "https://web.push.apple.com/QGx6f0PIFhTxbQ",
      "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
      "https://fcm.googleapis.com:443/fcm/send/spelled-with-its-port",
      `${pushService.url}/push/${randomUUID()}`,
    ];
    const owner = await ownerClient(ctx.stack);
    for (const endpoint of accepted) {
      const reply = await owner.client.request({
        action: "subscribe",
        token: owner.token,
        subscription: { endpoint, keys: testSubscription(endpoint).keys },
      });
      assert.equal(reply.type, "subscribed", `${endpoint}: ${JSON.stringify(reply)}`);
      // Nothing here reaches the internet: each goes again at once.
      await owner.client.expectReply({ action: "unsubscribe", token: owner.token, endpoint });
    }
    assert.deepEqual(await pushItems(), []);
    await owner.client.close();
    await sleep(100);
  });

  it("never POSTs to a stored endpoint off the list (it is removed), nor follows a push service's redirect", async () => {
    const owner = await ownerClient(ctx.stack);
    const live = testSubscription(`${pushService.url}/push/${randomUUID()}`);
    const moved = testSubscription(`${pushService.url}/moved/${randomUUID()}`);
    for (const device of [live, moved]) {
      await owner.client.expectReply({
        action: "subscribe",
        token: owner.token,
        subscription: { endpoint: device.endpoint, keys: device.keys },
      });
    }
    await owner.client.close();
    // One written into the table by hand (or by a Porch that did not check): it must not be used.
    const stored = `https://127.0.0.1:${trap.port}/stored`;
    const devices = new DynamoPushDevices(
      new Table(tableClient(new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint })), ctx.stack.tableName),
    );
    await devices.add({ endpoint: stored, keys: live.keys, subscribedAt: Date.now() });
    await sleep(100);

    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "anyone there?" });
    await visitor.close();
    const pathOf = (endpoint: string) => new URL(endpoint).pathname;
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await sleep(50)) {
      const paths = pushService.received.map((push) => push.path);
      if (paths.includes(pathOf(live.endpoint)) && paths.includes(pathOf(moved.endpoint))) break;
    }
    assert.ok(
      pushService.received.some((push) => push.path === pathOf(live.endpoint)),
      "the live device got its push",
    );
    assert.ok(
      pushService.received.some((push) => push.path === pathOf(moved.endpoint)),
      "the moved one was asked",
    );
    await sleep(300);
    assert.equal(trap.connections(), 0, "neither the stored endpoint nor the redirect's target was reached");
    const endpoints = (await pushItems()).map((item) => item.endpoint);
    assert.ok(!endpoints.includes(stored), "the endpoint off the list is removed");
    assert.ok(endpoints.includes(moved.endpoint), "a redirect is the service's trouble: kept");
  });
});
