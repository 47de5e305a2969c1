/// <reference types="mocha" />
import { expect } from "chai";
import type { ChatMessage, HistoryReply } from "#protocol";
import { MessageTimeline } from "./timeline.ts";

const visitorId = "6f1c0b1e-3a57-4c39-9b0e-2f0c6d1a7e55";

/**
 * A server's history, paged like the backend pages it, with cursors a client cannot make itself:
 * each one is a random token the server remembers. Records every `before` it was given.
 */
function serverHistory(count: number, pageSize: number) {
  const messages: ChatMessage[] = Array.from({ length: count }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    visitorId,
    from: n % 3 ? "visitor" : "owner",
    text: `message ${n}`,
    sentAt: 1_700_000_000_000 + n * 1000,
  }));
  const positions = new Map<string, number>();
  const asked: (string | undefined)[] = [];
  const list = async (before?: string): Promise<HistoryReply> => {
    asked.push(before);
    const end = before === undefined ? messages.length : positions.get(before);
    if (end === undefined) throw new Error(`not a cursor the server gave out: ${before}`);
    const start = Math.max(0, end - pageSize);
    const more = start > 0;
    const cursor = more ? crypto.randomUUID() : null;
    if (cursor) positions.set(cursor, start);
    return { type: "history", visitorId, messages: messages.slice(start, end), more, cursor };
  };
  return { messages, list, asked };
}

describe("MessageTimeline", () => {
  it("loads earlier history from the cursors the server handed out, every message once and in order", async () => {
    const server = serverHistory(120, 50);
    const timeline = new MessageTimeline();
    await timeline.catchUp(server.list);
    expect(timeline.messages).to.have.length(50);
    expect(timeline.hasEarlier).to.equal(true);
    await timeline.loadEarlier(server.list);
    expect(timeline.hasEarlier).to.equal(true);
    await timeline.loadEarlier(server.list);
    expect(timeline.hasEarlier).to.equal(false);
    expect(timeline.messages.map((m) => m.id)).to.deep.equal(server.messages.map((m) => m.id));
    await timeline.loadEarlier(server.list);
    expect(server.asked).to.have.length(3, "nothing more is asked once the oldest page is held");
  });

  it("keeps its place in older history across a catch-up after a reconnect", async () => {
    const server = serverHistory(80, 50);
    const timeline = new MessageTimeline();
    await timeline.catchUp(server.list);
    const newer = { ...server.messages[79]!, id: "00000000-0000-4000-8000-999999999999", sentAt: server.messages[79]!.sentAt + 1 };
    server.messages.push(newer);
    expect(await timeline.catchUp(server.list)).to.deep.equal([newer]);
    await timeline.loadEarlier(server.list);
    expect(timeline.messages).to.have.length(81);
    expect(timeline.hasEarlier).to.equal(false);
  });

  it("forgets older history when cleared, and learns it again from the next page", async () => {
    const server = serverHistory(60, 50);
    const timeline = new MessageTimeline();
    await timeline.catchUp(server.list);
    timeline.clear();
    expect(timeline.hasEarlier).to.equal(false);
    await timeline.loadEarlier(server.list);
    expect(server.asked).to.have.length(1, "a cleared timeline has no earlier page to load");
    await timeline.catchUp(server.list);
    expect(timeline.hasEarlier).to.equal(true);
    await timeline.loadEarlier(server.list);
    expect(timeline.messages).to.have.length(60);
  });
});
