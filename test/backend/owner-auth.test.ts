import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { checkSession, issueSession, passwordMatches } from "#backend/auth/session.ts";
import { startStack } from "#backend/local/stack.ts";
import { limits } from "#protocol";
import { TestClient, withinOneWindow } from "../support/client.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const scope = { app: "porch", stage: "test" };

describe("owner sessions", () => {
  it("accept only the exact password", () => {
    assert.equal(passwordMatches("hunter2", "hunter2"), true);
    assert.equal(passwordMatches("hunter", "hunter2"), false);
    assert.equal(passwordMatches("hunter2 ", "hunter2"), false);
    assert.equal(passwordMatches("", ""), false, "an empty owner password never matches");
  });

  it("are valid until they expire, then say so", () => {
    const now = Date.UTC(2026, 10, 22);
    const session = issueSession("pw", scope, now);
    assert.equal(session.expiresAt, now + limits.sessionTtlMs);
    assert.deepEqual(checkSession(session.token, "pw", scope, now + 1000), { ok: true, id: session.id, expiresAt: session.expiresAt });
    assert.deepEqual(checkSession(session.token, "pw", scope, session.expiresAt), { ok: false, reason: "expired" });
  });

  it("are signed out by a password change and by any tampering", () => {
    const now = Date.now();
    const { token } = issueSession("old password", scope, now);
    assert.deepEqual(checkSession(token, "new password", scope, now), { ok: false, reason: "invalid" });
    const [version, expiresAt, nonce, signature] = token.split(".");
    const longer = [version, String(Number(expiresAt) + 86_400_000), nonce, signature].join(".");
    assert.deepEqual(checkSession(longer, "old password", scope, now), { ok: false, reason: "invalid" });
    assert.deepEqual(checkSession(`${token}x`, "old password", scope, now), { ok: false, reason: "invalid" });
    assert.deepEqual(checkSession("garbage", "old password", scope, now), { ok: false, reason: "invalid" });
  });
});

describe("owner session tokens have one spelling and one deployment (finding 8)", () => {
  it("are refused with anything appended, padded or in standard base64", () => {
    const now = Date.now();
    const { token } = issueSession("pw", scope, now);
    const [payload, signature] = [token.slice(0, token.lastIndexOf(".")), token.slice(token.lastIndexOf(".") + 1)];
    const standard = Buffer.from(signature, "base64url").toString("base64"); // + / and = padding
    const respelled = [
      `${token}=`,
      `${token}~`,
      `${token}\n`,
      `${token} `,
      `${payload}.${standard}`,
      ` ${token}`,
      token.replace(/^v2\./, "v2.0"),
    ];
    // The last base64url character carries 2 bits the 256-bit signature does not use: flip them.
    const last = signature.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    respelled.push(`${payload}.${signature.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`);
    assert.deepEqual(checkSession(token, "pw", scope, now), { ok: true, id: token.split(".")[2], expiresAt: now + limits.sessionTtlMs });
    for (const spelling of respelled)
      assert.deepEqual(checkSession(spelling, "pw", scope, now), { ok: false, reason: "invalid" }, JSON.stringify(spelling));
  });

  it("are valid on the deployment that issued them only", () => {
    const now = Date.now();
    const { token } = issueSession("pw", { app: "porch", stage: "dev" }, now);
    assert.equal(checkSession(token, "pw", { app: "porch", stage: "dev" }, now).ok, true);
    assert.deepEqual(checkSession(token, "pw", { app: "porch", stage: "production" }, now), { ok: false, reason: "invalid" });
    assert.deepEqual(checkSession(token, "pw", { app: "other", stage: "dev" }, now), { ok: false, reason: "invalid" });
  });

  it("are never signed with, nor checked against, an empty password", () => {
    assert.throws(() => issueSession("", scope, Date.now()), /empty/);
    assert.throws(() => issueSession("   ", scope, Date.now()), /empty/);
    const { token } = issueSession("pw", scope, Date.now());
    assert.deepEqual(checkSession(token, "", scope, Date.now()), { ok: false, reason: "invalid" });
  });

  it("from one stage are refused by another with the same password", async () => {
    const issued = await startStack({ port: 0, dataDir: null, ownerPassword: "shared password", appStage: "dev" });
    const client = await TestClient.open(issued.socketUrl);
    const session = await client.expectReply({ action: "login", password: "shared password" });
    assert.equal(session.type, "session");
    await client.close();
    await issued.close();

    const other = await startStack({ port: 0, dataDir: null, ownerPassword: "shared password", appStage: "production" });
    const elsewhere = await TestClient.open(other.socketUrl);
    const refused = await elsewhere.request({ action: "inbox", token: session.token });
    assert.equal(refused.type === "error" && refused.code, "unauthorized");
    await elsewhere.close();
    await other.close();
  });

  it("the local stack refuses to start with an empty password", async () => {
    await assert.rejects(startStack({ port: 0, dataDir: null, ownerPassword: "" }), /empty/);
    const saved = process.env.PORCH_OWNER_PASSWORD;
    process.env.PORCH_OWNER_PASSWORD = "  ";
    try {
      await assert.rejects(startStack({ port: 0, dataDir: null }), /empty/);
    } finally {
      if (saved === undefined) delete process.env.PORCH_OWNER_PASSWORD;
      else process.env.PORCH_OWNER_PASSWORD = saved;
    }
  });
});

describe("owner sign-in over the socket", () => {
  const ctx = useStack();

  it("returns a token for the right password and refuses a wrong one", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const wrong = await client.request({ action: "login", password: "not it" });
    assert.equal(wrong.type === "error" && wrong.code, "unauthorized");
    const right = await client.expectReply({ action: "login", password: ctx.stack.ownerPassword });
    assert.equal(right.type, "session");
    assert.ok(right.expiresAt > Date.now());
    const inbox = await client.expectReply({ action: "inbox", token: right.token });
    assert.equal(inbox.type, "inbox");
    await client.close();
  });

  it("refuses the token it gave in any other spelling", async () => {
    const client = await TestClient.open(ctx.stack.socketUrl);
    const { token } = await client.expectReply({ action: "login", password: ctx.stack.ownerPassword });
    const signature = token.slice(token.lastIndexOf(".") + 1);
    const standard = `${token.slice(0, token.lastIndexOf("."))}.${Buffer.from(signature, "base64url").toString("base64")}`;
    for (const spelling of [`${token}=`, `${token}~`, `${token}\n`, standard]) {
      const reply = await client.request({ action: "unread", token: spelling });
      assert.equal(reply.type === "error" && reply.code, "unauthorized", JSON.stringify(spelling));
    }
    assert.equal((await client.request({ action: "unread", token })).type, "unread");
    await client.close();
  });

  it("pages the inbox with a cursor and rejects a forged cursor", async () => {
    const visitors = Array.from({ length: limits.inboxPageSize + 3 }, () => randomUUID());
    for (const visitorId of visitors) {
      const client = await visitorClient(ctx.stack, visitorId);
      await client.request({ action: "send", visitorId, id: randomUUID(), text: `from ${visitorId}` });
      await client.close();
    }
    const owner = await ownerClient(ctx.stack);
    const first = await owner.client.expectReply({ action: "inbox", token: owner.token });
    assert.equal(first.conversations.length, limits.inboxPageSize);
    assert.ok(first.cursor);
    const second = await owner.client.expectReply({ action: "inbox", token: owner.token, cursor: first.cursor });
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
    await owner.client.close();
  });

  it("rate-limits repeated wrong passwords, even before the right one", async () => {
    await withinOneWindow(limits.loginFailureWindowMs);
    const client = await TestClient.open(ctx.stack.socketUrl, { localAddress: "127.0.3.3" });
    for (let i = 0; i < limits.loginFailuresMax; i++) {
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
