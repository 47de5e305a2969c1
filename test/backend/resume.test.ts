import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { limits } from "#protocol";
import { addressHash } from "#backend/email/address.ts";
import { newLinkKey, sealResumeToken, sealUnsubscribeToken } from "#backend/email/link-tokens.ts";
import { TestClient } from "../support/client.ts";
import type { Frame } from "../support/protocol-client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

const codeOf = (reply: Frame) => (reply.type === "error" ? reply.code : reply.type);

/** What is stored, but the connections' bindings (which come and go with sockets). */
async function storedData(stack: Parameters<typeof scanTable>[0]) {
  return (await scanTable(stack)).filter((item) => !keys.isConnectionPk(String(item.pk)) && !keys.isVisitorBindingSk(String(item.sk)));
}

describe("resume: a reply email's link stands for its visitor", () => {
  const ctx = useStack({ email: { siteUrl: "https://blog.example/", delayS: 1 } });

  async function conversation() {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Hello" });
    await visitor.close();
    return visitorId;
  }

  it("answers the visitor id to any browser, which then has the conversation", async () => {
    const visitorId = await conversation();
    const token = sealResumeToken(visitorId, Date.now() + limits.resumeLinkTtlMs, ctx.stack.linkSigningKey);
    const browser = await TestClient.open(ctx.stack.socketUrl);
    const resumed = await browser.expectReply({ action: "resume", token });
    assert.deepEqual({ ...resumed, rid: undefined }, { type: "resumed", visitorId, rid: undefined });
    await browser.expectReply({ action: "hello", visitorId: resumed.visitorId });
    const history = await browser.expectReply({ action: "list", visitorId: resumed.visitorId });
    assert.deepEqual(
      history.messages.map((message) => message.text),
      ["Hello"],
    );
    await browser.close();
  });

  it("refuses an expired link with `expired`, and a tampered, foreign or other-purpose one with `unauthorized`, changing nothing", async () => {
    const visitorId = await conversation();
    const before = await storedData(ctx.stack);
    const key = ctx.stack.linkSigningKey;
    const valid = sealResumeToken(visitorId, Date.now() + 60_000, key);
    const flipped = (token: string, at: number) => token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    const cases: [string, string, string][] = [
      ["expired", sealResumeToken(visitorId, Date.now() - 1, key), "expired"],
      ["a flipped character in the middle", flipped(valid, 20), "unauthorized"],
      ["a flipped last character", flipped(valid, valid.length - 1), "unauthorized"],
      ["cut short", valid.slice(0, -4), "unauthorized"],
      ["another spelling of the same bytes", `${valid}=`, "unauthorized"],
      ["signed with another deployment's key", sealResumeToken(visitorId, Date.now() + 60_000, newLinkKey()), "unauthorized"],
      ["an unsubscribe link's token", sealUnsubscribeToken(visitorId, addressHash("a@example.com"), key), "unauthorized"],
    ];
    const client = await TestClient.open(ctx.stack.socketUrl);
    for (const [what, token, code] of cases) {
      const reply = await client.request({ action: "resume", token });
      assert.equal(codeOf(reply), code, what);
      if (reply.type === "error") assert.ok(reply.message.length > 10, `${what}: a clear message`);
    }
    const expired = await client.request({ action: "resume", token: cases[0]![1] });
    assert.equal(expired.type, "error");
    assert.match(expired.message, /expired/);
    assert.deepEqual(await storedData(ctx.stack), before, "nothing stored or changed");
    await client.close();
  });

  it("refuses a link to a conversation deleted since with `not_found`", async () => {
    const visitorId = await conversation();
    const owner = await ownerClient(ctx.stack);
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    const client = await TestClient.open(ctx.stack.socketUrl);
    const reply = await client.request({
      action: "resume",
      token: sealResumeToken(visitorId, Date.now() + 60_000, ctx.stack.linkSigningKey),
    });
    assert.equal(codeOf(reply), "not_found");
    for (const socket of [client, owner.client]) await socket.close();
  });

  it("answers garbage with a stable code, many frames at once, and valid links among them still work", async () => {
    const visitorId = await conversation();
    const token = sealResumeToken(visitorId, Date.now() + 60_000, ctx.stack.linkSigningKey);
    const garbage: [unknown, string][] = [
      [undefined, "bad_request"],
      ["", "bad_request"],
      [42, "bad_request"],
      [null, "bad_request"],
      [["x"], "bad_request"],
      [{ token }, "bad_request"],
      ["not a token!", "unauthorized"],
      ["x".repeat(limits.linkTokenMaxChars + 1), "too_large"],
      ["A".repeat(limits.linkTokenMaxChars), "unauthorized"],
      ["__proto__", "unauthorized"],
    ];
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.open(ctx.stack.socketUrl)));
    const requests = clients.flatMap((client) => [
      ...garbage.map(([value, code]) =>
        client
          .requestRaw({ action: "resume", ...(value === undefined ? {} : { token: value }) })
          .then((reply) => [codeOf(reply), code, value]),
      ),
      // As the widget sends it, with the browser's own visitor id (undeclared, dropped): the token decides.
      client
        .requestRaw({ action: "resume", token, visitorId: randomUUID() })
        .then((reply) => [reply.type === "resumed" && reply.visitorId, visitorId, "valid"]),
    ]);
    for (const [got, expected, what] of await Promise.all(requests)) assert.equal(got, expected, JSON.stringify(what)?.slice(0, 40));
    for (const client of clients) await client.close();
  });

  it("refuses a page that is no http(s) URL or is too long, storing nothing", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const cases: [unknown, string][] = [
      ["javascript:alert(1)", "bad_request"],
      ["ftp://blog.example/", "bad_request"],
      ["https://", "bad_request"],
      ["https://blog.example/a b", "bad_request"],
      [42, "bad_request"],
      [`https://blog.example/${"p".repeat(limits.pageUrlMaxChars)}`, "too_large"],
    ];
    const replies = await Promise.all(
      cases.map(([page]) => visitor.requestRaw({ action: "send", visitorId, id: randomUUID(), text: "with a page", page })),
    );
    replies.forEach((reply, index) => assert.equal(codeOf(reply), cases[index]![1], String(cases[index]![0]).slice(0, 40)));
    assert.ok(
      !(await scanTable(ctx.stack)).some((item) => item.pk === keys.conversationPk(visitorId) && keys.isMessageSk(String(item.sk))),
    );
    await visitor.close();
  });
});

describe("the unsubscribe endpoint", () => {
  const ctx = useStack({ email: { siteUrl: "https://blog.example/", siteName: "Blog <b>", delayS: 1 } });

  async function visitorWithAddress() {
    const visitorId = randomUUID();
    const address = `u-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, email: address });
    const url = `${ctx.stack.email.unsubscribeUrl}?t=${sealUnsubscribeToken(visitorId, addressHash(address), ctx.stack.linkSigningKey)}`;
    const unsubscribed = async () => (await visitor.expectReply({ action: "hello", visitorId })).emailReplies.unsubscribed;
    return { visitorId, address, url, visitor, unsubscribed };
  }

  const expectedHeaders = (response: Response) => {
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'.*form-action 'self'.*frame-ancestors 'none'/);
    assert.equal(response.headers.get("x-frame-options"), "DENY");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    assert.equal(response.headers.get("cache-control"), "no-store");
  };

  it("shows a confirmation page on GET, which unsubscribes nothing (mail scanners follow links)", async () => {
    const { url, address, visitor, unsubscribed } = await visitorWithAddress();
    for (const method of ["GET", "HEAD", "GET"]) {
      const response = await fetch(url, { method });
      assert.equal(response.status, 200, method);
      expectedHeaders(response);
      if (method === "GET") {
        const page = await response.text();
        assert.match(page, /<form method="post">/);
        assert.ok(page.includes(address), "it names the address");
        assert.ok(page.includes("Blog &lt;b&gt;") && !page.includes("Blog <b>"), "the site's name, escaped");
      }
    }
    assert.equal(await unsubscribed(), false);
    await visitor.close();
  });

  it("unsubscribes on POST (the page's button, or a mail provider's one-click), idempotently", async () => {
    const { url, visitor, unsubscribed } = await visitorWithAddress();
    const posts = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
      ),
    );
    for (const response of posts) {
      assert.equal(response.status, 200);
      expectedHeaders(response);
      assert.match(await response.text(), /You are unsubscribed/);
    }
    assert.equal(await unsubscribed(), true);
    await visitor.close();
  });

  it("refuses a tampered or missing token (400) and other methods (405), unsubscribing nothing", async () => {
    const { url, visitor, unsubscribed } = await visitorWithAddress();
    const token = new URL(url).searchParams.get("t")!;
    const tampered = `${ctx.stack.email.unsubscribeUrl}?t=${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    for (const [target, method, status] of [
      [tampered, "POST", 400],
      [tampered, "GET", 400],
      [ctx.stack.email.unsubscribeUrl, "POST", 400],
      [`${ctx.stack.email.unsubscribeUrl}?t=${sealResumeToken(randomUUID(), Date.now() + 60_000, ctx.stack.linkSigningKey)}`, "POST", 400],
      [url, "PUT", 405],
      [url, "DELETE", 405],
    ] as const) {
      const response = await fetch(target, { method });
      assert.equal(response.status, status, `${method} ${target.slice(-12)}`);
      expectedHeaders(response);
    }
    assert.equal(await unsubscribed(), false);
    await visitor.close();
  });
});
