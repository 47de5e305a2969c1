import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ChatMessage, HistoryReply } from "#protocol";
import { MessageTimeline, type HistoryPager, type ShownMessage } from "#widget/shared/timeline.ts";

const visitorId = "0b7e6c2a-54f1-4c57-9d0e-3a1f2b4c5d6e";
const at = 1_700_000_000_000;
/** Stored message number `n`, `n` seconds after `at`; ids sort like their numbers. */
const stored = (n: number, from: ChatMessage["from"] = "visitor"): ChatMessage => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  visitorId,
  from,
  text: `message ${n}`,
  sentAt: at + n * 1000,
});
const numbers = (messages: readonly Pick<ChatMessage, "text">[]) => messages.map((message) => Number(message.text.split(" ")[1]));

/**
 * A stand-in for the server's `list`: pages of `pageSize`, newest page first, each page oldest
 * first, with a cursor (its oldest message) while older messages exist. It records every `before`.
 */
class FakeHistory {
  readonly messages: ChatMessage[] = [];
  readonly asked: (string | undefined)[] = [];
  constructor(private readonly pageSize = 3) {}

  add(...messages: ChatMessage[]): this {
    this.messages.push(...messages);
    this.messages.sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : 1));
    return this;
  }

  readonly pager: HistoryPager = (before) => {
    this.asked.push(before);
    let end = this.messages.length;
    if (before !== undefined) {
      const [sentAt, id] = [Number(before.slice(0, before.indexOf(":"))), before.slice(before.indexOf(":") + 1)];
      end = this.messages.findIndex((m) => m.sentAt > sentAt || (m.sentAt === sentAt && m.id >= id));
      if (end < 0) end = this.messages.length;
    }
    const start = Math.max(0, end - this.pageSize);
    const page = this.messages.slice(start, end);
    const more = start > 0;
    const reply: HistoryReply = {
      type: "history",
      visitorId,
      messages: page,
      more,
      cursor: more ? `${page[0]!.sentAt}:${page[0]!.id}` : null,
      ...(before === undefined ? { count: this.messages.length } : {}),
    };
    return Promise.resolve(reply);
  };
}

const count = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const range = (from: number, to: number) => count(from, to).map((n) => stored(n));

describe("MessageTimeline", () => {
  describe("misses", () => {
    it("tells a lost push before one that arrived from older pages it has not loaded", async () => {
      const history = new FakeHistory(3).add(...range(1, 7));
      const timeline = new MessageTimeline();
      assert.equal(timeline.misses(7), false, "nothing to compare before the first page");
      await timeline.catchUp(history.pager);
      assert.equal(timeline.misses(7), false, "4 older ones not loaded, 3 held");

      history.add(stored(8), stored(9));
      timeline.merge([stored(9)]); // the push of 8 was lost
      assert.equal(timeline.misses(9), true);
      await timeline.catchUp(history.pager);
      assert.deepEqual(numbers(timeline.messages), [5, 6, 7, 8, 9]);
      assert.equal(timeline.misses(9), false);

      await timeline.loadEarlier(history.pager);
      assert.deepEqual(numbers(timeline.messages), [2, 3, 4, 5, 6, 7, 8, 9]);
      assert.equal(timeline.misses(9), false, "what an older page brought is no longer counted as not held");
      assert.equal(timeline.misses(10), true);
    });

    it("takes no message sent before the delete it was cleared for, however late it comes", () => {
      const timeline = new MessageTimeline();
      timeline.merge([stored(1)]);
      timeline.clear(stored(2).sentAt);
      assert.deepEqual(timeline.merge([stored(2)]), [], "applied just before the delete, pushed just after");
      assert.deepEqual(numbers(timeline.merge([stored(3)])), [3], "the conversation started again");
      assert.deepEqual(numbers(timeline.messages), [3]);
    });

    it("misses nothing after a clear until the count says more than it holds", () => {
      const timeline = new MessageTimeline();
      timeline.clear();
      assert.equal(timeline.misses(0), false);
      timeline.merge([stored(1)]);
      assert.equal(timeline.misses(1), false);
      assert.equal(timeline.misses(2), true);
    });
  });

  describe("catchUp", () => {
    it("loads the newest page first, as history rather than news", async () => {
      const history = new FakeHistory(3).add(...range(1, 7));
      const timeline = new MessageTimeline();
      const arrived = await timeline.catchUp(history.pager);
      assert.deepEqual(arrived, []);
      assert.deepEqual(numbers(timeline.messages), [5, 6, 7]);
      assert.equal(timeline.hasEarlier, true);
      assert.equal(timeline.loaded, true);
      assert.deepEqual(history.asked, [undefined]);
    });

    it("says there is nothing earlier when the first page is the whole conversation", async () => {
      const timeline = new MessageTimeline();
      await timeline.catchUp(new FakeHistory(3).add(...range(1, 2)).pager);
      assert.deepEqual(numbers(timeline.messages), [1, 2]);
      assert.equal(timeline.hasEarlier, false);
      assert.deepEqual(await new MessageTimeline().catchUp(new FakeHistory(3).pager), []);
    });

    it("after a long disconnect pages back through the gap, and no further, returning each missed message once", async () => {
      const history = new FakeHistory(3).add(...range(1, 5));
      const timeline = new MessageTimeline();
      await timeline.catchUp(history.pager);
      history.add(...range(6, 13));
      history.asked.length = 0;
      const arrived = await timeline.catchUp(history.pager);
      assert.deepEqual(
        numbers(arrived).sort((a, b) => a - b),
        count(6, 13),
      );
      assert.deepEqual(numbers(timeline.messages), count(3, 13));
      // Newest page (11–13), then 8–10, then 5–7, which reaches back to what was held: it stops there.
      assert.equal(history.asked.length, 3);
      assert.equal(history.asked[0], undefined);
      assert.ok(
        history.asked.slice(1).every((cursor) => typeof cursor === "string"),
        "pages on with the cursors it was given",
      );
    });

    it("fetches only the newest page when nothing was missed", async () => {
      const history = new FakeHistory(3).add(...range(1, 9));
      const timeline = new MessageTimeline();
      await timeline.catchUp(history.pager);
      history.add(stored(10, "owner"));
      history.asked.length = 0;
      assert.deepEqual(numbers(await timeline.catchUp(history.pager)), [10]);
      assert.deepEqual(history.asked, [undefined]);
    });

    it("does not return again what a push already delivered", async () => {
      const history = new FakeHistory(3).add(...range(1, 3));
      const timeline = new MessageTimeline();
      await timeline.catchUp(history.pager);
      const pushed = stored(4, "owner");
      history.add(pushed, stored(5, "owner"));
      assert.deepEqual(numbers(timeline.merge([pushed])), [4]);
      assert.deepEqual(numbers(await timeline.catchUp(history.pager)), [5]);
      assert.deepEqual(numbers(timeline.messages), [1, 2, 3, 4, 5]);
    });
  });

  describe("merge", () => {
    it("holds each message id once, whatever the order and number of copies", () => {
      const timeline = new MessageTimeline();
      assert.deepEqual(numbers(timeline.merge([stored(2), stored(1)])), [2, 1]);
      assert.deepEqual(timeline.merge([stored(1), stored(2), stored(1)]), []);
      assert.deepEqual(numbers(timeline.messages), [1, 2]);
    });

    it("orders messages of the same millisecond by id, as the server does", () => {
      const timeline = new MessageTimeline();
      const [a, b] = [stored(1), { ...stored(2), sentAt: stored(1).sentAt }];
      timeline.merge([b, a]);
      assert.deepEqual(numbers(timeline.messages), [1, 2]);
    });
  });

  describe("pending messages", () => {
    const pending = (n: number): ShownMessage => ({ ...stored(n), sentAt: null, status: "pending" });

    it("shows a message not stored yet after every stored one", () => {
      const timeline = new MessageTimeline();
      timeline.put(pending(1));
      timeline.merge([stored(5, "owner"), stored(6, "owner")]);
      assert.deepEqual(numbers(timeline.messages), [5, 6, 1]);
      assert.equal(timeline.get(stored(1).id)?.status, "pending");
    });

    it("replaces a pending message by its stored copy, which counts as arrived once", () => {
      const timeline = new MessageTimeline();
      timeline.put(pending(7));
      const copy = { ...stored(7), sentAt: at + 7000 };
      assert.deepEqual(numbers(timeline.merge([copy])), [7]);
      assert.deepEqual(timeline.merge([copy]), []);
      assert.equal(timeline.messages.length, 1);
      assert.deepEqual(timeline.get(copy.id), { ...copy, status: "sent" });
    });

    it("keeps a pending message through a catch-up that does not have it yet", async () => {
      const history = new FakeHistory(3).add(...range(1, 2));
      const timeline = new MessageTimeline();
      timeline.put(pending(9));
      await timeline.catchUp(history.pager);
      assert.deepEqual(numbers(timeline.messages), [1, 2, 9]);
      assert.equal(timeline.get(stored(9).id)?.status, "pending");
    });
  });

  describe("loadEarlier", () => {
    it("loads the page before the oldest message held, until there is none", async () => {
      const history = new FakeHistory(3).add(...range(1, 8));
      const timeline = new MessageTimeline();
      await timeline.catchUp(history.pager);
      assert.deepEqual(numbers(timeline.messages), [6, 7, 8]);
      await timeline.loadEarlier(history.pager);
      assert.deepEqual(numbers(timeline.messages), [3, 4, 5, 6, 7, 8]);
      assert.equal(timeline.hasEarlier, true);
      await timeline.loadEarlier(history.pager);
      assert.deepEqual(numbers(timeline.messages), count(1, 8));
      assert.equal(timeline.hasEarlier, false);
    });

    it("asks for nothing while no stored message is held", async () => {
      const history = new FakeHistory(3).add(...range(1, 8));
      const timeline = new MessageTimeline();
      timeline.put({ ...stored(1), sentAt: null, status: "pending" });
      await timeline.loadEarlier(history.pager);
      assert.deepEqual(history.asked, []);
    });
  });
});
