import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConversationRefs } from "#backend/auth/conversation-ref.ts";
import { ownerEpoch } from "#backend/auth/session.ts";
import { handler as notify } from "#backend/handlers/notify.ts";
import type { HoursChangeJob } from "#backend/jobs/job.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import type { PushPayload } from "#backend/notify/push.ts";
import { keys } from "#backend/store/keys.ts";
import { sleep } from "../support/client.ts";
import { jobsAt } from "../support/jobs.ts";
import { decryptPush, startPushService, testSubscription } from "../support/push-service.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const ownerAddress = "owner@example.com";
const dayMs = 24 * 3600_000;
const scope = { app: "porch", stage: "local" };

/** Hours in UTC tomorrow only, 09:00 to 17:00: closed now. */
function tomorrowOnly(nowMs = Date.now()) {
  const tomorrow = new Date(nowMs + dayMs);
  const opensAt = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9);
  return { hours: { timeZone: "UTC", weekly: [{ day: tomorrow.getUTCDay(), from: "09:00", to: "17:00" }] }, opensAt };
}

/**
 * The owner's email and Web Push follow their business hours (docs/data-model.md, "Business
 * hours"): outside them a new message's notification waits, and goes out at the next opening as
 * one summary; unless the owner ticked "Notify me outside hours too".
 */
describe("the owner's notifications outside business hours", () => {
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  before(async () => {
    pushService = await startPushService();
  });
  const ctx = useStack(() => ({ pushAllow: pushService.host, ownerEmail: ownerAddress, email: { siteUrl: "http://127.0.0.1:9/" } }));
  after(() => pushService.close());

  /** Subscribes a device, sets the hours, and leaves: the owner is away. */
  async function awayWithHours(hours: object) {
    const subscription = testSubscription(`${pushService.url}/push/${randomUUID()}`);
    const owner = await ownerClient(ctx.stack);
    await owner.client.expectReply({ action: "subscribe", token: owner.token, subscription });
    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours });
    await owner.client.close();
    await sleep(100);
    return subscription;
  }

  async function visitorWrites(text: string, nickname: string) {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname });
    assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    await visitor.close();
  }

  async function pushesTo(endpoint: string, count = 1) {
    const path = new URL(endpoint).pathname;
    const deadline = Date.now() + 3000;
    while (pushService.received.filter((push) => push.path === path).length < count && Date.now() < deadline) await sleep(50);
    return pushService.received.filter((push) => push.path === path);
  }

  async function emailsToOwner(): Promise<CapturedEmail[]> {
    const { messages } = (await (await fetch(`${ctx.stack.url}_aws/ses`)).json()) as { messages: CapturedEmail[] };
    return messages.filter((email) => email.Destination.ToAddresses.includes(ownerAddress));
  }

  /** The jobs function at `nowMs`, its notifier the notify function as the stack runs it. */
  function runAt(nowMs: number) {
    const refs = new ConversationRefs(ctx.stack.ownerPassword, scope);
    return jobsAt(ctx.stack, nowMs, {
      notifier: { notify: async (notification) => void (await notify(notification)) },
      refs: () => refs,
      ownerEpoch: () => ownerEpoch(ctx.stack.ownerPassword, scope),
    }).run;
  }

  it("holds them outside the hours, and sends one summary at the next opening, however many copies run", async () => {
    const { hours, opensAt } = tomorrowOnly();
    const subscription = await awayWithHours({ ...hours, notifyOutsideHours: false });
    const emailsBefore = (await emailsToOwner()).length;
    await visitorWrites("Are you open on Sunday?", "Ada");
    await visitorWrites("Do you ship to Norway?", "Bo");
    await sleep(500);
    assert.equal((await pushesTo(subscription.endpoint)).length, 0, "no push outside the hours");
    assert.equal((await emailsToOwner()).length, emailsBefore, "no email outside the hours");
    const item = (await scanTable(ctx.stack)).find((row) => row.pk === keys.hoursPk);
    assert.equal(typeof item?.heldSinceMs, "number", "held, not lost");

    const opening: HoursChangeJob = { type: "hours-change", stamp: String(item!.stamp), changeAtMs: opensAt };
    const run = runAt(opensAt + 5);
    await Promise.all([run(opening), run(opening)]);
    const [push, ...more] = await pushesTo(subscription.endpoint);
    assert.ok(push, "a push at the opening");
    assert.equal(more.length, 0, "one, however many copies ran");
    const payload = JSON.parse(decryptPush(push.body, subscription)) as PushPayload;
    assert.equal(payload.kind, "digest");
    assert.match(payload.body, /Ada: Are you open on Sunday\?/);
    assert.match(payload.body, /Bo: Do you ship to Norway\?/);
    const emails = (await emailsToOwner()).slice(emailsBefore);
    assert.equal(emails.length, 1, "one summary email");
    for (const text of ["Are you open on Sunday?", "Do you ship to Norway?"]) assert.ok(emails[0]!.Body.html_part!.includes(text), text);
    await runAt(opensAt + 60_000)(opening);
    await sleep(300);
    assert.equal((await pushesTo(subscription.endpoint, 2)).length, 1, "a late copy sends nothing more");
  });

  it("notifies at once outside the hours when the owner asked to be notified then too", async () => {
    const { hours } = tomorrowOnly();
    const subscription = await awayWithHours({ ...hours, notifyOutsideHours: true });
    const emailsBefore = (await emailsToOwner()).length;
    await visitorWrites("Is the bakery open late?", "Cy");
    const [push] = await pushesTo(subscription.endpoint);
    assert.ok(push, "pushed at once");
    assert.equal((JSON.parse(decryptPush(push.body, subscription)) as PushPayload).kind, "message");
    const deadline = Date.now() + 3000;
    while ((await emailsToOwner()).length === emailsBefore && Date.now() < deadline) await sleep(50);
    assert.equal((await emailsToOwner()).length, emailsBefore + 1, "emailed at once");
    const owner = await ownerClient(ctx.stack);
    const read = await owner.client.expectReply({ action: "hours", token: owner.token });
    assert.equal(read.notifyOutsideHours, true);
    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    await owner.client.close();
  });
});
