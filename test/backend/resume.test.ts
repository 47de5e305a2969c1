import assert from "node:assert/strict";
import { createCipheriv, createHmac, randomBytes, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { limits } from "#protocol";
import { addressHash } from "#backend/email/address.ts";
import { newLinkKey, sealConfirmToken, sealResumeToken, sealUnsubscribeToken } from "#backend/email/link-tokens.ts";
import { DynamoChatStore } from "#backend/store/store.ts";
import { confirmAddress } from "../support/emails.ts";
import { TestClient } from "../support/client.ts";
import type { Frame } from "../support/protocol-client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";
import { keys } from "#backend/store/keys.ts";

const codeOf = (reply: Frame) => (reply.type === "error" ? reply.code : reply.type);

/** A continue link's token as Porch sealed it before links named their address: the visitor id and an expiry. */
function legacyResumeToken(visitorId: string, expiresAtMs: number, linkKey: string): string {
  const key = createHmac("sha256", linkKey).update("porch link token key v1").digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from("porch resume link v1"));
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(expiresAtMs));
  const plaintext = Buffer.concat([Buffer.from(visitorId.replaceAll("-", ""), "hex"), expiry]);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString("base64url");
}

/** What is stored, but the connections' bindings (which come and go with sockets). */
async function storedData(stack: Parameters<typeof scanTable>[0]) {
  return (await scanTable(stack)).filter((item) => !keys.isConnectionPk(String(item.pk)) && !keys.isVisitorBindingSk(String(item.sk)));
}

describe("resume: a reply email's link stands for its visitor", () => {
  const ctx = useStack({ email: { siteUrl: "https://blog.example/", delayS: 1 } });

  /** A conversation whose visitor gave an address and its recipient confirmed it, as reply emails need. */
  async function conversation() {
    const visitorId = randomUUID();
    const address = `r-${visitorId}@example.com`;
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "Hello" });
    await visitor.request({ action: "register", visitorId, email: address });
    await visitor.close();
    await confirmAddress(ctx.stack, address);
    return visitorId;
  }

  /** A continue link's token for the conversation as it stands, as the reply-email job seals it. */
  async function linkFor(visitorId: string, expiresAtMs = Date.now() + limits.resumeLinkTtlMs, key = ctx.stack.linkSigningKey) {
    const head = (await new DynamoChatStore({ tableName: ctx.stack.tableName }).heads.get(visitorId))!;
    return sealResumeToken({ visitorId, addressHash: addressHash(head.email!), confirmedAtMs: head.emailConfirmedAt!, expiresAtMs }, key);
  }

  it("answers the visitor id to any browser, which then has the conversation", async () => {
    const visitorId = await conversation();
    const token = await linkFor(visitorId);
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
    const valid = await linkFor(visitorId, Date.now() + 60_000);
    const flipped = (token: string, at: number) => token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    const cases: [string, string, string][] = [
      ["expired", await linkFor(visitorId, Date.now() - 1), "expired"],
      ["a flipped character in the middle", flipped(valid, 20), "unauthorized"],
      ["a flipped last character", flipped(valid, valid.length - 1), "unauthorized"],
      ["cut short", valid.slice(0, -4), "unauthorized"],
      ["another spelling of the same bytes", `${valid}=`, "unauthorized"],
      ["signed with another deployment's key", await linkFor(visitorId, Date.now() + 60_000, newLinkKey()), "unauthorized"],
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
    const token = await linkFor(visitorId);
    await owner.client.request({ action: "delete", token: owner.token, visitorId });
    const client = await TestClient.open(ctx.stack.socketUrl);
    const reply = await client.request({ action: "resume", token });
    assert.equal(codeOf(reply), "not_found");
    for (const socket of [client, owner.client]) await socket.close();
  });

  it("answers garbage with a stable code, many frames at once, and valid links among them still work", async () => {
    const visitorId = await conversation();
    const token = await linkFor(visitorId);
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

  it("refuses a link once its conversation's address changed, was removed or unsubscribed, however often it is replayed (finding 2)", async (t) => {
    const replays = async (token: string) => {
      const clients = await Promise.all([1, 2, 3].map(() => TestClient.open(ctx.stack.socketUrl)));
      const replies = await Promise.all(clients.flatMap((client) => [1, 2, 3].map(() => client.request({ action: "resume", token }))));
      for (const client of clients) await client.close();
      return replies.map(codeOf);
    };
    const cases: [string, (visitorId: string, visitor: TestClient) => Promise<void>][] = [
      ["changed", (visitorId, visitor) => visitor.expectReply({ action: "register", visitorId, email: "new@example.com" }).then(() => {})],
      ["removed", (visitorId, visitor) => visitor.expectReply({ action: "register", visitorId, email: "" }).then(() => {})],
      [
        "unsubscribed",
        async (visitorId) => {
          const head = await new DynamoChatStore({ tableName: ctx.stack.tableName }).heads.get(visitorId);
          const url = `${ctx.stack.email.unsubscribeUrl}?t=${sealUnsubscribeToken(visitorId, addressHash(head!.email!), ctx.stack.linkSigningKey)}`;
          assert.equal((await fetch(url, { method: "POST" })).status, 200);
        },
      ],
    ];
    for (const [what, change] of cases) {
      const visitorId = await conversation();
      const token = await linkFor(visitorId);
      assert.deepEqual(await replays(token), Array(9).fill("resumed"), `${what}: works before`);
      const visitor = await visitorClient(ctx.stack, visitorId);
      await change(visitorId, visitor);
      await visitor.close();
      const after = await replays(token);
      t.diagnostic(`address ${what}, the link replayed 9 times at once: ${JSON.stringify(after)}`);
      assert.deepEqual(after, Array(9).fill("expired"), `${what}: refused`);
    }
  });

  it("refuses a link from before links named their address, as expired", async () => {
    const visitorId = await conversation();
    const legacy = legacyResumeToken(visitorId, Date.now() + 60_000, ctx.stack.linkSigningKey);
    const client = await TestClient.open(ctx.stack.socketUrl);
    assert.equal(codeOf(await client.request({ action: "resume", token: legacy })), "expired");
    await client.close();
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
      [
        `${ctx.stack.email.unsubscribeUrl}?t=${sealConfirmToken(randomUUID(), addressHash("a@example.com"), Date.now() + 60_000, ctx.stack.linkSigningKey)}`,
        "POST",
        400,
      ],
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
