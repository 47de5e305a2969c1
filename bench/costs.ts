/**
 * Backend cost per action: DynamoDB requests and capacity (as dynalite reports it, and as real
 * DynamoDB would charge it including index writes), and management API calls, with 10 and with
 * 10,000 conversations in the table.
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient, GetItemCommand, type GetItemCommandInput } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { startDynalite } from "#backend/local/dynamo.ts";
import { SqsJobQueue } from "#backend/jobs/sqs-queue.ts";
import { startStack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import { LoadClient, openOwner, openVisitor } from "#test/support/load-client.ts";
import { startDynamoProxy, type DynamoCall } from "#test/support/dynamo-proxy.ts";
import { isRead, readCapacity, writeCapacity, writtenKey, type Item } from "./real-capacity.ts";
import { addToUnreadTotal, putItems, seedConversation } from "#test/support/seed-conversation.ts";
import { makePng, postUpload } from "#test/support/attachments.ts";
import { limits, type UploadReadyReply } from "#protocol";
import { replyAddress } from "#backend/email/reply-address.ts";
import { deliver, senderDomain } from "#test/support/email-answers.ts";

/** The owner's address, whose answers by email the table measures. */
const benchOwnerAddress = "owner@owner.example";

export interface ActionCost {
  action: string;
  /** Averages per action over `samples` runs. */
  requests: number;
  /** Requests one after another: the longest chain of requests each sent after the previous one's answer. */
  roundTrips: number;
  operations: Record<string, number>;
  /** As dynalite reports them (table only). */
  readUnits: number;
  writeUnits: number;
  /** Computed for real DynamoDB from the table definition, including index writes. */
  realReadUnits: number;
  realWriteUnits: number;
  realIndexWriteUnits: number;
  managementCalls: number;
  samples: number;
}

export interface CostReport {
  conversations: number;
  actions: ActionCost[];
}

interface Measured {
  call: DynamoCall;
  real: ReturnType<typeof writeCapacity>;
}

const samples = 5;

/**
 * Sequential round trips among `calls`: the longest chain in which each request reached DynamoDB
 * after the one before it was answered (requests sent together count once).
 */
export function sequentialRoundTrips(calls: readonly Pick<DynamoCall, "receivedAt" | "answeredAt">[]): number {
  const sorted = [...calls].sort((a, b) => a.receivedAt - b.receivedAt);
  const depth: number[] = [];
  sorted.forEach((call, n) => {
    depth[n] = 1 + Math.max(0, ...sorted.slice(0, n).map((earlier, m) => (earlier.answeredAt <= call.receivedAt ? depth[m]! : 0)));
  });
  return Math.max(0, ...depth);
}

export async function measureCosts(progress: (line: string) => void): Promise<CostReport[]> {
  const dynamo = await startDynalite();
  const direct = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const document = DynamoDBDocumentClient.from(direct);
  const tableName = "porch";
  const measured: Measured[] = [];
  // Items as they travel on the wire (the proxy's view), so the low-level client reads them.
  const getItem = async (key: Item | undefined) => {
    if (!key) return null;
    const output = await direct.send(
      new GetItemCommand({ TableName: tableName, Key: key as unknown as GetItemCommandInput["Key"], ConsistentRead: true }),
    );
    return (output.Item as unknown as Item | undefined) ?? null;
  };
  const proxy = await startDynamoProxy({
    target: dynamo.endpoint,
    beforeForward: ({ operation, input }) => (isRead(operation) ? Promise.resolve(null) : getItem(writtenKey(operation, input))),
    onCall: async (call, before) => {
      const real = isRead(call.operation)
        ? readCapacity(call.operation, call.input, call.output)
        : writeCapacity(before as Item | null, await getItem(writtenKey(call.operation, call.input)));
      measured.push({ call, real });
    },
  });
  // No grace before the owner-away job: the departure's cost is measured as soon as it is done.
  const stack = await startStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: proxy.endpoint,
    tableName,
    ownerPassword: "bench-owner",
    ownerAwayGraceS: 0,
    ownerEmail: benchOwnerAddress,
  });
  const ownerMail = senderDomain(stack, "owner.example", "127.0.0.21");
  let managementCalls = 0;
  stack.internalServer.on("request", (req) => {
    if (req.url?.includes("/@connections/")) managementCalls++;
  });

  const reports: CostReport[] = [];
  try {
    // Ten real conversations, made through the protocol: each with a nickname and two messages.
    const visitors: { client: LoadClient; visitorId: string }[] = [];
    for (let n = 0; n < 10; n++) {
      const visitor = await openVisitor(stack.socketUrl);
      await visitor.client.expectReply({ action: "register", visitorId: visitor.visitorId, nickname: `Visitor ${n}` });
      for (const text of ["Hello, is anyone there?", "I have a question about my order."]) {
        await visitor.client.expectReply({ action: "send", visitorId: visitor.visitorId, id: randomUUID(), text });
      }
      visitors.push(visitor);
    }
    let turn = 0;
    const nextVisitor = () => visitors[turn++ % visitors.length]!;
    const longConversation = await openVisitor(stack.socketUrl);
    await seedConversation({ dynamoEndpoint: dynamo.endpoint, tableName }, longConversation.visitorId, 60, {
      text: () => "🍞".repeat(limits.textMaxChars),
      page: { url: "https://shop.example/products/wool-blanket", title: "Wool blanket, 140 × 200 cm" },
      // Not in the inbox: the rows above measure the ten conversations.
      head: false,
    });

    /** The management calls of the sample being measured: all of its run, or only what `counting` kept. */
    const managementWindow = { start: 0, end: null as number | null };

    async function measure(action: string, run: () => Promise<void>): Promise<ActionCost> {
      const runs: { calls: Measured[]; management: number }[] = [];
      for (let n = 0; n < samples; n++) {
        await new Promise((resolve) => setTimeout(resolve, 30)); // let stray work (disconnects) finish
        measured.splice(0);
        Object.assign(managementWindow, { start: managementCalls, end: null });
        await run();
        runs.push({ calls: measured.splice(0), management: (managementWindow.end ?? managementCalls) - managementWindow.start });
      }
      const avg = (pick: (calls: Measured[]) => number) => runs.reduce((sum, one) => sum + pick(one.calls), 0) / runs.length;
      const operations: Record<string, number> = {};
      for (const one of runs)
        for (const { call } of one.calls) operations[call.operation] = (operations[call.operation] ?? 0) + 1 / runs.length;
      return {
        action,
        requests: avg((calls) => calls.length),
        roundTrips: avg((calls) => sequentialRoundTrips(calls.map(({ call }) => call))),
        operations,
        readUnits: avg((calls) =>
          calls.filter(({ call }) => isRead(call.operation)).reduce((sum, { call }) => sum + call.capacityUnits, 0),
        ),
        writeUnits: avg((calls) =>
          calls.filter(({ call }) => !isRead(call.operation)).reduce((sum, { call }) => sum + call.capacityUnits, 0),
        ),
        realReadUnits: avg((calls) => calls.reduce((sum, { real }) => sum + real.readUnits, 0)),
        realWriteUnits: avg((calls) => calls.reduce((sum, { real }) => sum + real.tableWriteUnits, 0)),
        realIndexWriteUnits: avg((calls) => calls.reduce((sum, { real }) => sum + real.indexWriteUnits, 0)),
        managementCalls: runs.reduce((sum, one) => sum + one.management, 0) / runs.length,
        samples: runs.length,
      };
    }

    /** Counts only the requests of `part`: what ran before it in the sample, and `teardown` after it, are left out. */
    async function counting(part: () => Promise<void>, teardown?: () => Promise<void>): Promise<void> {
      measured.splice(0);
      managementWindow.start = managementCalls;
      await part();
      managementWindow.end = managementCalls;
      const kept = measured.splice(0);
      await teardown?.();
      measured.splice(0, measured.length, ...kept);
    }

    const sendAndWait = async (visitor: { client: LoadClient; visitorId: string }, owner: LoadClient | null) => {
      const id = randomUUID();
      const pushed = owner ? waitForPush(owner, id) : Promise.resolve();
      // As the widget sends it: the page it was written on, the referrer, the browser's locale.
      await visitor.client.expectReply({
        action: "send",
        visitorId: visitor.visitorId,
        id,
        text: "Do you ship to Norway? I would need it by Friday.",
        page: "https://shop.example/products/wool-blanket",
        pageTitle: "Wool blanket, 140 × 200 cm",
        referrer: "https://www.google.com/",
        locale: { language: "nb-NO", timeZone: "Europe/Oslo" },
      });
      await pushed;
    };

    /** A screenshot the size of a phone's, made small as the widget does (about 40 KB). */
    const screenshot = makePng(390, 844);
    /** One upload as the widget makes it: `upload`, the POST straight to the bucket, and the check S3's event runs after it. */
    const uploadScreenshot = async (visitor: { client: LoadClient; visitorId: string }) => {
      const ready: UploadReadyReply = await visitor.client.expectReply({
        action: "upload",
        visitorId: visitor.visitorId,
        name: "screenshot.png",
        contentType: "image/png",
        size: screenshot.length,
        width: 390,
        height: 844,
      });
      const posted = await postUpload(ready, screenshot, "image/png");
      if (posted.status !== 204) throw new Error(`the bench's upload was refused: ${posted.status}`);
      await stack.queue.idle(30_000, { dueWithinMs: 5000 });
      return ready.attachmentId;
    };

    async function measureAll(conversations: number): Promise<CostReport> {
      progress(`costs: measuring ${samples} samples of each action with ${conversations.toLocaleString("en")} conversations`);
      const owner = await openOwner(stack.socketUrl, stack.ownerPassword);
      const actions: ActionCost[] = [];
      actions.push(
        await measure("visitor hello", async () => {
          const { visitorId } = nextVisitor();
          const client = await LoadClient.open(stack.socketUrl);
          measured.splice(0);
          await client.expectReply({ action: "hello", visitorId });
          await client.close();
          await new Promise((resolve) => setTimeout(resolve, 30));
          const disconnect = measured.findIndex(({ call }) => call.operation === "DeleteItem");
          if (disconnect >= 0) measured.splice(disconnect); // the $disconnect is not part of hello
        }),
      );
      actions.push(
        await measure("visitor ping", async () => {
          const { client, visitorId } = nextVisitor();
          await client.expectReply({ action: "ping", visitorId });
        }),
      );
      actions.push(await measure("visitor send, owner online", () => sendAndWait(nextVisitor(), owner.client)));
      actions.push(
        await measure("register (a name, on a conversation)", async () => {
          const { client, visitorId } = nextVisitor();
          await client.expectReply({ action: "register", visitorId, nickname: "Ada" });
        }),
      );
      actions.push(
        // Before a first message: it opens the conversation, counted as a first message is.
        await measure("register (a new visitor's, opening the conversation)", async () => {
          const visitor = await openVisitor(stack.socketUrl);
          await counting(
            () => visitor.client.expectReply({ action: "register", visitorId: visitor.visitorId, nickname: "Ada" }).then(() => {}),
            () => visitor.client.close(),
          );
        }),
      );
      actions.push(
        await measure("owner send", async () => {
          const visitor = nextVisitor();
          const id = randomUUID();
          const pushed = waitForPush(visitor.client, id);
          await owner.client.expectReply({
            action: "send",
            token: owner.token,
            visitorId: visitor.visitorId,
            id,
            text: "Yes, we do. It takes two days.",
          });
          await pushed;
        }),
      );
      actions.push(
        await measure("upload (visitor: the frame, then the check after the POST)", async () => {
          await uploadScreenshot(nextVisitor());
        }),
      );
      actions.push(
        await measure("visitor send with an attachment, owner online", async () => {
          const visitor = nextVisitor();
          const attachmentId = await uploadScreenshot(visitor);
          const id = randomUUID();
          await counting(async () => {
            const pushed = waitForPush(owner.client, id);
            await visitor.client.expectReply({
              action: "send",
              visitorId: visitor.visitorId,
              id,
              text: "Here it breaks.",
              attachments: [attachmentId],
            });
            await pushed;
          });
        }),
      );
      actions.push(
        await measure("list (visitor, one page)", async () => {
          const { client, visitorId } = nextVisitor();
          await client.expectReply({ action: "list", visitorId });
        }),
      );
      actions.push(
        await measure("list (owner, one page, with each message's page)", async () => {
          const { visitorId } = nextVisitor();
          await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
        }),
      );
      // An attacker's conversation: 60 of the longest messages (16 KB each). A list reads what it answers.
      actions.push(
        await measure("list (visitor, 60 × 4,000-character messages, limit 100)", async () => {
          await longConversation.client.expectReply({ action: "list", visitorId: longConversation.visitorId, limit: 100 });
        }),
      );
      actions.push(
        await measure("list (owner, the same, with pages)", async () => {
          await owner.client.expectReply({ action: "list", token: owner.token, visitorId: longConversation.visitorId, limit: 100 });
        }),
      );
      actions.push(
        await measure("typing (visitor, relayed to the owner)", async () => {
          // Another of the ten visitors each time (a side's second frame within 3 s is dropped
          // before any request), in their conversation: typing is relayed only in one that exists.
          const { client, visitorId } = nextVisitor();
          const reply = await client.expectReply({ action: "typing", visitorId });
          if (!reply.relayed) throw new Error("the bench's typing was not relayed");
        }),
      );
      actions.push(
        await measure("inbox (owner, one page)", () => owner.client.expectReply({ action: "inbox", token: owner.token }).then(() => {})),
      );
      actions.push(
        await measure("inbox (owner, one Unread page)", () =>
          owner.client.expectReply({ action: "inbox", token: owner.token, status: "open", unread: true }).then(() => {}),
        ),
      );
      // A page of the export reads what its reply holds, however many conversations there are.
      actions.push(
        await measure("export (owner, the first page)", () =>
          owner.client.expectReply({ action: "export", token: owner.token }).then(() => {}),
        ),
      );
      const savedReplyId = randomUUID();
      actions.push(
        await measure("owner note", async () => {
          const { visitorId } = nextVisitor();
          await owner.client.expectReply({
            action: "note",
            token: owner.token,
            visitorId,
            id: randomUUID(),
            text: "Asked twice about customs.",
          });
        }),
      );
      actions.push(
        // The same reply changed in place each run: the list stays at one, under the cap.
        await measure("owner saveReply (then replies)", async () => {
          await owner.client.expectReply({
            action: "saveReply",
            token: owner.token,
            id: savedReplyId,
            title: "Customs",
            text: "Hello {name}, parcels outside the EU may be charged customs on arrival.",
          });
          await owner.client.expectReply({ action: "replies", token: owner.token });
        }),
      );
      actions.push(
        await measure("owner done, then reopen", async () => {
          const { visitorId } = nextVisitor();
          await owner.client.expectReply({ action: "done", token: owner.token, visitorId });
          await owner.client.expectReply({ action: "reopen", token: owner.token, visitorId });
        }),
      );
      actions.push(await measure("owner hello", () => owner.client.expectReply({ action: "hello", token: owner.token }).then(() => {})));
      actions.push(await measure("owner ping", () => owner.client.expectReply({ action: "ping", token: owner.token }).then(() => {})));
      // The owner-away job each owner hello and ping enqueues runs a lease (5 minutes) later: here
      // one is enqueued as they do, due at once, and run while the owner is there.
      const jobs = new SqsJobQueue(stack.queue.url);
      actions.push(
        await measure("owner's lease job (each hello's and ping's; the owner is there)", async () => {
          await owner.client.expectReply({ action: "ping", token: owner.token });
          await counting(async () => {
            await jobs.enqueue({ type: "owner-away", claim: randomUUID() });
            await stack.queue.idle(30_000, { dueWithinMs: 1000 });
          });
        }),
      );
      actions.push(
        await measure("owner delete (2 messages; the sweep job included)", async () => {
          const visitor = await openVisitor(stack.socketUrl);
          for (const text of ["Please delete this conversation.", "Thanks!"]) {
            await visitor.client.expectReply({ action: "send", visitorId: visitor.visitorId, id: randomUUID(), text });
          }
          await visitor.client.close();
          await new Promise((resolve) => setTimeout(resolve, 30));
          measured.splice(0);
          await owner.client.expectReply({ action: "delete", token: owner.token, visitorId: visitor.visitorId });
          await stack.queue.idle(30_000, { dueWithinMs: 1000 }); // the sweep, not a digest due minutes later
        }),
      );
      // The owner's going and coming back, with the ten visitors' tabs open (their last hellos
      // opened them): only the requests of the departure (and its job) or the return are counted.
      // (The owner-away job runs at once without the grace; a digest job is due minutes later.)
      const departure = async () => {
        // The gateway runs `$disconnect` after the socket closed: wait for the job it enqueues to have run.
        const runsBefore = stack.queue.invocations().length;
        for (let waitedMs = 0; stack.queue.invocations().length === runsBefore && waitedMs < 2000; waitedMs += 10) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await stack.queue.idle(30_000, { dueWithinMs: 1000 });
      };
      actions.push(
        await measure("owner leaves (disconnect; the away job tells the visitor tabs)", async () => {
          await owner.client.close();
          await departure();
          const leaving = await openOwner(stack.socketUrl, stack.ownerPassword);
          await counting(async () => {
            await leaving.client.close();
            await departure();
          });
        }),
      );
      actions.push(
        await measure("owner comes back (hello; the visitor tabs are told)", async () => {
          const returning = await LoadClient.open(stack.socketUrl);
          const { token } = await returning.expectReply({ action: "login", password: stack.ownerPassword });
          await counting(
            () => returning.expectReply({ action: "hello", token }).then(() => {}),
            async () => {
              await returning.close();
              await departure();
            },
          );
        }),
      );
      await owner.client.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      actions.splice(2, 0, await measure("visitor send, owner offline", () => sendAndWait(nextVisitor(), null)));
      // The first message of a burst is the one that notifies: make each sample's visitor quiet
      // (straight to dynalite, not counted) so its message claims the notification.
      actions.splice(
        3,
        0,
        await measure("visitor send, owner offline, notifying", async () => {
          const visitor = nextVisitor();
          await document.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: keys.conversationPk(visitor.visitorId), sk: keys.headSk },
              UpdateExpression: "REMOVE notifiedAt",
            }),
          );
          await sendAndWait(visitor, null);
        }),
      );
      // The owner answers a notification from their mail app, inbox closed: one SMTP delivery, which
      // the local server checks (SPF, DKIM) and hands to the inbound function as SES would.
      actions.push(
        await measure("owner answer by email (inbound function; owner offline)", async () => {
          const { visitorId } = nextVisitor();
          const to = replyAddress(
            { visitorId, side: "owner", expiresAtMs: Date.now() + 3600_000 },
            stack.linkSigningKey,
            stack.inbound.domain,
          );
          await deliver(stack, { from: benchOwnerAddress, to, text: "Yes, we ship to Norway: it takes three days." }, await ownerMail);
        }),
      );
      return { conversations, actions };
    }

    reports.push(await measureAll(10));
    const started = Date.now();
    await seedConversations(document, tableName, 10_000 - 10);
    progress(`costs: seeded 9,990 more conversations (a head and a message each) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    reports.push(await measureAll(10_000));
    for (const visitor of [...visitors, longConversation]) await visitor.client.close();
  } finally {
    await stack.close();
    await proxy.close();
    direct.destroy();
    await dynamo.close();
  }
  return reports;
}

function waitForPush(client: LoadClient, messageId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`push of ${messageId} never arrived`)), 10_000);
    const previous = client.onPush;
    client.onPush = (message, atMs) => {
      previous(message, atMs);
      if (message.id !== messageId) return;
      clearTimeout(timer);
      client.onPush = previous;
      resolve();
    };
  });
}

/**
 * Writes conversations straight into the table, in the shape the store gives them after a
 * visitor's first message (see backend/store/heads.ts `register`, backend/store/messages.ts `put`, `apply`):
 * an unread head in the inbox, counted in the owner's unread total, and its applied message.
 */
async function seedConversations(client: DynamoDBDocumentClient, tableName: string, count: number): Promise<void> {
  const items: Record<string, unknown>[] = [];
  const baseMs = Date.now() - count * 1000;
  for (let n = 0; n < count; n++) {
    const visitorId = randomUUID();
    const id = randomUUID();
    const sentAt = baseMs + n * 1000;
    const text = `Seeded conversation ${n}: do you have this in blue?`;
    items.push(
      {
        pk: keys.conversationPk(visitorId),
        sk: keys.headSk,
        lsk: keys.headLsk,
        visitorId,
        nickname: `Seed ${n}`,
        firstSeenAt: sentAt,
        lastSeenAt: sentAt,
        lastMessageAt: sentAt,
        lastMessage: text,
        lastMessageFrom: "visitor",
        lastAppliedId: id,
        inboxPk: keys.inboxPk,
        inboxSk: keys.inboxSk(sentAt, visitorId),
        unread: 1,
        messageCount: 1,
      },
      {
        pk: keys.conversationPk(visitorId),
        sk: keys.messageSk(id),
        lsk: keys.messageLsk(sentAt, id),
        id,
        visitorId,
        from: "visitor",
        text,
        sentAt,
        applied: true,
      },
    );
  }
  await putItems(client, tableName, items);
  await addToUnreadTotal(
    client,
    tableName,
    items.filter((item) => item.sk === keys.headSk).map((item) => ({ visitorId: item.visitorId as string, unread: 1 })),
  );
}
