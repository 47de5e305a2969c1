import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { checkSession, issueSession, passwordMatches } from "../../backend/auth/session.ts";
import type { InboxReply, SessionReply } from "../../protocol/index.ts";
import { limits } from "../../protocol/index.ts";
import { TestClient } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

describe("owner sessions", () => {
  it("accept only the exact password", () => {
    assert.equal(passwordMatches("hunter2", "hunter2"), true);
    assert.equal(passwordMatches("hunter", "hunter2"), false);
    assert.equal(passwordMatches("hunter2 ", "hunter2"), false);
    assert.equal(passwordMatches("", ""), false, "an empty owner password never matches");
  });

  it("are valid until they expire, then say so", () => {
    const now = Date.UTC(2026, 10, 22);
    const session = issueSession("pw", now);
    assert.equal(session.expiresAt, now + limits.sessionTtlMs);
    assert.deepEqual(checkSession(session.token, "pw", now + 1000), { ok: true, expiresAt: session.expiresAt });
    assert.deepEqual(checkSession(session.token, "pw", session.expiresAt), { ok: false, reason: "expired" });
  });

  it("are signed out by a password change and by any tampering", () => {
    const now = Date.now();
    const { token } = issueSession("old password", now);
    assert.deepEqual(checkSession(token, "new password", now), { ok: false, reason: "invalid" });
    const [version, expiresAt, nonce, signature] = token.split(".");
    const longer = [version, String(Number(expiresAt) + 86_400_000), nonce, signature].join(".");
    assert.deepEqual(checkSession(longer, "old password", now), { ok: false, reason: "invalid" });
    assert.deepEqual(checkSession(`${token}x`, "old password", now), { ok: false, reason: "invalid" });
    assert.deepEqual(checkSession("garbage", "old password", now), { ok: false, reason: "invalid" });
  });
});

describe("owner sign-in over the socket", () => {
  const ctx = useStack();

  it("returns a token for the right password and refuses a wrong one", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const wrong = await client.request({ action: "login", password: "not it" });
    assert.equal(wrong.type === "error" && wrong.code, "unauthorized");
    const right = await client.request<SessionReply>({ action: "login", password: ctx.stack.ownerPassword });
    assert.equal(right.type, "session");
    assert.ok(right.expiresAt > Date.now());
    const inbox = await client.request<InboxReply>({ action: "inbox", token: right.token });
    assert.equal(inbox.type, "inbox");
    await client.close();
  });

  it("pages the inbox with a cursor and rejects a forged cursor", async () => {
    const visitors = Array.from({ length: limits.inboxPageSize + 3 }, () => randomUUID());
    const client = await visitorClient(ctx.stack, visitors[0]!);
    for (const visitorId of visitors) {
      await client.request({ action: "send", visitorId, id: randomUUID(), text: `from ${visitorId}` });
    }
    const owner = await ownerClient(ctx.stack);
    const first = await owner.client.request<InboxReply>({ action: "inbox", token: owner.token });
    assert.equal(first.conversations.length, limits.inboxPageSize);
    assert.ok(first.cursor);
    const second = await owner.client.request<InboxReply>({ action: "inbox", token: owner.token, cursor: first.cursor });
    const seen = [...first.conversations, ...second.conversations].map((row) => row.visitorId);
    assert.equal(new Set(seen).size, seen.length, "no conversation twice");
    assert.deepEqual(seen.slice(0, visitors.length), [...visitors].reverse(), "newest activity first");
    const times = [...first.conversations, ...second.conversations].map((row) => row.lastMessageAt);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const forged = await owner.client.request({ action: "inbox", token: owner.token, cursor: "eyJwayI6IlgifQ" });
    assert.equal(forged.type === "error" && forged.code, "bad_request");
    const unread = await owner.client.request({ action: "read", token: owner.token, visitorId: randomUUID() });
    assert.equal(unread.type === "error" && unread.code, "not_found");
    await client.close();
    await owner.client.close();
  });

  it("rate-limits repeated wrong passwords, even before the right one", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    // The first test already spent one failure from this address.
    for (let i = 1; i < limits.loginFailuresMax; i++) {
      const reply = await client.request({ action: "login", password: `guess ${i}` });
      assert.equal(reply.type === "error" && reply.code, "unauthorized", `guess ${i}`);
    }
    const blocked = await client.request({ action: "login", password: "guess again" });
    assert.equal(blocked.type === "error" && blocked.code, "rate_limited");
    const evenRight = await client.request({ action: "login", password: ctx.stack.ownerPassword });
    assert.equal(evenRight.type === "error" && evenRight.code, "rate_limited");
    await client.close();
  });
});
