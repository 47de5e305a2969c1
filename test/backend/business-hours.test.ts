import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { PresencePush } from "#protocol";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const dayMs = 24 * 3600_000;

/** Hours in UTC that open tomorrow at 09:00 and not today: now is outside them. */
function tomorrowOnly(nowMs = Date.now()) {
  const tomorrow = new Date(nowMs + dayMs);
  const backAt = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9);
  return { timeZone: "UTC", weekly: [{ day: tomorrow.getUTCDay(), from: "09:00", to: "17:00" }], backAt };
}

/** The owner's business hours (docs/protocol.md, `hours`) and the presence they decide. */
describe("business hours", () => {
  const ctx = useStack();

  it("reads no hours until set, then the hours set, sorted by day and time, and pushes them to the owner's other tabs", async () => {
    const owner = await ownerClient(ctx.stack);
    const none = await owner.client.expectReply({ action: "hours", token: owner.token });
    assert.deepEqual({ timeZone: none.timeZone, weekly: none.weekly }, { timeZone: "UTC", weekly: [] });
    const weekly = [
      { day: 2, from: "13:00", to: "17:00" },
      { day: 1, from: "09:00", to: "17:00" },
      { day: 2, from: "08:00", to: "12:00" },
    ];
    const otherTab = await ownerClient(ctx.stack);
    const set = await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "Europe/Oslo", weekly });
    const sorted = [weekly[1], weekly[2], weekly[0]];
    assert.deepEqual(set.weekly, sorted);
    const pushed = await otherTab.client.waitFor((frame) => frame.type === "hours" && !("rid" in frame));
    assert.deepEqual(
      pushed,
      { type: "hours", timeZone: "Europe/Oslo", weekly: sorted, notifyOutsideHours: false },
      "the owner's other tab is told",
    );
    assert.equal(
      owner.client.frames.filter((frame) => frame.type === "hours" && !("rid" in frame)).length,
      0,
      "the tab that set them has the reply",
    );
    await otherTab.client.close();
    const read = await owner.client.expectReply({ action: "hours", token: owner.token });
    assert.deepEqual({ timeZone: read.timeZone, weekly: read.weekly }, { timeZone: "Europe/Oslo", weekly: sorted });
    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    await owner.client.close();
  });

  it("says the owner is away outside their hours even with an inbox open, back at the next opening, and online again without hours", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const before = await visitor.expectReply({ action: "hello", visitorId });
    assert.equal(before.owner.online, true, "the inbox is open, and no hours are set");

    const { backAt, ...hours } = tomorrowOnly();
    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours });
    const away = (await visitor.waitFor((frame) => frame.type === "presence" && !frame.owner.online)) as PresencePush;
    assert.equal(away.owner.backAt, backAt);
    const hello = await visitor.expectReply({ action: "hello", visitorId });
    assert.deepEqual({ online: hello.owner.online, backAt: hello.owner.backAt }, { online: false, backAt });

    // Another inbox tab opening outside hours tells visitors nothing new.
    const secondTab = await ownerClient(ctx.stack);
    const newcomer = await visitorClient(ctx.stack, randomUUID());
    assert.equal(
      newcomer.frames.find((frame) => frame.type === "hello" && "owner" in frame && frame.owner.online),
      undefined,
    );

    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    const back = (await visitor.waitFor((frame) => frame.type === "presence" && frame.owner.online)) as PresencePush;
    assert.equal(back.owner.backAt, undefined);
    assert.equal((await visitor.expectReply({ action: "hello", visitorId })).owner.online, true);
    for (const client of [owner.client, secondTab.client, visitor, newcomer]) await client.close();
  });

  it("refuses hours that do not make sense, half of them, and any from a visitor", async () => {
    const owner = await ownerClient(ctx.stack);
    const bad = [
      { timeZone: "Mars/Olympus_Mons", weekly: [] },
      { timeZone: "UTC", weekly: [{ day: 7, from: "09:00", to: "17:00" }] },
      { timeZone: "UTC", weekly: [{ day: 1, from: "17:00", to: "09:00" }] },
      { timeZone: "UTC", weekly: [{ day: 1, from: "9:00", to: "17:00" }] },
      { timeZone: "UTC", weekly: [{ day: 1, from: "09:00", to: "24:01" }] },
      { timeZone: "UTC", weekly: Array.from({ length: 22 }, () => ({ day: 1, from: "09:00", to: "10:00" })) },
      { timeZone: "UTC" },
      { weekly: [] },
      { notifyOutsideHours: true },
      { timeZone: "UTC", weekly: [], notifyOutsideHours: "yes" },
    ];
    for (const fields of bad) {
      const answer = await owner.client.requestRaw({ action: "hours", token: owner.token, ...fields });
      assert.ok(answer.type === "error" && ["bad_request", "too_large"].includes(answer.code), JSON.stringify(fields));
    }
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const fromVisitor = await visitor.requestRaw({ action: "hours", visitorId, timeZone: "UTC", weekly: [] });
    assert.equal(fromVisitor.type === "error" && fromVisitor.code, "bad_request");
    const read = await owner.client.expectReply({ action: "hours", token: owner.token });
    assert.deepEqual(read.weekly, [], "nothing was set");
    for (const client of [owner.client, visitor]) await client.close();
  });
});
