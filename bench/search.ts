/**
 * `npm run bench:search`: the owner's search at 10,000 conversations and 100,000 messages
 * (docs/data-model.md, "Search"). Seeds them straight into the table, builds the inbox's index
 * (widget/inbox/search-index.ts) from the real `export` pages over a WebSocket, as the inbox does
 * the first time, and prints the build's time and DynamoDB reads, the index's size, and how long
 * searches take, next to their goals. A search itself reads nothing from the table.
 */
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startDynalite } from "#backend/local/dynamo.ts";
import { startStack } from "#backend/local/stack.ts";
import { keys } from "#backend/store/keys.ts";
import type { ExportPageReply } from "#protocol";
import { TestClient } from "#test/support/client.ts";
import { startDynamoProxy } from "#test/support/dynamo-proxy.ts";
import { addToUnreadTotal, putItems } from "#test/support/seed-conversation.ts";
import { ConversationSearch } from "#widget/inbox/search-index.ts";
import { isRead, readCapacity } from "./real-capacity.ts";
import { print } from "./table.ts";

process.env.PORCH_LOG_LEVEL = "silent";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const conversations = 10_000;
const messagesEach = 10;
const searchGoalMs = 2000;
/** The one old message (the first of conversation 1,234) that holds this word. */
const rareWord = "zanzibar";

const words =
  "order delivery blue green size refund invoice parcel shipping customs wool blanket course price discount week monday friday question answer return address account password login payment card bank transfer tracking number box damaged late early sample colour fabric cotton linen".split(
    " ",
  );

/** Message `m` of conversation `c`: ordinary words, the same every run. */
function textOf(c: number, m: number): string {
  if (c === 1234 && m === 0) return `Can you ship to ${rareWord} before the holidays?`;
  const pick = (n: number) => words[(c * 31 + m * 17 + n * 7) % words.length]!;
  return `Hello, about my ${pick(0)} and the ${pick(1)}: is the ${pick(2)} ${pick(3)} possible this ${pick(4)}?`;
}

async function seed(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const baseMs = Date.now() - conversations * messagesEach * 1000;
  let items: Record<string, unknown>[] = [];
  const heads: { visitorId: string; unread: number; messageCount: number }[] = [];
  for (let c = 0; c < conversations; c++) {
    const visitorId = randomUUID();
    const pk = keys.conversationPk(visitorId);
    let sentAt = 0;
    let lastId = "";
    for (let m = 0; m < messagesEach; m++) {
      sentAt = baseMs + (c * messagesEach + m) * 1000;
      lastId = randomUUID();
      const from = m % 2 ? "owner" : "visitor";
      items.push({
        pk,
        sk: keys.messageSk(lastId),
        lsk: keys.messageLsk(sentAt, lastId),
        id: lastId,
        visitorId,
        from,
        text: textOf(c, m),
        sentAt,
        applied: true,
      });
    }
    items.push({
      pk,
      sk: keys.headSk,
      lsk: keys.headLsk,
      visitorId,
      nickname: `Visitor ${c}`,
      ...(c % 3 === 0 ? { email: `visitor${c}@example.com` } : {}),
      firstSeenAt: baseMs + c * messagesEach * 1000,
      lastSeenAt: sentAt,
      lastMessageAt: sentAt,
      lastMessage: textOf(c, messagesEach - 1),
      lastMessageFrom: "owner",
      lastAppliedId: lastId,
      inboxPk: keys.inboxPk,
      inboxSk: keys.inboxSk(sentAt, visitorId),
      unread: 0,
      messageCount: messagesEach,
    });
    heads.push({ visitorId, unread: 0, messageCount: messagesEach });
    if (items.length >= 5000) {
      await putItems(client, tableName, items);
      items = [];
    }
  }
  await putItems(client, tableName, items);
  await addToUnreadTotal(client, tableName, heads);
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const dynamo = await startDynalite();
const direct = new DynamoDBClient({
  endpoint: dynamo.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const proxy = await startDynamoProxy({ target: dynamo.endpoint });
const stack = await startStack({ port: 0, dataDir: null, dynamoEndpoint: proxy.endpoint, ownerPassword: "bench-owner" });
try {
  const seedStarted = performance.now();
  await seed(DynamoDBDocumentClient.from(direct), stack.tableName);
  console.error(
    `search: seeded ${conversations.toLocaleString("en")} conversations, ${(conversations * messagesEach).toLocaleString("en")} messages in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const owner = await TestClient.open(stack.socketUrl);
  const { token } = await owner.expectReply({ action: "login", password: stack.ownerPassword });
  proxy.reset();
  const search = new ConversationSearch();
  const buildStarted = performance.now();
  let cursor: string | undefined;
  let pages = 0;
  let exported = 0;
  do {
    const page: ExportPageReply = await owner.expectReply({ action: "export", token, ...(cursor ? { cursor } : {}) }, 30_000);
    search.addPage(page);
    pages++;
    exported += page.conversations.filter((entry) => !entry.continued).length;
    if (pages % 50 === 0) console.error(`search: ${exported.toLocaleString("en")} conversations indexed`);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const buildMs = performance.now() - buildStarted;
  const reads = proxy.calls.filter((call) => isRead(call.operation));
  const readUnits = reads.reduce((sum, call) => sum + readCapacity(call.operation, call.input, call.output).readUnits, 0);
  const stored = JSON.stringify(search.toJSON());

  const queries = [rareWord, "blue", "refund invoice", "Visitor 4711", "visitor42@example.com", "deliv", "damagd parcel"];
  const timings: { query: string; ms: number; hits: number }[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      proxy.reset();
      const started = performance.now();
      const hits = search.search(query);
      timings.push({ query, ms: performance.now() - started, hits: hits.length });
      if (proxy.calls.length) throw new Error("a search read the table");
    }
  }
  const found = search.search(rareWord);
  if (found.length !== 1 || !found[0]!.messageId) throw new Error(`the rare word was not found once: ${JSON.stringify(found)}`);
  await owner.close();

  const ms = timings.map((timing) => timing.ms);
  print(
    "Search at 10,000 conversations and 100,000 messages (the inbox's MiniSearch index, built from the export pages on the local stack)",
    ["measure", "value", "goal"],
    [
      ["pages of export", String(pages), "each reply within 128 KB"],
      ["conversations indexed", exported.toLocaleString("en"), conversations.toLocaleString("en")],
      ["documents (visitors + messages)", search.size.toLocaleString("en"), (conversations * (messagesEach + 1)).toLocaleString("en")],
      ["first build (export + index), s", (buildMs / 1000).toFixed(1), "once, with progress"],
      ["first build's reads: requests", reads.length.toLocaleString("en"), ""],
      ["first build's reads: RU (real DynamoDB)", readUnits.toFixed(0), ""],
      ["index size (JSON), MB", (stored.length / 1e6).toFixed(1), ""],
      ["index size (gzip), MB", (gzipSync(stored).length / 1e6).toFixed(1), ""],
      ["search p50, ms", percentile(ms, 0.5).toFixed(1), `≤ ${searchGoalMs}`],
      ["search max, ms", Math.max(...ms).toFixed(1), `≤ ${searchGoalMs}`],
      ["search reads: RU", "0", "0"],
    ],
  );
  for (const query of queries) {
    const these = timings.filter((timing) => timing.query === query);
    console.log(`  "${query}": ${these[0]!.hits} conversations, ${Math.max(...these.map((timing) => timing.ms)).toFixed(1)} ms at most`);
  }
} finally {
  await stack.close();
  await proxy.close();
  direct.destroy();
  await dynamo.close();
}
process.exit(0);
