/**
 * A page served over plain http from a name that is not localhost (a LAN address, an intranet
 * host) is not a secure context: the browser has no `crypto.randomUUID` there. The widget's ids come
 * from `uuid`, which falls back to `getRandomValues`; this proves it in system Chromium, with a host
 * name that Chromium resolves to the local stack on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { buildAndLaunch, collectProblems } from "../support/browser.ts";
import { useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { openChat, say } from "../support/visitor-page.ts";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const host = "porch-lan.test";

describe("the widget on a page that is not a secure context", () => {
  const ctx = useStack();
  const demo = useDemoSite(ctx);
  let browser: Browser;
  const pageProblems: string[] = [];

  before(async () => {
    browser = await buildAndLaunch([`--host-resolver-rules=MAP ${host} 127.0.0.1`]);
  });
  afterEach(() => assert.deepEqual(pageProblems.splice(0), [], "the page logged errors"));
  after(async () => {
    await browser?.close();
  });

  it("creates v4 ids for the visitor and the message, and the message is stored under its id", async () => {
    const page = collectProblems(await (await browser.newContext()).newPage(), pageProblems);
    // The blog on the LAN-style name; the widget and the socket come from the stack, cross-origin.
    await page.goto(`http://${host}:${new URL(demo.site.url).port}/`);
    assert.deepEqual(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID]), [false, "undefined"]);

    await openChat(page);
    await say(page, "Hello from the office network");
    await page.locator("li.mine", { hasText: "Sent" }).waitFor();

    const visitorId = await page.evaluate(() => localStorage.getItem("porch:visitorId"));
    assert.match(visitorId ?? "", uuidV4);
    const owner = await ownerClient(ctx.stack);
    try {
      const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId: visitorId! });
      assert.deepEqual(
        history.messages.map((m) => m.text),
        ["Hello from the office network"],
      );
      assert.match(history.messages[0]!.id, uuidV4);
    } finally {
      await owner.client.close();
    }
  });
});
