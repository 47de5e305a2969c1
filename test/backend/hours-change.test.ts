import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { PresencePush } from "#protocol";
import type { HoursChangeJob, Job } from "#backend/jobs/job.ts";
import { sleep } from "../support/client.ts";
import { jobsAt } from "../support/jobs.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const dayMs = 24 * 3600_000;
const weekMs = 7 * dayMs;

/** Hours in UTC tomorrow only, 09:00 to 17:00: closed now; each instant they open and close. */
function tomorrowOnly(nowMs = Date.now()) {
  const tomorrow = new Date(nowMs + dayMs);
  const opensAt = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9);
  return {
    hours: { timeZone: "UTC", weekly: [{ day: tomorrow.getUTCDay(), from: "09:00", to: "17:00" }] },
    opensAt,
    closesAt: opensAt + 8 * 3600_000,
  };
}

/** Presence pushed at the moment the owner's hours open or close (docs/data-model.md, "Business hours"). */
describe("hours changes", () => {
  const ctx = useStack();

  /** The hours-change job `hours` left on the stack's queue since `sinceMs`. */
  function queuedChange(sinceMs: number): { job: HoursChangeJob; delayMs: number } {
    const queued = ctx.stack.queue
      .messages()
      .filter((message) => message.sentAtMs >= sinceMs)
      .map((message) => ({ job: JSON.parse(message.body) as Job, delayMs: message.visibleAtMs - message.sentAtMs }))
      .filter((entry): entry is { job: HoursChangeJob; delayMs: number } => entry.job.type === "hours-change");
    assert.equal(queued.length, 1, "one job for the hours set");
    return queued[0]!;
  }

  const presences = (frames: { type: string }[]) => frames.filter((frame): frame is PresencePush => frame.type === "presence");

  it("pushes a connected visitor tab the owner away at the closing, with when they are back, however many copies run", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, randomUUID());
    const { hours, opensAt, closesAt } = tomorrowOnly();
    const setAt = Date.now();
    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours });
    const { job: first, delayMs } = queuedChange(setAt);
    assert.equal(first.changeAtMs, opensAt, "the first job is for the next opening");
    assert.equal(delayMs, 900_000, "a day away: the first of a chain, at SQS's longest delay");

    // Tomorrow at 17:00, the job of the closing runs, twice at once (a queue delivers at least once).
    const before = presences(visitor.frames).length;
    const closing: HoursChangeJob = { ...first, changeAtMs: closesAt };
    const jobs = jobsAt(ctx.stack, closesAt + 5);
    const summaries = await Promise.all([jobs.run(closing), jobs.run(closing)]);
    await visitor.waitFor(() => presences(visitor.frames).length >= before + 2);
    const told = presences(visitor.frames).slice(before);
    assert.deepEqual(
      told.map((push) => ({ online: push.owner.online, backAt: push.owner.backAt })),
      [
        { online: false, backAt: opensAt + weekMs },
        { online: false, backAt: opensAt + weekMs },
      ],
      "both copies push the same truth, without the tab reconnecting",
    );
    assert.deepEqual(
      jobs.enqueued,
      [{ job: { type: "hours-change", stamp: first.stamp, changeAtMs: opensAt + weekMs }, delaySeconds: 900 }],
      `exactly one next job, for the next opening (${summaries.map((s) => s.summary).join("; ")})`,
    );
    // A third copy, late, pushes the truth again and schedules nothing.
    const late = jobsAt(ctx.stack, closesAt + 60_000);
    await late.run(closing);
    assert.deepEqual(late.enqueued, []);
    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    for (const client of [owner.client, visitor]) await client.close();
  });

  it("hands itself on before its time, and does nothing once the hours are set again", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, randomUUID());
    const { hours, opensAt } = tomorrowOnly();
    const setAt = Date.now();
    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours });
    const { job } = queuedChange(setAt);

    const early = jobsAt(ctx.stack, opensAt - 1_000_000);
    await early.run(job);
    assert.deepEqual(early.enqueued, [{ job, delaySeconds: 900 }], "the same job, 15 minutes on");
    const last = jobsAt(ctx.stack, opensAt - 1_500);
    await last.run(job);
    assert.deepEqual(last.enqueued, [{ job, delaySeconds: 2 }], "the last link, at the change");

    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours }); // the same hours, set again: a new stamp
    await sleep(200);
    const before = presences(visitor.frames).length;
    const superseded = jobsAt(ctx.stack, opensAt);
    const { summary } = await superseded.run(job);
    assert.deepEqual(superseded.enqueued, [], summary);
    await sleep(200);
    assert.equal(presences(visitor.frames).length, before, "nothing pushed");
    await owner.client.expectReply({ action: "hours", token: owner.token, timeZone: "UTC", weekly: [] });
    for (const client of [owner.client, visitor]) await client.close();
  });
});

describe("hours and the owner leaving", () => {
  // A second's grace after the owner's last connection closes: the away job runs within the test.
  const ctx = useStack({ ownerAwayGraceS: 1 });

  it("keeps telling visitors when the owner is back when the away job announces their leaving outside the hours", async () => {
    const owner = await ownerClient(ctx.stack);
    const visitor = await visitorClient(ctx.stack, randomUUID());
    const { hours, opensAt } = tomorrowOnly();
    await owner.client.expectReply({ action: "hours", token: owner.token, ...hours });
    await visitor.waitFor((frame) => frame.type === "presence" && !(frame as PresencePush).owner.online);
    const before = visitor.frames.filter((frame) => frame.type === "presence").length;
    await owner.client.close();
    await visitor.waitFor(() => visitor.frames.filter((frame) => frame.type === "presence").length > before, 5000, "the away job's push");
    const pushed = visitor.frames.filter((frame): frame is PresencePush => frame.type === "presence").at(-1)!;
    assert.deepEqual({ online: pushed.owner.online, backAt: pushed.owner.backAt }, { online: false, backAt: opensAt });
    const again = await ownerClient(ctx.stack);
    await again.client.expectReply({ action: "hours", token: again.token, timeZone: "UTC", weekly: [] });
    for (const client of [again.client, visitor]) await client.close();
  });
});
