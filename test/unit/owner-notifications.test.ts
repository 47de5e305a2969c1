import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import type { ListedPushDevice, PushDevices, VapidKeys } from "#backend/chat/ports.ts";
import type { NotifiedConversation, OwnerNotification } from "#backend/notify/notification.ts";
import { ownerEmail } from "#backend/notify/owner-email.ts";
import { PushChannel, pushPayload, vapidSubject } from "#backend/notify/push.ts";
import { newVapidKeys } from "#backend/notify/vapid.ts";
import { testSubscription } from "../support/push-service.ts";

const sentAt = Date.UTC(2026, 0, 5, 10, 2, 30);
const windowStart = Date.UTC(2026, 0, 5, 10, 0, 0);
const conversation = (n: number, fields: Partial<NotifiedConversation> = {}): NotifiedConversation => ({
  ref: String(n).padStart(59, "R"),
  nickname: null,
  email: null,
  unread: 1,
  firstSeenAt: sentAt,
  ...fields,
});
const digest: OwnerNotification = {
  kind: "digest",
  items: [
    {
      conversation: conversation(1, { nickname: "<img src=x onerror=alert(1)>" }),
      message: { text: "</blockquote><a href=//evil>win</a>", sentAt },
    },
    { conversation: conversation(2, { email: "ada@example.com" }), message: { text: "🙂".repeat(300), sentAt } },
  ],
  totals: { conversations: 38, newConversations: 38, unreadMessages: 52 },
  sinceMs: windowStart,
  ownerEpoch: "epoch",
};
const settings = {
  from: "porch@blog.example",
  to: "owner@blog.example",
  inboxUrl: "https://chat.example/inbox.html",
  siteName: "Crumb & Crust",
};

describe("the owner's email", () => {
  it("is one email for a digest: the counts in the subject, every conversation listed and linked, visitor text escaped", () => {
    const email = ownerEmail(digest, settings);
    assert.equal(email.subject, "38 new conversations on Crumb & Crust");
    assert.equal(email.to, "owner@blog.example");
    assert.ok(email.text.startsWith("38 new conversations on your site since 10:00 UTC, 52 unread messages in all.\nLatest:\n"));
    assert.ok(!email.html.includes("<img") && !email.html.includes("<a href=//evil"), "no markup from a visitor");
    assert.ok(email.html.includes("&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(email.html.includes("&lt;/blockquote&gt;&lt;a href=//evil&gt;win&lt;/a&gt;"));
    for (const n of [1, 2]) assert.ok(email.html.includes(`href="https://chat.example/inbox.html#/r/${conversation(n).ref}"`), `link ${n}`);
    // Cut by characters: 140 emoji, not 70 and a broken surrogate.
    assert.ok(
      email.html.includes("🙂".repeat(139)) &&
        !email.html.includes("🙂".repeat(141)) &&
        !/[\ud800-\udbff](?![\udc00-\udfff])/.test(email.html),
    );
  });

  it("never puts a visitor's words in the subject or a header", () => {
    const email = ownerEmail(
      { ...digest, kind: "message", items: [digest.items[0]!], totals: { conversations: 1, newConversations: 1, unreadMessages: 1 } },
      settings,
    );
    assert.equal(email.subject, "New message on Crumb & Crust");
    assert.ok(email.headers.every((header) => !header.value.includes("img")));
  });
});

describe("the owner's push", () => {
  it("is one push for a digest, replacing the last digest on the device, opening the inbox", () => {
    const payload = pushPayload(digest, settings.inboxUrl);
    assert.equal(payload.kind, "digest");
    assert.equal(payload.tag, "porch-digest");
    assert.equal(payload.url, settings.inboxUrl);
    assert.equal(payload.title, "38 new conversations on your site since 10:00 UTC, 52 unread messages in all.");
    const lines = payload.body.split("\n");
    assert.equal(lines.length, 2);
    assert.equal(
      lines[0],
      "<img src=x onerror=alert(1)>: </blockquote><a href=//evil>win</a>",
      "as text: a notification renders no markup",
    );
    assert.ok(lines[1]!.startsWith("ada@example.com: 🙂"));
    assert.ok(Buffer.byteLength(JSON.stringify(payload)) < 3000, "fits a push service's 4 KB with the encryption's overhead");
  });

  it("gives up on a push service that hangs, within its deadline, and keeps the device", async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const device = testSubscription(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`);
    const removed: string[] = [];
    const keys = newVapidKeys();
    const devices: PushDevices = {
      add: async () => {},
      remove: async (endpoint) => (removed.push(endpoint), true),
      removeById: async () => true,
      removeSession: async () => 0,
      list: async (): Promise<ListedPushDevice[]> => [
        { deviceId: "hang", endpoint: device.endpoint, keys: device.keys, subscribedAt: sentAt, ownerEpoch: digest.ownerEpoch },
      ],
      recordPush: async () => {},
      vapidKeys: async (): Promise<VapidKeys> => keys,
    };
    const channel = new PushChannel(devices, {
      inboxUrl: settings.inboxUrl,
      subject: vapidSubject(settings.inboxUrl, undefined),
      timeoutMs: 300,
      allow: new URL(device.endpoint).host,
    });
    const started = Date.now();
    const result = await channel.deliver(digest);
    server.closeAllConnections();
    server.close();
    assert.equal(result.ok, false);
    assert.match(result.error ?? "", /127\.0\.0\.1:\d+: .*(abort|timeout)/i);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(removed, [], "a hanging service says nothing about the subscription");
  });

  it("signs as the inbox's https origin when deployed", () => {
    assert.equal(vapidSubject("https://d111.cloudfront.net/inbox.html", "me@example.com"), "https://d111.cloudfront.net");
    assert.equal(vapidSubject("http://127.0.0.1:8787/inbox.html", "me@example.com"), "mailto:me@example.com");
  });

  it("makes VAPID keys in the Push API's encoding", () => {
    const { publicKey, privateKey } = newVapidKeys();
    assert.equal(Buffer.from(publicKey, "base64url").length, 65);
    assert.equal(Buffer.from(publicKey, "base64url")[0], 4);
    assert.equal(Buffer.from(privateKey, "base64url").length, 32);
  });
});
