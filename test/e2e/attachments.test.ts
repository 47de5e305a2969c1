/**
 * Attachments end to end: the widget on the demo blog's origin in system Chromium, files straight
 * to the local stack's S3 (its own origin), the owner speaking the protocol.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { Attachment, MessagePush } from "#protocol";
import { makePdf, makePng, postUpload, storedObjects } from "../support/attachments.ts";
import { findings, looks } from "../support/audit.ts";
import { collectProblems, useBrowser } from "../support/browser.ts";
import type { TestClient } from "../support/client.ts";
import { useDemoSite } from "../support/sites.ts";
import { ownerClient, useStack } from "../support/stack.ts";
import { bubble, input, openChat, say, visitorIdOf } from "../support/visitor-page.ts";

/** Pastes a file into the message field (the inbox's reply field: `field`), as a screenshot pasted from the clipboard. */
async function paste(page: Page, bytes: Uint8Array, name: string, type: string, field = input(page)): Promise<void> {
  await field.evaluate(
    (field, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
      field.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, composed: true, cancelable: true }));
    },
    { bytes: [...bytes], name, type },
  );
}

/** Whether two images hold the same pixels, decoded by the browser. */
function samePixels(page: Page, a: Uint8Array, b: Uint8Array): Promise<boolean> {
  return page.evaluate(
    async (images) => {
      const decoded: string[] = [];
      // (No named helper inside: the test's transpiler would wrap it in a function the page lacks.)
      for (const bytes of images) {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(bitmap, 0, 0);
        decoded.push(context.getImageData(0, 0, bitmap.width, bitmap.height).data.join(","));
      }
      return decoded[0] === decoded[1];
    },
    [[...a], [...b]],
  );
}

/** A smooth 4000 × 3000 photo (12 MP) as a JPEG from the browser, with an EXIF block holding GPS data put in. */
async function phonePhoto(page: Page): Promise<Buffer> {
  const jpeg = Buffer.from(
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(4000, 3000);
      const context = canvas.getContext("2d")!;
      const sky = context.createLinearGradient(0, 0, 4000, 3000);
      sky.addColorStop(0, "#4a7fb5");
      sky.addColorStop(1, "#e8c48a");
      context.fillStyle = sky;
      context.fillRect(0, 0, 4000, 3000);
      for (let n = 0; n < 400; n++) {
        context.fillStyle = `hsl(${(n * 37) % 360} 40% 50% / 0.3)`;
        context.beginPath();
        context.arc((n * 7919) % 4000, (n * 104729) % 3000, 40 + (n % 90), 0, 7);
        context.fill();
      }
      return [...new Uint8Array(await (await canvas.convertToBlob({ type: "image/jpeg", quality: 0.95 })).arrayBuffer())];
    }),
  );
  const tiff = Buffer.concat([
    Buffer.from("Exif\0\0MM\0*\0\0\0\x08", "binary"),
    Buffer.from("GPSLatitude 46.5197 N GPSLongitude 6.6323 E"),
  ]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (tiff.length + 2) >> 8, (tiff.length + 2) & 0xff]), tiff]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

describe("attachments in the widget on the demo blog", () => {
  const ctx = useStack();
  const blog = useDemoSite(ctx);
  const chromium = useBrowser();
  let owner: { client: TestClient; token: string };
  before(async () => {
    owner = await ownerClient(ctx.stack);
  });
  after(async () => {
    await owner?.client.close();
  });

  const visitorPage = async () => {
    const page = collectProblems(await (await chromium.browser.newContext()).newPage(), chromium.problems);
    await page.goto(blog.site.url);
    await openChat(page);
    return page;
  };
  const pushWith = (predicate: (attachments: Attachment[]) => boolean) =>
    owner.client.waitFor(
      (frame) => frame.type === "message" && predicate(frame.message.attachments ?? []),
      30_000,
      "a message with attachments",
    ) as Promise<MessagePush>;

  it("a visitor pastes a screenshot and sends it with text; the owner gets the same picture; the owner's PDF reaches the visitor", async () => {
    const page = await visitorPage();
    const png = makePng(320, 200);
    await paste(page, png, "screenshot.png", "image/png");
    await page.locator("porch-upload-tray li").first().waitFor();
    await input(page).fill("the checkout breaks here");
    await input(page).press("Enter");

    const pushed = await pushWith((files) => files.some((file) => file.name === "screenshot.png"));
    assert.equal(pushed.message.text, "the checkout breaks here");
    const [screenshot] = pushed.message.attachments!;
    assert.deepEqual([screenshot!.width, screenshot!.height], [320, 200]);
    const downloaded = new Uint8Array(await (await fetch(screenshot!.url!)).arrayBuffer());
    assert.ok(await samePixels(page, png, downloaded), "the owner downloads the picture the visitor pasted");
    const thumbnail = bubble(page, "the checkout breaks here").locator("img");
    await thumbnail.waitFor();
    assert.equal(new URL((await thumbnail.getAttribute("src"))!).origin, ctx.stack.s3.endpoint, "shown from the bucket once stored");

    const visitorId = await visitorIdOf(page);
    const pdf = makePdf("the invoice");
    const ready = await owner.client.expectReply({
      action: "upload",
      token: owner.token,
      visitorId,
      name: "invoice.pdf",
      contentType: "application/pdf",
      size: pdf.length,
    });
    assert.equal((await postUpload(ready, pdf, "application/pdf")).status, 204);
    await owner.client.expectReply({
      action: "send",
      token: owner.token,
      visitorId,
      id: randomUUID(),
      text: "here it is",
      attachments: [ready.attachmentId],
    });
    const link = page.getByRole("link", { name: "invoice.pdf" });
    await link.waitFor();
    const fromLink = new Uint8Array(await (await fetch((await link.getAttribute("href"))!)).arrayBuffer());
    assert.deepEqual(fromLink, pdf, "the visitor downloads the owner's PDF as it was");

    // Opened large: a modal dialog that holds focus, and Escape closes it.
    await bubble(page, "the checkout breaks here").getByRole("button", { name: "screenshot.png" }).click();
    const viewer = page.getByRole("dialog", { name: "screenshot.png" });
    await viewer.waitFor();
    assert.ok(
      await viewer.evaluate(
        (dialog) =>
          dialog.matches(":modal") &&
          dialog.contains(dialog.getRootNode() instanceof ShadowRoot ? (dialog.getRootNode() as ShadowRoot).activeElement : null),
      ),
    );
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "hidden" });
    await page.context().close();
  });

  it("a 12-megapixel photo uploads at most 2048 px and 600 KB, without its EXIF", async () => {
    const page = await visitorPage();
    const photo = await phonePhoto(page);
    assert.ok(photo.includes("GPSLatitude"), "the photo carries GPS data");
    await page.locator("porch-composer input[type=file]").setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.locator("porch-upload-tray li").first().waitFor();
    await input(page).press("Enter");
    const pushed = await pushWith((files) => files.some((file) => file.name === "IMG_0001.jpg"));
    const [sent] = pushed.message.attachments!;
    const bytes = Buffer.from(await (await fetch(sent!.url!)).arrayBuffer());
    assert.deepEqual([sent!.width, sent!.height], [2048, 1536]);
    assert.ok(bytes.length <= 600 * 1024, `uploaded ${bytes.length} bytes`);
    assert.ok(!bytes.includes("Exif") && !bytes.includes("GPSLatitude"), "no EXIF left");
    console.log(`# the 12 MP photo: ${photo.length} bytes chosen, ${bytes.length} uploaded`);
    await page.context().close();
  });

  it("refuses a type the site does not take and an over-size file in the widget, uploading nothing", async () => {
    const page = await visitorPage();
    const before = await storedObjects(ctx.stack);
    await page.locator("porch-composer input[type=file]").setInputFiles([
      { name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") },
      { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) },
    ]);
    await page.getByRole("alert").filter({ hasText: "page.html cannot be sent: this kind of file is not accepted" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "big.pdf cannot be sent: it is larger than 10 MB" }).waitFor();
    assert.deepEqual(await storedObjects(ctx.stack), before);
    await page.context().close();
  });

  it("is accessible with files in the conversation, in the tray and opened large: light and dark, desktop and phone", async () => {
    const problems: string[] = [];
    for (const look of looks) {
      const page = collectProblems(await (await chromium.browser.newContext(look.options)).newPage(), chromium.problems);
      await page.goto(blog.site.url);
      await openChat(page);
      await paste(page, makePng(120, 80), "shot.png", "image/png");
      await input(page).fill("look");
      await input(page).press("Enter");
      await bubble(page, "look").locator("img").waitFor();
      await page
        .locator("porch-composer input[type=file]")
        .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("notes") });
      await page.locator("porch-upload-tray li").first().waitFor();
      problems.push(...(await findings(page, `files, ${look.name}`)));
      await bubble(page, "look").getByRole("button", { name: "shot.png" }).click();
      await page.getByRole("dialog", { name: "shot.png" }).waitFor();
      problems.push(...(await findings(page, `the viewer, ${look.name}`)));
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});

describe("attachments in the inbox", () => {
  const password = "correct horse battery";
  const ctx = useStack({ ownerPassword: password });
  const blog = useDemoSite(ctx);
  const chromium = useBrowser();
  const reply = (page: Page) => page.getByRole("textbox", { name: "Reply" });

  /** The inbox, signed in, with the visitor's conversation open. */
  async function inboxOn(visitorText: string, options: Parameters<Browser["newContext"]>[0] = {}, dir = "ltr"): Promise<Page> {
    const page = collectProblems(await (await chromium.browser.newContext(options)).newPage(), chromium.problems);
    await page.goto(`${ctx.stack.url}inbox.html`);
    await page.evaluate((value) => (document.documentElement.dir = value), dir);
    await page.locator("input[type=password]").fill(password);
    await page.locator("input[type=password]").press("Enter");
    await page.locator("porch-conversation-list li", { hasText: visitorText }).getByRole("link").click();
    await reply(page).waitFor();
    return page;
  }

  it("the owner pastes a screenshot and sends it; the visitor sees the same picture inline and opens it", async () => {
    const visitor = collectProblems(await (await chromium.browser.newContext()).newPage(), chromium.problems);
    await visitor.goto(blog.site.url);
    await openChat(visitor);
    await say(visitor, "Where do I find the order number?");
    const owner = await inboxOn("Where do I find the order number?");

    const png = makePng(300, 180);
    await paste(owner, png, "where.png", "image/png", reply(owner));
    await owner.locator("porch-upload-tray li").first().waitFor();
    await reply(owner).fill("It is here, top right");
    await reply(owner).press("Enter");
    // The owner's own copy shows at once, and the stored one (from the bucket) once sent.
    const ownCopy = owner.locator("porch-conversation-view [part~='message']", { hasText: "It is here" }).locator("img");
    await ownCopy.waitFor();

    const shown = bubble(visitor, "It is here, top right").locator("img");
    await shown.waitFor();
    const src = (await shown.getAttribute("src"))!;
    assert.equal(new URL(src).origin, ctx.stack.s3.endpoint, "served from the bucket");
    assert.deepEqual(
      [await shown.getAttribute("width"), await shown.getAttribute("height")],
      ["300", "180"],
      "its size known before it loads",
    );
    assert.ok(await samePixels(visitor, png, new Uint8Array(await (await fetch(src)).arrayBuffer())), "the picture the owner pasted");
    await bubble(visitor, "It is here, top right").getByRole("button", { name: "where.png" }).click();
    await visitor.getByRole("dialog", { name: "where.png" }).waitFor();
    await visitor.keyboard.press("Escape");
    await visitor.getByRole("dialog", { name: "where.png" }).waitFor({ state: "hidden" });

    // A file the site does not take is refused in the inbox too, before any upload.
    const before = await storedObjects(ctx.stack);
    await owner
      .locator("porch-reply-composer input[type=file]")
      .setInputFiles({ name: "x.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg/>") });
    await owner.getByRole("alert").filter({ hasText: "x.svg cannot be sent: this kind of file is not accepted" }).waitFor();
    assert.deepEqual(await storedObjects(ctx.stack), before);
    await visitor.context().close();
    await owner.context().close();
  });

  it("is accessible with files in the conversation, in the tray and opened large: light and dark, desktop and phone, right to left", async () => {
    const visitor = collectProblems(await (await chromium.browser.newContext()).newPage(), chromium.problems);
    await visitor.goto(blog.site.url);
    await openChat(visitor);
    await paste(visitor, makePng(120, 80), "mine.png", "image/png");
    await input(visitor).fill("Here is my screen");
    await input(visitor).press("Enter");
    await bubble(visitor, "Here is my screen").locator("img").waitFor();
    const problems: string[] = [];
    for (const look of looks) {
      for (const dir of ["ltr", "rtl"]) {
        const owner = await inboxOn("Here is my screen", look.options, dir);
        await owner.locator("porch-conversation-view [part~='message']", { hasText: "Here is my screen" }).locator("img").waitFor();
        await owner
          .locator("porch-reply-composer input[type=file]")
          .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("notes") });
        await owner.locator("porch-upload-tray li").first().waitFor();
        problems.push(...(await findings(owner, `the inbox with files, ${look.name}, ${dir}`)));
        await owner.locator("porch-conversation-view").getByRole("button", { name: "mine.png" }).click();
        await owner.getByRole("dialog", { name: "mine.png" }).waitFor();
        problems.push(...(await findings(owner, `the inbox's viewer, ${look.name}, ${dir}`)));
        await owner.context().close();
      }
    }
    await visitor.context().close();
    assert.deepEqual(problems, []);
  });
});
