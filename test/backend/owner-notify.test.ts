import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ConversationRefs } from "#backend/auth/conversation-ref.ts";
import { ownerEpoch } from "#backend/auth/session.ts";
import { Chat } from "#backend/chat/chat.ts";
import { handler as notify } from "#backend/handlers/notify.ts";
import { openReplyAddress } from "#backend/email/reply-address.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { PushPayload } from "#backend/notify/push.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import { sleep, withinOneWindow } from "../support/client.ts";
import { decryptPush, startPushService, testSubscription, verifyVapid, type ReceivedPush } from "../support/push-service.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { notifyWindowMs, type OwnerNotification } from "#backend/notify/notification.ts";

const ownerAddress = "owner@example.com";

/**
 * The owner's side of "conversations outlive the page": while no inbox is open, a visitor's
 * message reaches the owner's mailbox and every device they subscribed, with a link that opens the
 * conversation (never the visitor id). Each test spends one of the notification window's three
 * immediate notifications (backend/chat/notify-owner.ts), so this suite stays within them.
 */
describe("the owner's notifications: email and Web Push", () => {
  /** What the local SES answers the next SendEmail requests with (none: it sends). */
  const sesFault: { current: "fail" | undefined } = { current: undefined };
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  before(async () => {
    pushService = await startPushService();
  });
  const ctx = useStack(() => ({
    pushAllow: pushService.host,
    ownerEmail: ownerAddress,
    ses: { faults: { sendEmail: () => sesFault.current } },
    email: { siteUrl: "http://127.0.0.1:9/", siteName: "Crumb & <Crust>" },
  }));
  before(async () => {
    await withinOneWindow(notifyWindowMs, 60_000);
    // The subscribe limit's window is an hour: the last test counts what the others subscribed in it.
    await withinOneWindow(3600_000, 60_000);
  });
  after(() => pushService.close());

  async function subscribeDevice(path: string) {
    const subscription = testSubscription(`${pushService.url}${path}${randomUUID()}`);
    const owner = await ownerClient(ctx.stack);
    const key = await owner.client.request({ action: "pushKey", token: owner.token });
    assert.equal(key.type, "pushKey");
    // As PushSubscription.toJSON() gives it: `expirationTime`, which the protocol does not declare, is dropped.
    const reply = await owner.client.requestRaw({
      action: "subscribe",
      token: owner.token,
      subscription: { endpoint: subscription.endpoint, keys: subscription.keys, expirationTime: null },
    });
    assert.deepEqual(reply, { type: "subscribed", rid: reply.rid });
    await owner.client.close();
    // The owner is away once their last connection has closed.
    await sleep(100);
    return { subscription, publicKey: key.publicKey };
  }

  async function visitorWrites(text: string, nickname?: string) {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    if (nickname) await visitor.request({ action: "register", visitorId, nickname });
    assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    await visitor.close();
    return visitorId;
  }

  async function pushesTo(endpoint: string, count = 1): Promise<ReceivedPush[]> {
    const path = new URL(endpoint).pathname;
    const deadline = Date.now() + 5000;
    while (pushService.received.filter((push) => push.path === path).length < count && Date.now() < deadline) await sleep(50);
    return pushService.received.filter((push) => push.path === path);
  }

  async function emailsToOwner(): Promise<CapturedEmail[]> {
    const response = await fetch(`${ctx.stack.url}_aws/ses`);
    const { messages } = (await response.json()) as { messages: CapturedEmail[] };
    return messages.filter((email) => email.Destination.ToAddresses.includes(ownerAddress));
  }

  it("makes one VAPID key pair however many ask for it at once (cold starts agree)", async () => {
    const owner = await ownerClient(ctx.stack);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => owner.client.expectReply({ action: "pushKey", token: owner.token })),
    );
    const keys = new Set(replies.map((reply) => reply.publicKey));
    assert.equal(keys.size, 1);
    assert.equal(Buffer.from([...keys][0]!, "base64url").length, 65);
    assert.equal((await scanTable(ctx.stack)).filter((item) => item.pk === "VAPID").length, 1);
    await owner.client.close();
    await sleep(100);
  });

  it("pushes an encrypted, VAPID-signed notification that opens the conversation, and emails the owner", async () => {
    const { subscription, publicKey } = await subscribeDevice("/push/");
    const visitorId = await visitorWrites("Is the <b>sourdough</b> class still on? & when", "Ann <script>");

    const [push, ...more] = await pushesTo(subscription.endpoint);
    assert.ok(push, "the device got a push");
    assert.equal(more.length, 0);
    assert.equal(push.headers["content-encoding"], "aes128gcm");
    assert.equal(push.headers.ttl, "86400");
    assert.equal(push.headers.urgency, "high");
    // Signed with the deployment's key, the one the inbox subscribed with, for this push service.
    const vapid = verifyVapid(push.headers.authorization);
    assert.equal(vapid.publicKey, publicKey);
    assert.equal(vapid.claims.aud, pushService.url);
    assert.ok(vapid.claims.exp > Date.now() / 1000 && vapid.claims.exp <= Date.now() / 1000 + 24 * 3600 + 60);
    assert.match(vapid.claims.sub, /^mailto:/);

    const payload = JSON.parse(decryptPush(push.body, subscription)) as PushPayload;
    assert.equal(payload.kind, "message");
    assert.equal(payload.title, "Ann <script>", "a notification renders no markup: the nickname as typed");
    assert.equal(payload.body, "Is the <b>sourdough</b> class still on? & when");
    assert.match(payload.url, new RegExp(`^${ctx.stack.url}inbox\\.html#/r/[A-Za-z0-9_-]{59}$`));
    assert.ok(!push.body.toString("latin1").includes(visitorId) && !payload.url.includes(visitorId), "no visitor id");

    // The same message reached the owner's mailbox, on the same rule.
    let emails: CapturedEmail[] = [];
    for (const deadline = Date.now() + 5000; emails.length === 0 && Date.now() < deadline; await sleep(50)) emails = await emailsToOwner();
    assert.equal(emails.length, 1);
    const [email] = emails as [CapturedEmail];
    assert.equal(email.Subject, "New message on Crumb & <Crust>");
    assert.match(email.Source, /porch@localhost/);
    assert.ok(email.Body.text_part!.includes("Ann <script> wrote on your site: “Is the <b>sourdough</b> class still on? & when”"));
    const html = email.Body.html_part!;
    assert.ok(html.includes("Ann &lt;script&gt;") && !html.includes("<script>"), "the nickname is escaped in HTML");
    assert.ok(html.includes("Is the &lt;b&gt;sourdough&lt;/b&gt; class still on? &amp; when"));
    const link = /<a href="([^"]+#\/r\/[A-Za-z0-9_-]{59})">Answer in the inbox<\/a>/.exec(html)?.[1];
    assert.equal(link, payload.url, "the email links to the conversation like the push");
    assert.ok(!html.includes(visitorId) && !email.Body.text_part!.includes(visitorId), "no visitor id in the email");
    assert.deepEqual(
      email.Headers.find((header) => header.Name === "Auto-Submitted"),
      { Name: "Auto-Submitted", Value: "auto-generated" },
    );
    // Answering the email answers the conversation, as the owner (backend/email/reply-address.ts).
    const route = openReplyAddress(email.ReplyTo[0] ?? "", ctx.stack.linkSigningKey, "porch.localhost", Date.now());
    assert.deepEqual(route.ok && [route.value.visitorId, route.value.side], [visitorId, "owner"]);

    // The link's reference opens that conversation for the signed-in owner.
    const owner = await ownerClient(ctx.stack);
    const resolved = await owner.client.expectReply({ action: "resolve", token: owner.token, ref: payload.url.split("#/r/")[1]! });
    assert.equal(resolved.visitorId, visitorId);
    await owner.client.close();
    await sleep(100);
  });

  it("removes a device whose push service answers 410 or 404, and keeps pushing to the others", async () => {
    const gone = await subscribeDevice("/gone/");
    const missing = await subscribeDevice("/missing/");
    const failing = await subscribeDevice("/fail/");
    const live = await subscribeDevice("/push/");
    await visitorWrites("anyone there?");
    assert.equal((await pushesTo(live.subscription.endpoint)).length, 1);
    assert.equal((await pushesTo(gone.subscription.endpoint)).length, 1);
    assert.equal((await pushesTo(missing.subscription.endpoint)).length, 1);
    assert.equal((await pushesTo(failing.subscription.endpoint)).length, 1);
    await sleep(200);
    const endpoints = (await scanTable(ctx.stack)).filter((item) => item.pk === "PUSH").map((item) => item.endpoint);
    assert.ok(!endpoints.includes(gone.subscription.endpoint), "410: removed");
    assert.ok(!endpoints.includes(missing.subscription.endpoint), "404: removed");
    assert.ok(endpoints.includes(failing.subscription.endpoint), "a 500 is the service's trouble: kept");
    assert.ok(endpoints.includes(live.subscription.endpoint));

    const owner = await ownerClient(ctx.stack);
    const removed = await owner.client.request({ action: "unsubscribe", token: owner.token, endpoint: failing.subscription.endpoint });
    assert.deepEqual(removed, { type: "unsubscribed", removed: true, rid: removed.rid });
    const again = await owner.client.request({ action: "unsubscribe", token: owner.token, endpoint: failing.subscription.endpoint });
    assert.deepEqual(again, { type: "unsubscribed", removed: false, rid: again.rid });
    await owner.client.close();
  });

  it("pushes even when SES fails, which is logged and never repeated: the owner's email is sent at most once", async () => {
    const { subscription } = await subscribeDevice("/push/");
    const before = (await emailsToOwner()).length;
    const requestsBefore = ctx.stack.ses.sendRequests();
    sesFault.current = "fail";
    try {
      await visitorWrites("SES is down");
      assert.equal((await pushesTo(subscription.endpoint)).length, 1, "the push went out");
      for (const deadline = Date.now() + 5000; ctx.stack.ses.sendRequests() - requestsBefore < 3 && Date.now() < deadline;) await sleep(50);
    } finally {
      sesFault.current = undefined;
    }
    await sleep(500);
    // The SDK's own attempts (3, with backoff, within the channel's 5 s), then nothing more.
    assert.equal(ctx.stack.ses.sendRequests() - requestsBefore, 3);
    assert.equal((await emailsToOwner()).length, before, "no email, and none later");
  });

  it("tells no device and no mailbox while an inbox is open", async () => {
    const { subscription } = await subscribeDevice("/push/");
    const owner = await ownerClient(ctx.stack);
    const emailsBefore = (await emailsToOwner()).length;
    await visitorWrites("the owner is here");
    await sleep(500);
    assert.equal((await pushesTo(subscription.endpoint, 1)).length, 0);
    assert.equal((await emailsToOwner()).length, emailsBefore);
    await owner.client.close();
    await sleep(100);
  });

  it("delivers a digest as one email and one push per device, listing the conversations", async () => {
    const { subscription } = await subscribeDevice("/push/");
    const refs = new ConversationRefs(ctx.stack.ownerPassword, { app: "porch", stage: "local" });
    const sinceMs = Date.now() - 60_000;
    const digest: OwnerNotification = {
      kind: "digest",
      items: ["Ada", "Bo"].map((nickname) => ({
        conversation: { ref: refs.make(randomUUID()), nickname, email: null, unread: 2, firstSeenAt: sinceMs },
        message: { text: `${nickname} <i>asks</i>`, sentAt: sinceMs },
      })),
      totals: { conversations: 7, newConversations: 5, unreadMessages: 12 },
      sinceMs,
      ownerEpoch: ownerEpoch(ctx.stack.ownerPassword, { app: "porch", stage: "local" }),
    };
    const emailsBefore = (await emailsToOwner()).length;
    // The notify function, as the stack runs it when the digest job invokes it.
    assert.deepEqual(await notify(digest), { delivered: true });
    const [push, ...more] = await pushesTo(subscription.endpoint);
    assert.equal(more.length, 0);
    const payload = JSON.parse(decryptPush(push!.body, subscription)) as PushPayload;
    assert.equal(payload.kind, "digest");
    assert.equal(push!.headers.urgency, "normal");
    assert.match(payload.title, /^5 new conversations on your site since \d\d:\d\d UTC, 12 unread messages in all\.$/);
    assert.equal(payload.body, "Ada: Ada <i>asks</i>\nBo: Bo <i>asks</i>");
    assert.equal(payload.url, `${ctx.stack.url}inbox.html`);
    const emails = (await emailsToOwner()).slice(emailsBefore);
    assert.equal(emails.length, 1, "one email for the digest");
    assert.equal(emails[0]!.Subject, "5 new conversations on Crumb & <Crust>");
    assert.ok(emails[0]!.Body.html_part!.includes("Bo &lt;i&gt;asks&lt;/i&gt;"));
    for (const { conversation } of digest.items) assert.ok(emails[0]!.Body.html_part!.includes(`#/r/${conversation.ref}`));
  });

  it("refuses garbage in subscribe and unsubscribe, concurrently, and stores nothing of it", async () => {
    const owner = await ownerClient(ctx.stack);
    const good = testSubscription(`${pushService.url}/push/${randomUUID()}`);
    const bad: [unknown, "bad_request" | "too_large"][] = [
      [undefined, "bad_request"],
      ["https://push.example/x", "bad_request"],
      [{ endpoint: "https://push.example/x" }, "bad_request"],
      [{ endpoint: "javascript:alert(1)", keys: good.keys }, "bad_request"],
      [{ endpoint: "http://push.example/x", keys: good.keys }, "bad_request"],
      [{ endpoint: "http://10.0.0.1/x", keys: good.keys }, "bad_request"],
      [{ endpoint: "https://user:pw@push.example/x", keys: good.keys }, "bad_request"],
      [{ endpoint: `https://push.example/${"a".repeat(3000)}`, keys: good.keys }, "too_large"],
      [{ endpoint: "https://push.example/x", keys: { p256dh: "not base64url!", auth: good.keys.auth } }, "bad_request"],
      [{ endpoint: "https://push.example/x", keys: { p256dh: good.keys.p256dh.slice(1), auth: good.keys.auth } }, "bad_request"],
      [{ endpoint: "https://push.example/x", keys: { p256dh: good.keys.p256dh, auth: "short" } }, "bad_request"],
      [{ endpoint: "https://push.example/x", keys: { p256dh: good.keys.p256dh, auth: "A".repeat(5000) } }, "too_large"],
      [{ endpoint: 42, keys: good.keys }, "bad_request"],
    ];
    const before = (await scanTable(ctx.stack)).filter((item) => item.pk === "PUSH").length;
    const replies = await Promise.all([
      ...bad.map(([subscription]) => owner.client.requestRaw({ action: "subscribe", token: owner.token, subscription })),
      owner.client.request({ action: "unsubscribe", token: owner.token, endpoint: "ftp://push.example/x" }),
      owner.client.requestRaw({ action: "unsubscribe", token: owner.token }),
      owner.client.request({ action: "subscribe", token: "v2.forged", subscription: { endpoint: good.endpoint, keys: good.keys } }),
    ]);
    replies.slice(0, bad.length).forEach((reply, index) => {
      const what = String(JSON.stringify(bad[index]![0])).slice(0, 80);
      assert.equal(reply.type, "error", what);
      assert.equal(reply.code, bad[index]![1], what);
    });
    assert.deepEqual(
      replies.slice(bad.length).map((reply) => reply.type === "error" && reply.code),
      ["bad_request", "bad_request", "unauthorized"],
    );
    assert.equal((await scanTable(ctx.stack)).filter((item) => item.pk === "PUSH").length, before, "nothing stored");

    // The same device subscribing from many tabs at once is one device.
    const same = await Promise.all(
      Array.from({ length: 5 }, () =>
        owner.client.request({ action: "subscribe", token: owner.token, subscription: { endpoint: good.endpoint, keys: good.keys } }),
      ),
    );
    assert.ok(same.every((reply) => reply.type === "subscribed"));
    assert.equal((await scanTable(ctx.stack)).filter((item) => item.endpoint === good.endpoint).length, 1);
    await owner.client.close();
  });

  it("takes only the browsers' push services where no stand-in is allowed (as deployed), and limits subscribe per hour", async () => {
    const store = new DynamoChatStore({
      tableName: ctx.stack.tableName,
      client: new DynamoDBClient({ endpoint: ctx.stack.dynamoEndpoint }),
    });
    const chat = new Chat({ store, pusher: { push: async () => [], disconnect: async () => true }, ownerPassword: "pw", now: Date.now });
    const origin = { connectionId: "Conn1234=", sourceIp: "127.0.0.1" };
    const session = JSON.parse(JSON.stringify(await chat.handleFrame(JSON.stringify({ action: "login", password: "pw" }), origin))) as {
      token: string;
    };
    const subscribe = (endpoint: string) =>
      chat.handleFrame(
        JSON.stringify({ action: "subscribe", token: session.token, subscription: { endpoint, keys: testSubscription(endpoint).keys } }),
        origin,
      );
    const loopback = await subscribe(`${pushService.url}/push/x`);
    assert.deepEqual([loopback.type, (loopback as { code?: string }).code], ["error", "bad_request"]);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => subscribe(`https://fcm.googleapis.com/fcm/send/device-${index}`)),
    );
    // The suite's other tests subscribed 13 times in this hour's window (1, 4, 1, 1, 1, and 5 of one device).
    const subscribed = results.filter((reply) => reply.type === "subscribed").length;
    assert.equal(subscribed, 20 - 13);
    assert.ok(results.filter((reply) => reply.type === "error").every((reply) => (reply as { code?: string }).code === "rate_limited"));
  });
});
