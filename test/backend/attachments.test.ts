import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { UploadReadyReply } from "#protocol";
import { keys } from "#backend/store/keys.ts";
import { makePdf, makePng, postUpload, storedObjects } from "../support/attachments.ts";
import type { Stack } from "#backend/local/stack.ts";
import type { TestClient } from "../support/client.ts";
import { ownerClient, scanTable, useStack, visitorClient } from "../support/stack.ts";

const blogOrigin = "http://127.0.0.1:9";

/** The attachment items the table holds for a conversation. */
async function attachmentItems(stack: Parameters<typeof scanTable>[0], visitorId: string) {
  return (await scanTable(stack)).filter(
    (item) => item.pk === keys.conversationPk(visitorId) && String(item.sk).startsWith(keys.attachmentSkPrefix),
  );
}

async function upload(client: TestClient, frame: Record<string, unknown>): Promise<UploadReadyReply> {
  const reply = await client.requestRaw({ action: "upload", ...frame });
  assert.equal(reply.type, "uploadReady", JSON.stringify(reply));
  return reply;
}

/** A visitor's message with one PNG, uploaded and sent as the widget does; the url it was sent with. */
async function sendPng(visitor: TestClient, visitorId: string): Promise<string> {
  const png = makePng(16, 16);
  const ready = await upload(visitor, { visitorId, name: "a.png", contentType: "image/png", size: png.length });
  assert.equal((await postUpload(ready, png, "image/png")).status, 204);
  const sent = await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "see", attachments: [ready.attachmentId] });
  const url = sent.message.attachments![0]!.url!;
  assert.equal((await fetch(url)).status, 200);
  return url;
}

/** Nothing of the conversation's files is left: no object, no item, its url answers 404. */
async function assertFilesGone(stack: Stack, visitorId: string, url: string): Promise<void> {
  assert.equal((await fetch(url)).status, 404, "the url finds nothing");
  assert.deepEqual(
    (await storedObjects(stack)).filter((key) => key.includes(visitorId)),
    [],
    "no object left",
  );
  assert.deepEqual(await attachmentItems(stack, visitorId), [], "no attachment item left");
  assert.deepEqual(stack.queue.deadLetters(), []);
}

describe("attachments", () => {
  const ctx = useStack();
  // Every job due now run: not the owner-away or digest jobs, due seconds or minutes later.
  const settled = () => ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });

  it("a visitor's pasted PNG reaches the owner with its text, and downloads as the same bytes from the bucket's host", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    const png = makePng(64, 48);
    const ready = await upload(visitor, {
      visitorId,
      name: "screenshot.png",
      contentType: "image/png",
      size: png.length,
      width: 64,
      height: 48,
    });
    assert.equal(new URL(ready.url).origin, ctx.stack.s3.endpoint, "uploads go to the bucket, not the site");
    const posted = await postUpload(ready, png, "image/png", blogOrigin);
    assert.equal(posted.status, 204, await posted.text());
    assert.equal(posted.headers.get("access-control-allow-origin"), "*", "a page on any site may upload");

    const id = randomUUID();
    const sent = await visitor.expectReply({
      action: "send",
      visitorId,
      id,
      text: "the checkout breaks here",
      attachments: [ready.attachmentId],
    });
    const pushed = await owner.client.waitForPush(id);
    const [attachment] = pushed.message.attachments ?? [];
    assert.deepEqual(
      { ...attachment, url: undefined },
      { id: ready.attachmentId, name: "screenshot.png", contentType: "image/png", size: png.length, width: 64, height: 48, url: undefined },
    );
    assert.equal(pushed.message.text, "the checkout breaks here");
    assert.ok(sent.message.attachments?.[0]?.url, "the sender's reply carries a url too");
    const url = new URL(attachment!.url!);
    assert.equal(url.origin, ctx.stack.s3.endpoint, "downloads come from the bucket's host");
    const download = await fetch(url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "image/png");
    assert.match(download.headers.get("content-disposition") ?? "", /^inline/);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), png);

    await settled();
    const [item] = await attachmentItems(ctx.stack, visitorId);
    assert.equal(item?.state, "checked", "the check after upload found a PNG");
    const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId });
    assert.equal(history.messages.at(-1)?.attachments?.[0]?.id, ready.attachmentId, "a page of history carries it too");
    await visitor.close();
    await owner.client.close();
  });

  it("the owner answers with a PDF alone, which the visitor downloads as a file with the same bytes", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "do you have the invoice?" });
    const pdf = makePdf("invoice 42");
    const ready = await upload(owner.client, {
      token: owner.token,
      visitorId,
      name: "invoice 42 – März.pdf",
      contentType: "application/pdf",
      size: pdf.length,
    });
    assert.equal((await postUpload(ready, pdf, "application/pdf")).status, 204);
    const id = randomUUID();
    await owner.client.expectReply({ action: "send", token: owner.token, visitorId, id, text: "", attachments: [ready.attachmentId] });
    const pushed = await visitor.waitForPush(id);
    const download = await fetch(pushed.message.attachments![0]!.url!);
    assert.match(
      download.headers.get("content-disposition") ?? "",
      /^attachment; filename="invoice 42 _ M_rz.pdf"; filename\*=UTF-8''invoice%2042%20%E2%80%93%20M%C3%A4rz.pdf$/,
    );
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), pdf);
    await visitor.close();
    await owner.client.close();
  });

  it("refuses a type the site does not take, an over-size file and an empty message, storing nothing", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const refusals = [
      [{ name: "page.html", contentType: "text/html", size: 10 }, "bad_request", /does not take text\/html/],
      [{ name: "drawing.svg", contentType: "image/svg+xml", size: 10 }, "bad_request", /does not take image\/svg\+xml/],
      [{ name: "huge.png", contentType: "image/png", size: 10 * 1024 * 1024 + 1 }, "too_large", /larger than 10 MB/],
      [{ name: "", contentType: "image/png", size: 10 }, "bad_request", /name is empty/],
    ] as const;
    for (const [file, code, message] of refusals) {
      const reply = await visitor.requestRaw({ action: "upload", visitorId, ...file });
      assert.equal(reply.type === "error" && reply.code, code, JSON.stringify(reply));
      assert.match(reply.type === "error" ? reply.message : "", message);
    }
    const empty = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "  " });
    assert.equal(empty.type === "error" && empty.message, "text is empty");
    assert.deepEqual(await attachmentItems(ctx.stack, visitorId), []);
    await visitor.close();
  });

  it("S3 refuses a file of another size or type than its policy says, and nothing is stored", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const png = makePng(8, 8);
    const ready = await upload(visitor, { visitorId, name: "a.png", contentType: "image/png", size: png.length });
    const key = `attachments/${visitorId}/${ready.attachmentId}`;
    const bigger = await postUpload(ready, new Uint8Array([...png, 0, 0]), "image/png");
    assert.equal(bigger.status, 400);
    assert.match(await bigger.text(), /EntityTooLarge/);
    const otherType = await postUpload({ ...ready, fields: { ...ready.fields, "Content-Type": "text/html" } }, png, "text/html");
    assert.equal(otherType.status, 403);
    assert.match(await otherType.text(), /Policy Condition failed/);
    const forged = await postUpload(
      { ...ready, fields: { ...ready.fields, key: `attachments/${visitorId}/${randomUUID()}` } },
      png,
      "image/png",
    );
    assert.equal(forged.status, 403, "another key than the signed one");
    assert.ok(!(await storedObjects(ctx.stack)).includes(key));
    const unsent = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "look", attachments: [ready.attachmentId] });
    assert.equal(unsent.type === "error" && unsent.code, "not_found", "a file never uploaded cannot be sent");
    assert.match(unsent.type === "error" ? unsent.message : "", /upload a\.png before sending it/);
    assert.deepEqual((await visitor.expectReply({ action: "list", visitorId })).messages, []);
    await visitor.close();
  });

  it("deletes a mislabelled file after upload, and the message says it was removed", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const fake = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const ready = await upload(visitor, { visitorId, name: "photo.png", contentType: "image/png", size: fake.length });
    assert.equal((await postUpload(ready, fake, "image/png")).status, 204, "S3 cannot look inside: the check after upload does");
    await settled();
    assert.ok(!(await storedObjects(ctx.stack)).includes(`attachments/${visitorId}/${ready.attachmentId}`), "its object was deleted");
    const reply = await visitor.request({ action: "send", visitorId, id: randomUUID(), text: "x", attachments: [ready.attachmentId] });
    assert.equal(reply.type === "error" && reply.code, "not_found");
    assert.match(reply.type === "error" ? reply.message : "", /was removed/);
    assert.deepEqual((await visitor.expectReply({ action: "list", visitorId })).messages, [], "nothing was stored of the refused message");
    await visitor.close();
  });

  it("marks a file sent before its check as removed when the check finds it mislabelled", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const fake = new Uint8Array(2000).fill(65);
    const ready = await upload(visitor, { visitorId, name: "scan.pdf", contentType: "application/pdf", size: fake.length });
    // The send races the check: it is accepted, then the check removes the file.
    await Promise.all([postUpload(ready, fake, "application/pdf"), settled()]);
    const id = randomUUID();
    const sent = await visitor.request({ action: "send", visitorId, id, text: "scan", attachments: [ready.attachmentId] });
    await settled();
    const history = await visitor.expectReply({ action: "list", visitorId });
    const shown = history.messages.find((message) => message.id === id)?.attachments?.[0];
    if (sent.type === "sent") assert.deepEqual([shown?.removed, shown?.url], [true, undefined], "shown as removed, with no url");
    else assert.equal(shown, undefined);
    await visitor.close();
  });

  it("holds a visitor to 20 uploads an hour and 50 MB a day, however many race, and an attachment to one message", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        visitor.requestRaw({ action: "upload", visitorId, name: `${n}.png`, contentType: "image/png", size: 100 }),
      ),
    );
    assert.equal(replies.filter((reply) => reply.type === "uploadReady").length, 20);
    assert.ok(
      replies.filter((reply) => reply.type !== "uploadReady").every((reply) => reply.type === "error" && reply.code === "rate_limited"),
    );
    assert.equal((await attachmentItems(ctx.stack, visitorId)).length, 20, "a refused upload stores nothing");

    const heavy = randomUUID();
    const heavyVisitor = await visitorClient(ctx.stack, heavy);
    const tenMb = 10 * 1024 * 1024;
    const big = await Promise.all(
      Array.from({ length: 7 }, () =>
        heavyVisitor.requestRaw({ action: "upload", visitorId: heavy, name: "big.png", contentType: "image/png", size: tenMb }),
      ),
    );
    assert.equal(big.filter((reply) => reply.type === "uploadReady").length, 5, "50 MB a day");

    const other = await visitorClient(ctx.stack, randomUUID());
    const someoneElses = (replies.find((reply) => reply.type === "uploadReady") as UploadReadyReply).attachmentId;
    const stolen = await other.request({
      action: "send",
      visitorId: randomUUID(),
      id: randomUUID(),
      text: "mine",
      attachments: [someoneElses],
    });
    assert.equal(stolen.type === "error" && stolen.code, "not_found", "another visitor's upload cannot be sent");
    for (const client of [visitor, heavyVisitor, other]) await client.close();
  });

  it("deleting the conversation makes every url answer 404, and an upload racing the delete stores nothing", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const owner = await ownerClient(ctx.stack);
    const png = makePng(16, 16);
    const ready = await upload(visitor, { visitorId, name: "a.png", contentType: "image/png", size: png.length });
    await postUpload(ready, png, "image/png");
    const sent = await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "see", attachments: [ready.attachmentId] });
    const late = await upload(visitor, { visitorId, name: "late.png", contentType: "image/png", size: png.length });
    assert.equal((await fetch(sent.message.attachments![0]!.url!)).status, 200);

    await owner.client.expectReply({ action: "delete", token: owner.token, visitorId });
    await settled();
    assert.equal((await fetch(sent.message.attachments![0]!.url!)).status, 404);
    // The upload's POST arrives after the sweep: the check finds no attachment, and deletes it.
    assert.equal((await postUpload(late, png, "image/png")).status, 204);
    await settled();
    assert.deepEqual(
      (await storedObjects(ctx.stack)).filter((key) => key.includes(visitorId)),
      [],
    );
    assert.deepEqual(await attachmentItems(ctx.stack, visitorId), []);
    assert.deepEqual(ctx.stack.queue.deadLetters(), []);
    await visitor.close();
    await owner.client.close();
  });

  it("a visitor's erase takes their files with their messages", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const url = await sendPng(visitor, visitorId);
    await settled();

    assert.equal((await visitor.expectReply({ action: "erase", visitorId })).type, "erased");
    await settled();
    await assertFilesGone(ctx.stack, visitorId, url);
    // The retired id makes room for nothing more.
    const refused = await visitor.request({ action: "upload", visitorId, name: "b.png", contentType: "image/png", size: 100 });
    assert.equal(refused.type, "error", JSON.stringify(refused));
    assert.deepEqual(await attachmentItems(ctx.stack, visitorId), []);
    await visitor.close();
  });

  it("serves nothing without a presigned url, and lets browsers only POST", async () => {
    const bucketUrl = `${ctx.stack.s3.endpoint}/${ctx.stack.attachmentsBucket}`;
    assert.equal((await fetch(`${bucketUrl}/attachments/x`)).status, 403, "the bucket is private");
    const preflight = (method: string) =>
      fetch(bucketUrl, { method: "OPTIONS", headers: { origin: blogOrigin, "access-control-request-method": method } });
    assert.equal((await preflight("POST")).headers.get("access-control-allow-origin"), "*");
    for (const method of ["PUT", "DELETE", "GET"]) assert.equal((await preflight(method)).status, 403, method);
  });
});

describe("attachments and retention", () => {
  // Conversations idle for 2.6 s (0.00003 days) are deleted, by a run asked for here.
  const ctx = useStack({ retentionDays: 0.00003, retentionEveryS: 3600 });

  it("a conversation deleted by the retention job loses its files too", async () => {
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const url = await sendPng(visitor, visitorId);
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 3000));

    assert.match(JSON.stringify(await ctx.stack.retention.run()), /deleted 1 conversations/);
    await ctx.stack.queue.idle(30_000, { dueWithinMs: 5000 });
    await assertFilesGone(ctx.stack, visitorId, url);
    await visitor.close();
  });
});
