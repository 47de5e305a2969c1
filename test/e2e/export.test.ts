/**
 * The owner's export of everything end to end: "Export everything (JSON)" in the inbox's menu
 * downloads one JSON file (the browser without the File System Access API's picker) that parses
 * with every conversation, message and note; in system Chromium against the built dist/ and the
 * real local stack.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import type { ExportFile } from "#widget/inbox/export-file.ts";
import { findings } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { seedConversation } from "../support/seed-conversation.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const password = "correct horse battery";
const chromium = useBrowser();

describe("export of everything", () => {
  const ctx = useStack({ ownerPassword: password });
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    context = await chromium.browser.newContext({ acceptDownloads: true });
    // As in a browser without the picker: the file downloads whole at the end.
    await context.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    page = collectProblems(await context.newPage(), chromium.problems);
  });
  after(async () => {
    await context?.close();
  });

  it("downloads every conversation with its messages and notes as one JSON file, showing the progress", async () => {
    // Three conversations through the protocol, one with a note; one of 300 messages, larger than a page.
    const owner = await ownerClient(ctx.stack);
    const written: Record<string, number> = {};
    for (const name of ["Ada", "Grace", "Linus"]) {
      const visitorId = randomUUID();
      const visitor = await visitorClient(ctx.stack, visitorId);
      await visitor.expectReply({ action: "register", visitorId, nickname: name });
      for (const text of [`Hello from ${name}`, "A second question"]) {
        await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text });
      }
      written[visitorId] = 2;
      if (name === "Ada") await owner.client.expectReply({ action: "note", token: owner.token, visitorId, id: randomUUID(), text: "VIP" });
      await visitor.close();
    }
    const long = randomUUID();
    await seedConversation(ctx.stack, long, 300, { text: (n) => `${n}: ${"a long line of a long conversation ".repeat(20)}` });
    written[long] = 300;
    await owner.client.close();

    await page.goto(`${ctx.stack.url}inbox.html`);
    await page.locator("input[type=password]").fill(password);
    await page.locator("input[type=password]").press("Enter");
    await page.getByRole("button", { name: "Export everything (JSON)" }).click();
    const dialog = page.getByRole("dialog", { name: "Export everything" });
    await dialog.waitFor();
    const download = await page.waitForEvent("download");
    await dialog.getByText("Exported 4 conversations.").waitFor();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await findings(page, `the export, done, ${scheme}`), []);
    }

    assert.match(download.suggestedFilename(), /^porch-export-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(await readFile(await download.path(), "utf8")) as ExportFile;
    assert.equal(file.format, "porch-export");
    assert.equal(file.version, 1);
    assert.deepEqual(
      Object.fromEntries(file.conversations.map((conversation) => [conversation.visitorId, conversation.messages.length])),
      written,
    );
    const longOne = file.conversations.find((conversation) => conversation.visitorId === long)!;
    assert.equal(new Set(longOne.messages.map((message) => message.id)).size, 300, "each message once");
    const times = longOne.messages.map((message) => message.sentAt);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      "oldest first",
    );
    assert.deepEqual(
      file.conversations.find((conversation) => conversation.nickname === "Ada")!.notes.map((note) => note.text),
      ["VIP"],
    );
  });
});
