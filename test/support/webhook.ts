import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before } from "node:test";
import { startStack, type Stack } from "#backend/local/stack.ts";
import { notifyWindowMs } from "#backend/notify/notification.ts";
import type { webhookPayload } from "#backend/notify/webhook.ts";
import { sleep, withinOneWindow } from "./client.ts";

export interface Received {
  body: ReturnType<typeof webhookPayload>;
  headers: IncomingMessage["headers"];
  raw: string;
}

/** A real webhook receiver on loopback; `mode` decides how it answers. */
export function webhookReceiver() {
  const received: Received[] = [];
  const state = { mode: "ok" as "ok" | "fail" | "hang" };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ body: JSON.parse(raw) as Received["body"], headers: req.headers, raw });
      if (state.mode === "ok") res.writeHead(204).end();
      else if (state.mode === "fail") res.writeHead(500).end("boom");
      // "hang": never answer
    });
  });
  return { server, received, state };
}

/** A stack whose notify function posts to a receiver of its own, for one suite. */
export function useNotifyingStack() {
  const holder = { receiver: webhookReceiver() } as { receiver: ReturnType<typeof webhookReceiver>; stack: Stack };
  before(async () => {
    await new Promise<void>((resolve) => holder.receiver.server.listen(0, "127.0.0.1", resolve));
    const { port } = holder.receiver.server.address() as AddressInfo;
    holder.stack = await startStack({ port: 0, dataDir: null, ownerPassword: "pw", notifyWebhook: `http://127.0.0.1:${port}/hook` });
  });
  after(async () => {
    holder.receiver.server.closeAllConnections();
    await new Promise((resolve) => holder.receiver.server.close(resolve));
    await holder.stack.close();
  });
  return holder;
}

/** Posts whose message text contains `marker`, after the asynchronous hand-off had time to post. */
export async function postsAbout(receiver: ReturnType<typeof webhookReceiver>, marker: string, waitMs = 300): Promise<Received[]> {
  await sleep(waitMs);
  // The raw body: it finds a message's text in any shape a post may take.
  return receiver.received.filter((entry) => entry.raw.includes(marker));
}

/** Waits, if needed, so the next few seconds fall within one notification window. */
export const awayFromAWindowsEnd = () => withinOneWindow(notifyWindowMs);
