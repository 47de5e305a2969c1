import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { WebSocket } from "ws";
import { createGateway, gatewayIdPattern, startGateway } from "#backend/local/gateway.ts";
import type {
  GatewayOptions,
  LambdaContext,
  LambdaHandler,
  LimitViolation,
  StartedGateway,
  WebSocketEvent,
} from "#backend/local/gateway.ts";
import { textOf } from "../support/client.ts";

const stage = "local";
const requestTimePattern = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---- Prepare helpers ----------------------------------------------------------------------------

interface Recorded {
  event: WebSocketEvent;
  context: LambdaContext;
}

/** A handler that records every event and answers with `answer` (default: nothing). */
function recorder(answer?: (event: WebSocketEvent, context: LambdaContext) => unknown) {
  const calls: Recorded[] = [];
  const handler: LambdaHandler = async (event: WebSocketEvent, context) => {
    calls.push({ event, context });
    return answer?.(event, context);
  };
  return { calls, handler };
}

async function gatewayFor(t: TestContext, options: Partial<GatewayOptions> & Pick<GatewayOptions, "routes">): Promise<StartedGateway> {
  const started = await startGateway({ stage, ...options });
  t.after(() => started.close());
  return started;
}

function managementClient(t: TestContext, started: StartedGateway): ApiGatewayManagementApiClient {
  const client = new ApiGatewayManagementApiClient({
    endpoint: started.managementEndpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  t.after(() => client.destroy());
  return client;
}

/** A gateway with recording $connect/$disconnect routes, one open client and a management API client. */
async function connected(t: TestContext, options: Partial<GatewayOptions> = {}) {
  const connect = recorder();
  const disconnect = recorder();
  const started = await gatewayFor(t, {
    ...options,
    routes: { $connect: { handler: connect.handler }, $disconnect: { handler: disconnect.handler } },
  });
  const client = await openClient(started.url, userAgent);
  const connectionId = connect.calls[0]!.event.requestContext.connectionId;
  return { started, client, connectionId, disconnect, management: managementClient(t, started) };
}

interface Client {
  ws: WebSocket;
  /** The next text frame from the gateway (fails after 2 s). */
  next(): Promise<string>;
  closed: Promise<{ code: number; reason: string }>;
}

function clientFor(ws: WebSocket): Client {
  const queued: string[] = [];
  const waiting: ((frame: string) => void)[] = [];
  ws.on("message", (data) => {
    const frame = textOf(data);
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else queued.push(frame);
  });
  ws.on("error", () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const next = () => {
    const frame = queued.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    return withTimeout(new Promise<string>((resolve) => waiting.push(resolve)), "no frame arrived");
  };
  return { ws, next, closed };
}

async function openClient(url: string, headers?: Record<string, string>): Promise<Client> {
  const ws = new WebSocket(url, { headers });
  const client = clientFor(ws);
  await once(ws, "open");
  return client;
}

/** The HTTP status the gateway answered a refused upgrade with. */
async function refusedStatus(url: string): Promise<number> {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  const [, response] = (await once(ws, "unexpected-response")) as [unknown, { statusCode: number }];
  ws.terminate();
  return response.statusCode;
}

async function withTimeout<T>(work: Promise<T>, what: string, ms = 2_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(condition: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertRequestContext(event: WebSocketEvent, expected: { routeKey: string; eventType: string; started: StartedGateway }) {
  const context = event.requestContext;
  const { host, port } = new URL(expected.started.managementEndpoint);
  assert.equal(context.routeKey, expected.routeKey);
  assert.equal(context.eventType, expected.eventType);
  assert.match(context.requestTime, requestTimePattern);
  assert.equal(context.messageDirection, "IN");
  assert.equal(context.stage, stage);
  assert.equal(typeof context.connectedAt, "number");
  assert.ok(Math.abs(context.requestTimeEpoch - Date.now()) < 5_000);
  assert.ok(context.requestTimeEpoch >= context.connectedAt);
  assert.match(context.requestId, gatewayIdPattern);
  assert.equal(context.extendedRequestId, context.requestId);
  assert.equal(context.domainName, `127.0.0.1:${port}`);
  assert.equal(host, `127.0.0.1:${port}`);
  assert.match(context.connectionId, gatewayIdPattern);
  assert.match(context.apiId, /^[a-z0-9]{10}$/);
  assert.equal(context.identity.sourceIp, "127.0.0.1");
  assert.equal(context.identity.userAgent, "porch-test/1.0");
}

const userAgent = { "User-Agent": "porch-test/1.0" };

// ---- Events -------------------------------------------------------------------------------------

describe("events", () => {
  it("a CONNECT event carries the request headers, query string and request context", async (t) => {
    const connect = recorder(() => ({ statusCode: 200 }));
    const started = await gatewayFor(t, { routes: { $connect: { handler: connect.handler } } });

    const client = await openClient(`${started.url}?room=a&room=b&visitor=v1`, { ...userAgent, "X-Porch-Test": "yes" });
    client.ws.close();

    assert.equal(connect.calls.length, 1);
    const { event } = connect.calls[0]!;
    assertRequestContext(event, { routeKey: "$connect", eventType: "CONNECT", started });
    assert.equal(event.requestContext.messageId, undefined);
    assert.equal(event.isBase64Encoded, false);
    assert.equal(event.body, undefined);
    assert.equal(event.headers?.["Host"], event.requestContext.domainName);
    assert.equal(event.headers?.["X-Porch-Test"], "yes");
    assert.equal(event.headers?.["User-Agent"], "porch-test/1.0");
    assert.equal(event.headers?.["Sec-WebSocket-Version"], "13");
    assert.equal(event.headers?.["X-Forwarded-For"], "127.0.0.1");
    assert.match(event.headers?.["X-Amzn-Trace-Id"] ?? "", /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.deepEqual(event.multiValueHeaders?.["X-Porch-Test"], ["yes"]);
    assert.deepEqual(event.queryStringParameters, { room: "b", visitor: "v1" });
    assert.deepEqual(event.multiValueQueryStringParameters, { room: ["a", "b"], visitor: ["v1"] });
  });

  it("a CONNECT event without a query string has no query parameters", async (t) => {
    const connect = recorder();
    const started = await gatewayFor(t, { routes: { $connect: { handler: connect.handler } } });

    const client = await openClient(started.url, userAgent);
    client.ws.close();

    const { event } = connect.calls[0]!;
    assert.equal("queryStringParameters" in event, false);
    assert.equal("multiValueQueryStringParameters" in event, false);
  });

  it("a MESSAGE event carries the body and a messageId but no headers", async (t) => {
    const connect = recorder();
    const message = recorder();
    const started = await gatewayFor(t, { routes: { $connect: { handler: connect.handler }, $default: { handler: message.handler } } });
    const client = await openClient(started.url, userAgent);

    client.ws.send('{"action":"hello","text":"hi"}');
    client.ws.send("second");
    await waitFor(() => message.calls.length === 2, "two MESSAGE events");

    const [first, second] = message.calls.map((call) => call.event) as [WebSocketEvent, WebSocketEvent];
    assertRequestContext(first, { routeKey: "$default", eventType: "MESSAGE", started });
    assert.equal(first.body, '{"action":"hello","text":"hi"}');
    assert.equal(first.isBase64Encoded, false);
    assert.match(first.requestContext.messageId, gatewayIdPattern);
    assert.equal(first.headers, undefined);
    assert.equal(first.multiValueHeaders, undefined);
    assert.equal(first.queryStringParameters, undefined);
    const connectContext = connect.calls[0]!.event.requestContext;
    assert.equal(first.requestContext.connectionId, connectContext.connectionId);
    assert.equal(first.requestContext.connectedAt, connectContext.connectedAt);
    assert.notEqual(first.requestContext.requestId, second.requestContext.requestId);
    assert.notEqual(first.requestContext.messageId, second.requestContext.messageId);
  });

  it("a binary frame arrives base64-encoded", async (t) => {
    const message = recorder();
    const started = await gatewayFor(t, { routes: { $default: { handler: message.handler } } });
    const client = await openClient(started.url);

    client.ws.send(Buffer.from([0, 1, 2, 250, 255]));
    await waitFor(() => message.calls.length === 1, "the MESSAGE event");

    assert.equal(message.calls[0]!.event.isBase64Encoded, true);
    assert.equal(message.calls[0]!.event.body, Buffer.from([0, 1, 2, 250, 255]).toString("base64"));
  });

  it("a DISCONNECT event has the four fixed headers and the client's close code and reason", async (t) => {
    const disconnect = recorder();
    const started = await gatewayFor(t, { routes: { $disconnect: { handler: disconnect.handler } } });
    const client = await openClient(started.url, userAgent);

    client.ws.close(4001, "bye now");
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    const { event } = disconnect.calls[0]!;
    assertRequestContext(event, { routeKey: "$disconnect", eventType: "DISCONNECT", started });
    assert.deepEqual(event.headers, { Host: event.requestContext.domainName, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": "" });
    assert.deepEqual(event.multiValueHeaders?.["x-restapi"], [""]);
    assert.equal(event.requestContext.disconnectStatusCode, 4001);
    assert.equal(event.requestContext.disconnectReason, "bye now");
    assert.equal(event.requestContext.messageId, undefined);
    assert.equal(event.isBase64Encoded, false);
  });

  it("a close frame without a status is reported as 1005", async (t) => {
    const disconnect = recorder();
    const started = await gatewayFor(t, { routes: { $disconnect: { handler: disconnect.handler } } });
    const client = await openClient(started.url);

    client.ws.close();
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectStatusCode, 1005);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectReason, "Client-side close frame status not set");
  });

  it("$disconnect runs once, after the socket is gone, and its failure stays inside the gateway", async (t) => {
    let socketsOpenDuringDisconnect = -1;
    // eslint-disable-next-line prefer-const -- the handlers below read it once the gateway has started
    let started: StartedGateway | undefined;
    const disconnect = recorder(() => {
      socketsOpenDuringDisconnect = started!.gateway.connectionIds().length;
      throw new Error("disconnect failed");
    });
    started = await gatewayFor(t, { routes: { $disconnect: { handler: disconnect.handler } } });
    const client = await openClient(started.url);

    client.ws.close(1000);
    await client.closed;
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");
    await sleep(50);

    assert.equal(disconnect.calls.length, 1);
    assert.equal(socketsOpenDuringDisconnect, 0);
    assert.equal((await openClient(started.url)).ws.readyState, WebSocket.OPEN);
  });

  it("handlers get a Lambda-like context", async (t) => {
    const message = recorder();
    const started = await gatewayFor(t, { integrationTimeoutMs: 5_000, routes: { $default: { handler: message.handler } } });
    const client = await openClient(started.url);

    client.ws.send("hi");
    await waitFor(() => message.calls.length === 1, "the MESSAGE event");

    const { context } = message.calls[0]!;
    assert.match(context.awsRequestId, uuidPattern);
    assert.match(context.functionName, /default/);
    assert.equal(context.callbackWaitsForEmptyEventLoop, true);
    assert.ok(context.getRemainingTimeInMillis() > 4_000 && context.getRemainingTimeInMillis() <= 5_000);
    assert.match(context.invokedFunctionArn, /^arn:aws:lambda:/);
  });
});

describe("log", () => {
  it("writes a line for the connect, each invocation, errors and the disconnect", async (t) => {
    const lines: string[] = [];
    const started = await gatewayFor(t, {
      log: (line) => lines.push(line),
      routes: {
        $connect: { handler: () => ({ statusCode: 200 }) },
        $default: {
          handler: () => {
            throw new Error("kaput");
          },
        },
        $disconnect: { handler: () => undefined },
      },
    });
    const client = await openClient(started.url);

    client.ws.send("hi");
    await client.next();
    client.ws.close();
    await waitFor(() => lines.some((line) => line.startsWith("DISCONNECT $disconnect")), "the $disconnect line");

    assert.ok(lines.some((line) => /^CONNECT \S+ 200$/.test(line)));
    assert.ok(lines.some((line) => line.startsWith("MESSAGE $default") && line.includes("threw kaput")));
    assert.ok(lines.some((line) => /^DISCONNECT \S+ 1005 /.test(line)));
  });
});

// ---- Routing ------------------------------------------------------------------------------------

describe("routing", () => {
  it("routes by the body's action and falls back to $default for anything else", async (t) => {
    const send = recorder();
    const fallback = recorder();
    const started = await gatewayFor(t, { routes: { send: { handler: send.handler }, $default: { handler: fallback.handler } } });
    const client = await openClient(started.url);

    client.ws.send('{"action":"send","text":"a"}');
    client.ws.send("not json");
    client.ws.send('{"action":42}');
    client.ws.send('{"action":"unknown"}');
    client.ws.send('["send"]');
    client.ws.send('{"action":"$disconnect"}');
    await waitFor(() => send.calls.length + fallback.calls.length === 6, "six MESSAGE events");

    assert.deepEqual(
      send.calls.map((call) => call.event.body),
      ['{"action":"send","text":"a"}'],
    );
    assert.equal(send.calls[0]!.event.requestContext.routeKey, "send");
    assert.deepEqual(
      new Set(fallback.calls.map((call) => call.event.body)),
      new Set(["not json", '{"action":42}', '{"action":"unknown"}', '["send"]', '{"action":"$disconnect"}']),
    );
    assert.ok(fallback.calls.every((call) => call.event.requestContext.routeKey === "$default"));
  });

  it("a frame no route matches, without $default, gets API Gateway's Forbidden frame", async (t) => {
    const send = recorder();
    const started = await gatewayFor(t, { routes: { send: { handler: send.handler } } });
    const client = await openClient(started.url);

    client.ws.send('{"action":"other"}');
    const frame = await client.next();

    assert.match(frame, /^\{"message": "Forbidden", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
    assert.equal(send.calls.length, 0);
    assert.equal(client.ws.readyState, WebSocket.OPEN);
  });
});

// ---- $connect -----------------------------------------------------------------------------------

describe("$connect", () => {
  it("a non-2xx statusCode refuses the upgrade with that status", async (t) => {
    const disconnect = recorder();
    const started = await gatewayFor(t, {
      routes: { $connect: { handler: () => ({ statusCode: 401 }) }, $disconnect: { handler: disconnect.handler } },
    });

    assert.equal(await refusedStatus(started.url), 401);
    await sleep(30);
    assert.equal(disconnect.calls.length, 0);
    assert.deepEqual(started.gateway.connectionIds(), []);
  });

  it("a throwing $connect refuses the upgrade with 500", async (t) => {
    const started = await gatewayFor(t, {
      routes: {
        $connect: {
          handler: () => {
            throw new Error("no");
          },
        },
      },
    });

    assert.equal(await refusedStatus(started.url), 500);
  });

  it("without a $connect route every connection is accepted", async (t) => {
    const started = await gatewayFor(t, { routes: {} });

    const client = await openClient(started.url);

    assert.equal(started.gateway.connectionIds().length, 1);
    client.ws.close();
  });

  it("only the stage path upgrades", async (t) => {
    const started = await gatewayFor(t, { routes: {} });

    assert.equal(await refusedStatus(started.url.replace(`/${stage}`, "/other")), 404);
  });
});

// ---- Replies --------------------------------------------------------------------------------------

describe("replies", () => {
  it("a two-way route's returned body reaches the client, a one-way route's does not", async (t) => {
    const started = await gatewayFor(t, {
      routes: {
        twoWay: { handler: () => ({ statusCode: 200, body: "from two-way" }), twoWay: true },
        plain: { handler: () => "from a string", twoWay: true },
        oneWay: { handler: () => ({ statusCode: 200, body: "never sent" }) },
      },
    });
    const client = await openClient(started.url);

    client.ws.send('{"action":"oneWay"}');
    await sleep(50);
    client.ws.send('{"action":"twoWay"}');
    const first = await client.next();
    client.ws.send('{"action":"plain"}');
    const second = await client.next();

    assert.equal(first, "from two-way");
    assert.equal(second, "from a string");
  });

  it("a route response over the message limit, counted in UTF-8 bytes, is not sent and is reported", async (t) => {
    const violations: LimitViolation[] = [];
    const started = await gatewayFor(t, {
      maxMessageBytes: 1024,
      onLimitExceeded: (violation) => violations.push(violation),
      routes: { $default: { handler: (event: WebSocketEvent) => ({ statusCode: 200, body: event.body }), twoWay: true } },
    });
    const client = await openClient(started.url);

    client.ws.send("€".repeat(342)); // 1,026 bytes in 342 characters
    client.ws.send("y".repeat(1024));
    const answered = await client.next();

    assert.equal(answered, "y".repeat(1024), "the oversized reply never arrived; the next one did");
    assert.equal(violations.length, 1);
    assert.deepEqual(
      { ...violations[0], requestId: undefined },
      {
        kind: "route response",
        connectionId: violations[0]!.connectionId,
        bytes: 1026,
        limitBytes: 1024,
        routeKey: "$default",
        requestId: undefined,
      },
    );
    assert.deepEqual(started.gateway.limitViolations(), violations);
  });

  it("a throwing handler gives the client the Internal server error frame and the connection stays open", async (t) => {
    const failing = recorder(() => {
      throw new Error("boom");
    });
    const started = await gatewayFor(t, { routes: { $default: { handler: failing.handler } } });
    const client = await openClient(started.url);

    client.ws.send("hi");
    const frame = await client.next();

    const { connectionId, requestId } = failing.calls[0]!.event.requestContext;
    assert.equal(frame, `{"message": "Internal server error", "connectionId":"${connectionId}", "requestId":"${requestId}"}`);
    assert.equal(client.ws.readyState, WebSocket.OPEN);
  });

  it("a handler slower than the integration timeout gives the client the timeout frame", async (t) => {
    const slow = recorder(() => sleep(300).then(() => ({ body: "too late" })));
    const started = await gatewayFor(t, { integrationTimeoutMs: 100, routes: { $default: { handler: slow.handler, twoWay: true } } });
    const client = await openClient(started.url);

    client.ws.send("hi");
    const frame = await client.next();
    await sleep(300);

    const { requestId } = slow.calls[0]!.event.requestContext;
    assert.match(frame, /^\{"message": "Endpoint request timed out", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
    assert.ok(frame.includes(requestId));
    assert.ok(slow.calls[0]!.context.getRemainingTimeInMillis() === 0);
  });
});

// ---- Limits -------------------------------------------------------------------------------------

describe("limits", () => {
  /** One client on a gateway whose messages go nowhere and whose $disconnect is recorded. */
  async function quietConnection(t: TestContext, limits: Partial<GatewayOptions>) {
    const disconnect = recorder();
    const started = await gatewayFor(t, {
      ...limits,
      routes: { $default: { handler: () => undefined }, $disconnect: { handler: disconnect.handler } },
    });
    return { client: await openClient(started.url), disconnect };
  }

  it("a frame over the limit closes the connection with 1009 and the gateway keeps serving", async (t) => {
    const message = recorder();
    const disconnect = recorder();
    const started = await gatewayFor(t, {
      maxFrameBytes: 1024,
      routes: { $default: { handler: message.handler, twoWay: true }, $disconnect: { handler: disconnect.handler } },
    });
    const client = await openClient(started.url);

    client.ws.send("x".repeat(1025));
    const closed = await withTimeout(client.closed, "the socket did not close");
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    assert.equal(closed.code, 1009);
    assert.equal(message.calls.length, 0);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectStatusCode, 1009);
    const other = await openClient(started.url);
    other.ws.send("x".repeat(1024));
    await waitFor(() => message.calls.length === 1, "a frame at the limit");
  });

  it("with a stage throttle, refuses messages past the bucket with Too Many Requests, and upgrades with 429", async (t) => {
    const message = recorder(() => ({ statusCode: 200, body: "ok" }));
    const started = await gatewayFor(t, {
      stageThrottle: { ratePerS: 10, burst: 5 },
      routes: { $default: { handler: message.handler, twoWay: true } },
    });
    const client = await openClient(started.url); // takes one token
    for (let n = 0; n < 10; n++) client.ws.send(JSON.stringify({ n }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.next()));
    const throttled = answers.filter((answer) => answer.startsWith('{"message": "Too Many Requests"'));
    assert.equal(message.calls.length, 4, "the burst's other four tokens go to messages");
    assert.equal(throttled.length, 6);
    const frame = JSON.parse(throttled[0]!) as { connectionId: string; requestId: string };
    assert.match(frame.connectionId, gatewayIdPattern);
    assert.match(frame.requestId, gatewayIdPattern);
    // No token left: a new connection is refused like a throttled request, with 429.
    assert.equal(await refusedStatus(started.url), 429);
    await sleep(350); // the bucket refills at 10 a second
    client.ws.send("again");
    assert.equal(await client.next(), "ok");
  });

  it("an idle connection closes with 1001 and activity keeps it open", async (t) => {
    const { client, disconnect } = await quietConnection(t, { idleTimeoutMs: 250 });

    for (let i = 0; i < 5; i++) {
      await sleep(100);
      client.ws.send("still here");
    }
    const openAfterActivity = client.ws.readyState === WebSocket.OPEN;
    const closed = await withTimeout(client.closed, "idle connection stayed open");
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    assert.equal(openAfterActivity, true);
    assert.equal(closed.code, 1001);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectStatusCode, 1001);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectReason, "Going away");
  });

  it("a connection is closed with 1001 at its maximum lifetime even when active", async (t) => {
    const { client, disconnect } = await quietConnection(t, { maxConnectionMs: 300 });
    const openedAtMs = Date.now();
    const chatter = setInterval(() => client.ws.readyState === WebSocket.OPEN && client.ws.send("hi"), 50);
    t.after(() => clearInterval(chatter));

    const closed = await withTimeout(client.closed, "connection outlived its lifetime");
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    assert.equal(closed.code, 1001);
    assert.ok(Date.now() - openedAtMs >= 250);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectStatusCode, 1001);
  });
});

// ---- Management API -----------------------------------------------------------------------------

describe("management API", () => {
  it("PostToConnection sends the data to the client as a text frame", async (t) => {
    const { client, connectionId, management } = await connected(t);

    const result = await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"type":"hi"}' }));

    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.equal(await client.next(), '{"type":"hi"}');
  });

  it("GetConnection reports connectedAt, identity and lastActiveAt", async (t) => {
    const { client, connectionId, management } = await connected(t);
    const beforeMs = Date.now();
    client.ws.send("activity");
    await sleep(20);

    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));

    assert.ok(info.ConnectedAt instanceof Date && info.ConnectedAt.getTime() <= beforeMs);
    assert.ok(info.LastActiveAt instanceof Date && info.LastActiveAt.getTime() >= beforeMs);
    assert.deepEqual(info.Identity, { SourceIp: "127.0.0.1", UserAgent: "porch-test/1.0" });
  });

  it("DeleteConnection closes the socket and $disconnect hears 1000", async (t) => {
    const { client, connectionId, management, disconnect } = await connected(t);

    const result = await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await withTimeout(client.closed, "the socket stayed open");
    await waitFor(() => disconnect.calls.length === 1, "the DISCONNECT event");

    assert.equal(result.$metadata.httpStatusCode, 204);
    assert.equal(closed.code, 1000);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectStatusCode, 1000);
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectReason, "Connection Closed Normally");
    await assert.rejects(management.send(new GetConnectionCommand({ ConnectionId: connectionId })), { name: "GoneException" });
  });

  it("an unknown or closed connection is a GoneException", async (t) => {
    const { client, connectionId, management } = await connected(t);

    const unknown = await management
      .send(new PostToConnectionCommand({ ConnectionId: "AAAAAAAAAAAAAAA=", Data: "x" }))
      .catch((error: unknown) => error);
    client.ws.close();
    await client.closed;
    await sleep(20);
    const closed = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "x" }))
      .catch((error: unknown) => error);

    for (const error of [unknown, closed]) {
      assert.equal((error as Error).name, "GoneException");
      assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 410);
    }
  });

  it("a POST over the message limit is a PayloadTooLargeException, and is reported", async (t) => {
    const violations: LimitViolation[] = [];
    const { started, client, connectionId, management } = await connected(t, {
      maxMessageBytes: 1024,
      onLimitExceeded: (violation) => violations.push(violation),
    });

    const error = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "x".repeat(1025) }))
      .catch((e: unknown) => e);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "y".repeat(1024) }));

    assert.equal((error as Error).name, "PayloadTooLargeException");
    assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 413);
    assert.equal(await client.next(), "y".repeat(1024));
    assert.deepEqual(violations, [{ kind: "postToConnection", connectionId, bytes: 1025, limitBytes: 1024 }]);
    assert.deepEqual(started.gateway.limitViolations(), violations);
  });

  it("a POST while $connect is still running is a GoneException", async (t) => {
    let errorName = "";
    // $connect below runs once a client connects, after the gateway has started.
    const started: StartedGateway = await gatewayFor(t, {
      routes: {
        $connect: {
          handler: async (event: WebSocketEvent) => {
            const management = managementClient(t, started);
            const { connectionId } = event.requestContext;
            await management
              .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "early" }))
              .catch((e: Error) => (errorName = e.name));
            return { statusCode: 200 };
          },
        },
      },
    });

    const client = await openClient(started.url);

    assert.equal(errorName, "GoneException");
    assert.equal(started.gateway.connectionIds().length, 1);
    client.ws.close();
  });

  it("an existing server keeps its own routes when the gateway is attached", async (t) => {
    const gateway = createGateway({ stage, routes: {} });
    const server = createServer((req, res) => {
      if (!gateway.handleRequest(req, res)) res.end("app");
    });
    gateway.attach(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    t.after(async () => {
      await gateway.close();
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;

    const page = await (await fetch(`http://127.0.0.1:${port}/index.html`)).text();
    const gone = await fetch(`http://127.0.0.1:${port}/${stage}/@connections/AAAAAAAAAAAAAAA%3D`);
    const client = await openClient(`ws://127.0.0.1:${port}/${stage}`);

    assert.equal(page, "app");
    assert.equal(gone.status, 410);
    assert.equal(gone.headers.get("x-amzn-errortype"), "GoneException");
    assert.equal(typeof ((await gone.json()) as { message?: unknown }).message, "string");
    assert.equal(gateway.connectionIds().length, 1);
    client.ws.close();
  });
});

// ---- Faults -------------------------------------------------------------------------------------

describe("faults", () => {
  it("deliveries hands one frame to the handler several times with the same ids", async (t) => {
    const message = recorder((event) => ({ body: `seen ${event.requestContext.messageId}` }));
    const started = await gatewayFor(t, {
      routes: { $default: { handler: message.handler, twoWay: true } },
      faults: { deliveries: () => 3 },
    });
    const client = await openClient(started.url);

    client.ws.send("once");
    const replies = [await client.next(), await client.next(), await client.next()];

    assert.equal(message.calls.length, 3);
    const ids = message.calls.map(
      ({ event, context }) => `${event.requestContext.requestId} ${event.requestContext.messageId} ${context.awsRequestId}`,
    );
    assert.equal(new Set(ids).size, 1);
    assert.equal(new Set(replies).size, 1);
  });

  it("deliveries can delay extra copies and run them one after another", async (t) => {
    let running = 0;
    let mostRunning = 0;
    const times: number[] = [];
    const started = await gatewayFor(t, {
      routes: {
        $default: {
          handler: async () => {
            times.push(Date.now());
            mostRunning = Math.max(mostRunning, ++running);
            await sleep(30);
            running--;
          },
        },
      },
      faults: { deliveries: () => ({ copies: 3, delayMs: 60, concurrent: false }) },
    });
    const client = await openClient(started.url);

    client.ws.send("once");
    await waitFor(() => times.length === 3 && running === 0, "three sequential deliveries");

    assert.equal(mostRunning, 1);
    assert.ok(times[1]! - times[0]! >= 80);
    assert.ok(times[2]! - times[1]! >= 80);
  });

  it("a hanging management request can be abandoned with an AbortSignal", async (t) => {
    const { connectionId, management } = await connected(t, { faults: { management: () => "hang" } });

    const startedAtMs = Date.now();
    const error = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "x" }), { abortSignal: AbortSignal.timeout(150) })
      .catch((e: unknown) => e as Error);

    assert.equal(error instanceof Error, true);
    assert.match((error as Error).name, /Abort|Timeout/);
    assert.ok(Date.now() - startedAtMs >= 140);
  });

  it("a reset fault drops the management request's connection without acting on it", async (t) => {
    let resets = 1;
    const { client, connectionId, management } = await connected(t, {
      faults: { management: ({ method }) => (method === "POST" && resets-- > 0 ? "reset" : undefined) },
    });

    const error = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "dropped" }))
      .catch((e: unknown) => e as Error);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "kept" }));

    assert.equal(error instanceof Error, true);
    assert.equal((error as Error & { code?: string }).code, "ECONNRESET");
    assert.equal(await client.next(), "kept", "the dropped request never reached the client");
    client.ws.close();
  });

  it("a management status fault answers that status with its error type", async (t) => {
    const seen: string[] = [];
    const { client, connectionId, management } = await connected(t, {
      faults: {
        management: ({ method, connectionId: id }) => {
          seen.push(`${method} ${id}`);
          return method === "POST" ? 500 : undefined;
        },
      },
    });

    const error = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "x" }))
      .catch((e: unknown) => e as Error);
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));

    assert.equal((error as Error).name, "InternalServerErrorException");
    assert.equal((error as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 500);
    assert.deepEqual(seen, [`POST ${connectionId}`, `GET ${connectionId}`]);
    assert.equal(info.$metadata.httpStatusCode, 200);
    client.ws.close();
  });
});

// ---- Shutdown -----------------------------------------------------------------------------------

describe("close()", () => {
  it("closes every socket with 1001, runs $disconnect for each and waits for in-flight handlers", async () => {
    const disconnect = recorder();
    let slowFinished = false;
    const started = await startGateway({
      stage,
      routes: {
        $default: {
          handler: async () => {
            await sleep(150);
            slowFinished = true;
          },
        },
        $disconnect: { handler: disconnect.handler },
      },
    });
    const clients = [await openClient(started.url), await openClient(started.url)];
    clients[0]!.ws.send("slow");
    await sleep(20);

    await started.close();

    assert.equal(slowFinished, true);
    assert.equal(disconnect.calls.length, 2);
    assert.ok(disconnect.calls.every(({ event }) => event.requestContext.disconnectStatusCode === 1001));
    assert.equal(disconnect.calls[0]!.event.requestContext.disconnectReason, "Going Away");
    assert.deepEqual(started.gateway.connectionIds(), []);
    for (const client of clients) assert.equal((await withTimeout(client.closed, "client not closed")).code, 1001);
  });

  it("leaves no open handles: a process that used the gateway exits on its own", async () => {
    const gatewayUrl = new URL("../../backend/local/gateway.ts", import.meta.url).href;
    const script = `
      import { startGateway } from ${JSON.stringify(gatewayUrl)};
      import { WebSocket } from "ws";
      import { ApiGatewayManagementApiClient, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
      let connectionId = "";
      const started = await startGateway({ stage: "local", faults: { management: ({ method }) => (method === "GET" ? "hang" : undefined) },
        routes: { $connect: { handler: (e) => { connectionId = e.requestContext.connectionId; } }, $default: { handler: () => ({ body: "ok" }), twoWay: true } } });
      const ws = new WebSocket(started.url);
      await new Promise((resolve) => ws.once("open", resolve));
      ws.send("hi");
      await new Promise((resolve) => ws.once("message", resolve));
      const client = new ApiGatewayManagementApiClient({ endpoint: started.managementEndpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "x" }));
      fetch(started.managementEndpoint + "/@connections/" + encodeURIComponent(connectionId)).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      await started.close();
      client.destroy();
      console.log("closed");
    `;
    const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

    const startedAtMs = Date.now();
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { cwd: repoRoot, timeout: 15_000 },
        (error, out) => {
          if (error) reject(new Error(error.message, { cause: error }));
          else resolve({ stdout: out });
        },
      );
    });

    assert.equal(stdout.trim(), "closed");
    assert.ok(Date.now() - startedAtMs < 10_000);
  });
});
