/**
 * What the local stack answers on its public port, and where its internal APIs are (findings 10
 * and 11 of the "open to the internet" review): the public port serves the widget's files, the
 * inbox and the WebSocket only (and reply emails' unsubscribe page, public on AWS too), with
 * security headers on every answer, and the captured emails to this machine only; the Lambda
 * Invoke API, the management API, the SQS API, the local SES, the SMTP server and dynalite listen on loopback only,
 * and refuse browsers.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, it } from "node:test";
import { TestClient, sleep } from "../support/client.ts";
import { useStack, visitorClient } from "../support/stack.ts";

/** A raw HTTP exchange, so any method, header and path goes out as written. */
function exchange(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; path?: string } = {}) {
  const target = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? "GET",
        path: options.path ?? target.pathname,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** This machine's IPv4 addresses on its networks (none in a sandbox without one). */
const networkAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === "IPv4" && !address.internal)
    .map((address) => address!.address);

/** Whether something listens on `host:port`. */
const listening = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });

describe("the local stack's public port", () => {
  const ctx = useStack();

  it("answers 404 to the Lambda Invoke, management and SQS APIs, and does nothing for them (finding 10)", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const [connectionId] = ctx.stack.gateway.connectionIds();
    const framesBefore = visitor.frames.length;
    const invoked = await exchange(`${ctx.stack.url}2015-03-31/functions/porch-notify/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-amz-invocation-type": "Event" },
      body: JSON.stringify({ kind: "message", items: [], totals: {}, sinceMs: 0 }),
    });
    assert.equal(invoked.status, 404, "the notify function cannot be invoked from outside");
    for (const method of ["POST", "GET", "DELETE"]) {
      const managed = await exchange(`${ctx.stack.url}local/@connections/${encodeURIComponent(connectionId!)}`, {
        method,
        body: method === "POST" ? '{"type":"message"}' : undefined,
      });
      assert.equal(managed.status, 404, `${method} @connections`);
    }
    const queued = await exchange(ctx.stack.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage" },
      body: JSON.stringify({ QueueUrl: ctx.stack.queue.url, MessageBody: '{"type":"sweep-conversation"}' }),
    });
    assert.equal(queued.status, 404);
    await sleep(100);
    assert.equal(visitor.frames.length, framesBefore, "nothing was pushed to the visitor");
    assert.equal(visitor.socket.readyState, visitor.socket.OPEN, "nor was their connection closed");
    assert.deepEqual(ctx.stack.queue.messages(), []);
    await visitor.close();
  });

  it("says nosniff on every answer and never repeats the path it was asked for (finding 11)", async () => {
    const hostile = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    const answers = [
      await exchange(`${ctx.stack.url}${hostile}.html`),
      await exchange(`${ctx.stack.url}2015-03-31/functions/${hostile}/invocations`, { method: "POST", body: "{}" }),
      await exchange(`${ctx.stack.url}local/@connections/${hostile}`, { method: "POST", body: "x" }),
      await exchange(`${ctx.stack.url}${hostile}`, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          "sec-websocket-version": "13",
        },
      }).catch(() => null),
      await exchange(`${ctx.stack.url}inbox.html`),
    ];
    for (const answer of answers.filter((candidate) => candidate !== null)) {
      assert.equal(answer.headers["x-content-type-options"], "nosniff", `${answer.status} ${answer.body.slice(0, 60)}`);
      assert.ok(!answer.body.includes("<script>") && !answer.body.includes("alert(1)"), "the path is not echoed");
    }
    const inbox = answers.at(-1)!;
    assert.equal(inbox.headers["content-security-policy"], "frame-ancestors 'none'", "no site may frame the inbox");
  });

  it("serves the internal APIs on loopback only, and refuses a browser's requests to them", async () => {
    assert.equal(new URL(ctx.stack.internalUrl).hostname, "127.0.0.1");
    assert.equal(new URL(ctx.stack.dynamoEndpoint).hostname, "127.0.0.1");
    const invoke = `${ctx.stack.internalUrl}2015-03-31/functions/porch-notify/invocations`;
    const body = JSON.stringify({ kind: "message", items: [], totals: {}, sinceMs: 0 });
    const browserish: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { host: "evil.example" },
    ];
    for (const headers of browserish) {
      const answer = await exchange(invoke, { method: "POST", headers: { "x-amz-invocation-type": "Event", ...headers }, body });
      assert.equal(answer.status, 403, JSON.stringify(headers));
    }
  });
});

describe("the local stack's captured emails (/_aws/ses)", () => {
  const ctx = useStack();

  it("answers a client on this machine, and refuses a web page and a rebound name", async () => {
    const emails = `${ctx.stack.url}_aws/ses`;
    const plain = await exchange(emails);
    assert.equal(plain.status, 200);
    assert.ok(Array.isArray((JSON.parse(plain.body) as { messages: unknown }).messages));
    assert.equal(plain.headers["x-content-type-options"], "nosniff");
    assert.equal((await exchange(emails, { headers: { "sec-fetch-site": "none" } })).status, 200, "an address typed in");
    const port = new URL(ctx.stack.url).port;
    const browserish: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-origin" },
      { host: `evil.example:${port}` },
    ];
    for (const headers of browserish) {
      for (const method of ["GET", "DELETE"]) {
        const answer = await exchange(emails, { method, headers });
        assert.equal(answer.status, 403, `${method} ${JSON.stringify(headers)}`);
        assert.ok(!answer.body.includes("messages"), "no email is shown");
      }
    }
    // The local SES itself (its API and viewer) is on loopback, and refuses a rebound name too.
    assert.equal(new URL(ctx.stack.ses.endpoint).hostname, "127.0.0.1");
    const sesPort = new URL(ctx.stack.ses.endpoint).port;
    assert.equal((await exchange(`${ctx.stack.ses.endpoint}/`, { headers: { host: `evil.example:${sesPort}` } })).status, 403);
    assert.notEqual((await exchange(`${ctx.stack.ses.endpoint}/`)).status, 403);
  });
});

describe("the local stack with PORCH_HOST=0.0.0.0", () => {
  const ctx = useStack({ host: "0.0.0.0" });

  it("keeps dynalite and the internal APIs on loopback, off the network (finding 10)", async () => {
    const dynamo = new URL(ctx.stack.dynamoEndpoint);
    const internal = new URL(ctx.stack.internalUrl);
    assert.equal(dynamo.hostname, "127.0.0.1");
    assert.equal(internal.hostname, "127.0.0.1");
    const client = await TestClient.open(ctx.stack.socketUrl.replace("0.0.0.0", "127.0.0.1"));
    await client.close();
    const addresses = networkAddresses();
    for (const address of addresses) {
      assert.equal(
        await listening(address, Number(new URL(ctx.stack.url.replace("0.0.0.0", "127.0.0.1")).port)),
        true,
        `the site on ${address}`,
      );
      assert.equal(await listening(address, Number(dynamo.port)), false, `dynalite on ${address}`);
      assert.equal(await listening(address, Number(internal.port)), false, `the internal APIs on ${address}`);
      assert.equal(await listening(address, Number(new URL(ctx.stack.ses.endpoint).port)), false, `the local SES on ${address}`);
      assert.equal(await listening(address, Number(new URL(ctx.stack.inbound.smtpUrl!).port)), false, `the SMTP server on ${address}`);
    }
    assert.equal(new URL(ctx.stack.inbound.smtpUrl!).hostname, "127.0.0.1");
    assert.equal(await listening("127.0.0.1", Number(new URL(ctx.stack.inbound.smtpUrl!).port)), true, "the SMTP server on loopback");
  });

  it("refuses /_aws/ses to anyone reaching the public port over the network", async () => {
    const port = new URL(ctx.stack.url.replace("0.0.0.0", "127.0.0.1")).port;
    assert.equal((await exchange(`http://127.0.0.1:${port}/_aws/ses`)).status, 200, "this machine reads its emails");
    const addresses = networkAddresses();
    for (const address of addresses) {
      // Connected to this machine's network address, the request comes from that address, not loopback.
      const answer = await exchange(`http://${address}:${port}/_aws/ses`, { headers: { host: `${address}:${port}` } });
      assert.equal(answer.status, 403, `from ${address}`);
    }
  });
});
