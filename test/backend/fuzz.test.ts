import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { errorCodes } from "#protocol";
import { limits } from "#protocol";
import { keys } from "#backend/store/keys.ts";
import { LoadClient, openOwner, openVisitor } from "../support/load-client.ts";
import { scanTable, useStack, withoutCounters } from "../support/stack.ts";
import { textOf } from "../support/client.ts";

/** A small seeded generator (mulberry32), so a failing frame can be found again. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const actions = ["hello", "ping", "register", "list", "send", "login", "inbox", "read", "block", "delete"] as const;

/**
 * One frame the backend must refuse. Each starts from a plausible frame and breaks it in a way no
 * valid frame can have: a missing or mistyped required field, an over-long value, deep nesting,
 * `__proto__` tricks, JSON that does not parse, or binary.
 */
function badFrame(rng: ReturnType<typeof random>): string | Buffer {
  const visitorId = randomUUID();
  // Frames stay under the gateway's 32 KB frame limit, above which it closes the socket instead of answering.
  const wrongValues = [null, 0, -1, 1e308, true, [], {}, [visitorId], { $ne: null }, "", "x".repeat(rng.int(10_000))];
  const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  switch (rng.int(9)) {
    case 0: // JSON that does not parse
      return rng.pick([
        `{"action":"send","visitorId":"${visitorId}"`,
        "{oops",
        "",
        "\u0000",
        "nul",
        `{"action":"hello",}`,
        "[".repeat(rng.int(3000)),
        '"unterminated',
      ]);
    case 1: // not an object
      return JSON.stringify(rng.pick([[], "send", 42, null, true, [{ action: "hello", visitorId }]]));
    case 2: // a required field mistyped
      return JSON.stringify({
        action: rng.pick(["hello", "ping", "list", "send"]),
        visitorId: rng.pick(wrongValues),
        id: randomUUID(),
        text: "hi",
      });
    case 3: // a send with a broken id or text
      return JSON.stringify({
        action: "send",
        visitorId,
        id: rng.pick([...wrongValues, "not-a-uuid"]),
        text: rng.pick([...wrongValues, "   ", "y".repeat(limits.textMaxChars + 1 + rng.int(10_000))]),
      });
    case 4: // deep nesting where a value belongs
      return `{"action":"${rng.pick(actions)}","visitorId":${nested(1 + rng.int(5000))},"token":${nested(1 + rng.int(50))}}`;
    case 5: // __proto__ and constructor keys, with a required field broken
      return `{"__proto__":{"visitorId":"${visitorId}","text":"x","action":"send"},"constructor":{"prototype":{"admin":true}},"action":"send","id":"${randomUUID()}"}`;
    case 6: // unknown or mistyped action
      return JSON.stringify({
        action: rng.pick([7, null, "DROP TABLE", "$connect", "$disconnect", "toString", "__proto__", "x".repeat(200)]),
        visitorId,
      });
    case 7: // owner frames with a forged, mistyped or huge token
      return JSON.stringify({
        action: rng.pick(["hello", "inbox", "read", "list", "send", "delete", "block"]),
        token: rng.pick(["v1.1.2.3", 1, [], "t".repeat(600), `v1.${Date.now() + 1e9}.forged`]),
        visitorId,
      });
    case 8: // binary frames, random bytes or a valid frame's bytes
      return rng.int(2)
        ? Buffer.from(Array.from({ length: 1 + rng.int(64) }, () => rng.int(256)))
        : Buffer.from(JSON.stringify({ action: "hello", visitorId }));
    default: // a login with a mistyped or huge password, a rid that is too long
      return rng.int(2)
        ? JSON.stringify({ action: "login", password: rng.pick([null, 1, [], {}, "", "p".repeat(1025)]) })
        : JSON.stringify({ action: "hello", visitorId, rid: "r".repeat(limits.ridMaxChars + 1 + rng.int(1000)) });
  }
}

describe("fuzzing: 10,000 bad frames", () => {
  const ctx = useStack();

  it("answers each with an error, changes nothing in the table, and leaves other clients chatting", { timeout: 60_000 }, async () => {
    const owner = await openOwner(ctx.stack.socketUrl, ctx.stack.ownerPassword);
    const visitor = await openVisitor(ctx.stack.socketUrl);
    const rng = random(20_240_601);
    const frames = Array.from({ length: 10_000 }, () => badFrame(rng));
    // Spread over 400 connections, each from an address of its own and under the frame-rate limit
    // (a connection sending 10,000 frames is closed, which test/backend/abuse.test.ts checks).
    const sockets: LoadClient[] = [];
    for (let n = 0; n < 400; n += 50)
      sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => LoadClient.open(ctx.stack.socketUrl)))));
    const before = withoutCounters(await scanTable(ctx.stack));

    const replies: unknown[] = [];
    const pushed = new Set<string>();
    owner.client.onPush = (message) => void pushed.add(message.id);
    const controlIds: string[] = [];
    const control = (async () => {
      for (let n = 0; n < 10; n++) {
        const id = randomUUID();
        controlIds.push(id);
        await visitor.client.expectReply({ action: "send", visitorId: visitor.visitorId, id, text: `still here ${n}` });
      }
    })();
    const answered = new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.socket.on("message", (data) => {
          replies.push(JSON.parse(textOf(data)));
          if (replies.length === frames.length) resolve();
        });
      }
    });
    for (let start = 0; start < frames.length; start += 200) {
      frames
        .slice(start, start + 200)
        .forEach((frame, index) => sockets[(start + index) % sockets.length]!.socket.send(frame, { binary: Buffer.isBuffer(frame) }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await answered;
    await control;

    assert.equal(replies.length, frames.length, "every frame is answered once");
    const codes = new Set<string>(errorCodes);
    const notErrors = replies.filter((reply) => {
      const frame = reply as { type?: string; code?: string; message?: string };
      return frame.type !== "error" || !codes.has(frame.code ?? "") || !frame.message;
    });
    assert.deepEqual(notErrors.slice(0, 3), [], "each answer is an error with a known code and words");
    const after = withoutCounters(await scanTable(ctx.stack)).filter((item) => item.pk !== keys.conversationPk(visitor.visitorId));
    assert.deepEqual(
      after,
      before.filter((item) => item.pk !== keys.conversationPk(visitor.visitorId)),
      "the table is unchanged",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      controlIds.filter((id) => !pushed.has(id)),
      [],
      "the owner received every message of the visitor chatting meanwhile",
    );
    for (const socket of sockets) assert.equal(socket.socket.readyState, socket.socket.OPEN, "fuzzing sockets stay open");
    for (const client of [owner.client, visitor.client, ...sockets]) await client.close();
  });
});
