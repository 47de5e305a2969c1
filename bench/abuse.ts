/**
 * What one attacker on one address can make Porch do in a minute, after the limits of
 * docs/security.md, and what another visitor notices: attackers on the local stack (loopback only;
 * each binds a source address of its own in 127.0.0.0/8), each sending as fast as the frame limits
 * let one address send, for a minute; a visitor pinging throughout; then one socket flooding.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultAbuseLimits } from "#backend/chat/abuse-limits.ts";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { LoadClient, percentile } from "#test/support/load-client.ts";
import type { RequestFrame } from "#test/support/protocol-client.ts";

export interface AbuseReport {
  /** How long each attacker ran, in seconds. */
  seconds: number;
  /** Frames each attacker's address sent. */
  framesPerAttacker: number;
  conversationsOpened: number;
  messagesStored: number;
  passwordsChecked: number;
  webhookPosts: number;
  /** Another visitor's ping round trip while the attackers ran, ms. */
  visitorRttDuringAttack: { p50: number; p99: number; max: number };
  /** The same, while one socket sent 5,000 pings at once; and whether the server closed it. */
  flood: { p50: number; p99: number; max: number; closedByServer: boolean; frames: number };
}

/** A connection from the attacker's address, replaced when the server closes it or on demand. */
class Attacker {
  private client: LoadClient | null = null;
  private closed: Promise<null> = Promise.resolve(null);
  /** Conversations this connection opened: a new connection opens more. */
  opened = 0;

  constructor(
    private readonly socketUrl: string,
    readonly address: string,
  ) {}

  /** Sends a frame over a live connection; null when it got no answer (the connection closed). */
  async send(frame: RequestFrame<"send" | "login">): Promise<{ type: string; code?: string } | null> {
    if (!this.client || this.client.socket.readyState !== this.client.socket.OPEN) await this.reconnect();
    const client = this.client!;
    return Promise.race([client.request(frame, 10_000).catch(() => null), this.closed]);
  }

  async reconnect(): Promise<void> {
    await this.client?.close();
    const client = await LoadClient.open(this.socketUrl, { localAddress: this.address });
    this.closed = new Promise<null>((resolve) => client.socket.once("close", () => resolve(null)));
    this.client = client;
    this.opened = 0;
  }

  close(): Promise<void> {
    return this.client?.close() ?? Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` as often as one address may send frames (just under its sustained rate), over
 * two connections, for `seconds`; returns how many frames went out.
 */
async function paced(seconds: number, attackers: Attacker[], attempt: (attacker: Attacker) => Promise<void>): Promise<number> {
  const perSecond = defaultAbuseLimits.framesPerAddress.ratePerS * 0.9;
  const deadline = performance.now() + seconds * 1000;
  let frames = 0;
  await Promise.all(
    attackers.map(async (attacker) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        frames++;
        await attempt(attacker);
        await sleep(Math.max(0, (attackers.length * 1000) / perSecond - (performance.now() - started)));
      }
    }),
  );
  return frames;
}

export async function measureAbuse(progress: (line: string) => void, seconds = 60): Promise<AbuseReport> {
  let webhookPosts = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      webhookPosts++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const stack: Stack = await startStack({
    port: 0,
    dataDir: null,
    ownerPassword: "bench-owner-password",
    notifyWebhook: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  });
  try {
    // Another visitor, pinging every 100 ms throughout.
    const visitorId = randomUUID();
    const visitor = await LoadClient.open(stack.socketUrl);
    await visitor.expectReply({ action: "hello", visitorId });
    let rtts: number[] = [];
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const started = performance.now();
        await visitor.request({ action: "ping", visitorId });
        rtts.push(performance.now() - started);
        await sleep(100);
      }
    })();

    progress(`abuse: three attackers, each on one address at the frame limit, for ${seconds} s`);
    // 1. Conversations and messages: a fresh visitor id while it opens one, else a message in one
    //    of its conversations that still may take one.
    const writer = ["127.66.10.1", "127.66.10.1"].map((address) => new Attacker(stack.socketUrl, address));
    const mine: { visitorId: string; sent: number[] }[] = [];
    let conversationsOpened = 0;
    let messagesStored = 0;
    let opening = true;
    let lastTriedToOpen = 0;
    const writing = paced(seconds, writer, async (attacker) => {
      const now = performance.now();
      // Refused, it tries again now and then: a new window opens new conversations.
      if (!opening && now - lastTriedToOpen > 5000) opening = true;
      if (opening) lastTriedToOpen = now;
      const open = mine.find((conversation) => conversation.sent.filter((at) => now - at < 60_000).length < 20);
      const target = opening || !open ? { visitorId: randomUUID(), sent: [] as number[] } : open;
      // A connection opens 3 conversations: the attacker opens another for more.
      if (target.sent.length === 0 && attacker.opened >= defaultAbuseLimits.conversationsPerConnection) await attacker.reconnect();
      const reply = await attacker.send({
        action: "send",
        visitorId: target.visitorId,
        id: randomUUID(),
        text: "Cheap pills at https://scam.example",
      });
      if (reply?.type === "sent") {
        messagesStored++;
        target.sent.push(now);
        if (target.sent.length === 1) {
          conversationsOpened++;
          attacker.opened++;
          mine.push(target);
        }
      } else if (reply?.type === "error" && target.sent.length === 0) opening = false;
    });
    // 2. Wrong passwords.
    const guesser = ["127.66.10.2", "127.66.10.2"].map((address) => new Attacker(stack.socketUrl, address));
    let passwordsChecked = 0;
    const guessing = paced(seconds, guesser, async (attacker) => {
      const reply = await attacker.send({ action: "login", password: randomUUID() });
      if (reply?.type === "error" && reply.code === "unauthorized") passwordsChecked++;
    });
    const [framesWritten, framesGuessed] = await Promise.all([writing, guessing]);
    const duringAttack = rtts;
    for (const attacker of [...writer, ...guesser]) await attacker.close();

    progress("abuse: one socket sending 5,000 pings at once");
    rtts = [];
    const flooder = await LoadClient.open(stack.socketUrl, { localAddress: "127.66.10.3" });
    const closed = new Promise<number>((resolve) => flooder.socket.once("close", (code) => resolve(code)));
    for (let n = 0; n < 5000; n++) flooder.socket.send(JSON.stringify({ action: "ping", visitorId: randomUUID() }));
    const code = await Promise.race([closed, sleep(20_000).then(() => 0)]);
    await sleep(1000);
    const duringFlood = rtts;
    pinging = false;
    await pinger;
    await visitor.close();

    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const round = (value: number) => Math.round(value * 10) / 10;
      return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? Number.NaN) };
    };
    return {
      seconds,
      framesPerAttacker: Math.round((framesWritten + framesGuessed) / 2),
      conversationsOpened,
      messagesStored,
      passwordsChecked,
      webhookPosts,
      visitorRttDuringAttack: summary(duringAttack),
      flood: { ...summary(duringFlood), closedByServer: code === 1000, frames: 5000 },
    };
  } finally {
    await stack.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}
