import assert from "node:assert/strict";
import { keys } from "#backend/store/keys.ts";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { TestClient } from "../support/client.ts";
import { scanTable, useStack } from "../support/stack.ts";

/** IPv4 in dotted form, and IPv6 in its full, compressed and IPv4-mapped spellings. */
const ipv4 = /(?<![\w.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\w.])/;
const ipv6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:|::(?:ffff:)?[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*|(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}(?![\w:])/i;

/** Every address-like string in a value, as JSON sees it. */
function addressesIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(new RegExp(ipv4, "g")), ...text.matchAll(new RegExp(ipv6, "gi"))].map((match) => match[0]);
}

describe("no source address is kept", () => {
  const lines: string[] = [];
  const ctx = useStack({ gateway: { log: (line) => lines.push(line) } });
  const consoleLog = console.log;
  const consoleError = console.error;
  const level = process.env.PORCH_LOG_LEVEL;
  before(() => {
    // Every log line, debug included, as the handlers write them.
    process.env.PORCH_LOG_LEVEL = "debug";
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    console.error = (...args: unknown[]) => void lines.push(args.join(" "));
  });
  after(() => {
    console.log = consoleLog;
    console.error = consoleError;
    process.env.PORCH_LOG_LEVEL = level;
  });

  it("recognises the spellings it looks for", () => {
    for (const address of ["127.77.1.2", "203.0.113.9", "2001:db8::1", "::ffff:127.0.0.1", "fe80:0:0:0:0:0:0:1", "::1"]) {
      assert.deepEqual(addressesIn({ pk: keys.counterPk(`x#${address}#1`) }).length > 0, true, address);
    }
    assert.deepEqual(addressesIn({ sentAt: 1765000000000, id: randomUUID(), text: "at 10:30, v1.2" }), []);
  });

  it("stores and logs none after visitors, the owner, limits and floods have had their way", async () => {
    const used: string[] = [];
    const from = (n: number) => {
      const address = `127.77.${n}.${n + 1}`;
      used.push(address);
      return address;
    };
    // Visitors from their own addresses: hello, a message (a new conversation counts against the
    // address), a name and an address, typing, an erase.
    for (let n = 1; n <= 4; n++) {
      const visitorId = randomUUID();
      const client = await TestClient.open(ctx.stack.socketUrl, { localAddress: from(n) });
      await client.expectReply({ action: "hello", visitorId });
      await client.expectReply({
        action: "send",
        visitorId,
        id: randomUUID(),
        text: `Hello from ${n}`,
        page: `https://blog.example/post-${n}`,
      });
      await client.expectReply({ action: "register", visitorId, nickname: `Visitor ${n}`, email: `v${n}@example.com` });
      await client.request({ action: "typing", visitorId });
      if (n === 4) await client.expectReply({ action: "erase", visitorId });
      await client.close();
    }
    // A frame flood from one address: the shared counts are written, the connection closed.
    const flood = await TestClient.open(ctx.stack.socketUrl, { localAddress: from(9) });
    const floodId = randomUUID();
    await Promise.all(Array.from({ length: 60 }, () => flood.request({ action: "ping", visitorId: floodId }, 5000).catch(() => null)));
    await flood.close().catch(() => {});
    // The owner: a wrong password, then the right one (a sign-in remembered), and their actions.
    const owner = await TestClient.open(ctx.stack.socketUrl, { localAddress: from(10) });
    await owner.request({ action: "login", password: "wrong" });
    const { token } = await owner.expectReply({ action: "login", password: ctx.stack.ownerPassword });
    const inbox = await owner.expectReply({ action: "hello", token });
    const visitorId = inbox.conversations[0]!.visitorId;
    await owner.expectReply({ action: "send", token, visitorId, id: randomUUID(), text: "A reply" });
    await owner.expectReply({ action: "read", token, visitorId });
    await owner.expectReply({ action: "block", token, visitorId });
    await owner.expectReply({ action: "unblock", token, visitorId });
    await owner.expectReply({ action: "delete", token, visitorId });
    await owner.close();
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });

    const items = await scanTable(ctx.stack);
    assert.ok(
      items.some((item) => String(item.pk).startsWith(keys.counterPk("conversations-address#"))),
      "the address limits counted",
    );
    assert.ok(
      items.some((item) => String(item.pk).startsWith(keys.counterPk("frames#a#"))),
      "the flood reached the shared count",
    );
    assert.ok(
      items.some((item) => String(item.pk).startsWith(keys.signInPk(""))),
      "the sign-in was remembered",
    );
    const stored = items.flatMap((item) => addressesIn(item).map((address) => `${address} in ${String(item.pk)} ${String(item.sk)}`));
    assert.deepEqual(stored, [], "no stored item carries an address");
    const logged = lines.filter((line) => used.some((address) => line.includes(address)));
    assert.ok(lines.length > 0, "the handlers logged");
    assert.deepEqual(logged, [], "no log line carries a source address");
  });
});
