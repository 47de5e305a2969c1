/**
 * The inbox as an installable web app with notifications on the device, in system Chromium
 * against the built dist/ and the local stack: the manifest and the service worker as served, the
 * worker's push handler showing what the backend really pushed (encrypted for a stand-in device,
 * decrypted here, then delivered to the worker through the DevTools protocol, as a push service
 * would), a tap opening that conversation, and "Notify me on this device" asking only on click.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { declaredFiles, inboxApp } from "#infra/hosting.ts";
import { findings, looks } from "../support/audit.ts";
import { buildAndLaunch, collectProblems } from "../support/browser.ts";
import { sleep } from "../support/client.ts";
import { decryptPush, startPushService, testSubscription } from "../support/push-service.ts";
import { ownerClient, useStack, visitorClient } from "../support/stack.ts";

const password = "correct horse battery";

describe("the inbox on the owner's device", () => {
  let browser: Browser;
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  before(async () => {
    [browser, pushService] = await Promise.all([buildAndLaunch(), startPushService()]);
  });
  const ctx = useStack(() => ({ pushAllow: pushService.host }));
  /** Made before any inbox is open: the backend pushes only while the owner is away. */
  let pushed: Promise<{ payload: string; visitorId: string }>;
  before(async () => {
    pushed = realPushPayload("Do you ship to Oslo? <b>bold</b>", "Ingrid");
    await pushed;
  });
  after(async () => {
    await browser?.close();
    await pushService?.close();
  });

  async function signedInInbox(context: BrowserContext, problems: string[], hash = ""): Promise<Page> {
    const page = collectProblems(await context.newPage(), problems);
    await page.goto(`${ctx.stack.url}inbox.html${hash}`);
    await page.locator("input[type=password]").fill(password);
    await page.locator("input[type=password]").press("Enter");
    await page.getByRole("navigation", { name: "Conversations" }).waitFor();
    return page;
  }

  /** What the backend pushes for a visitor's message while the owner is away, as a device decrypts it. */
  async function realPushPayload(text: string, nickname: string): Promise<{ payload: string; visitorId: string }> {
    const device = testSubscription(`${pushService.url}/push/${randomUUID()}`);
    const owner = await ownerClient(ctx.stack);
    const subscribed = await owner.client.request({
      action: "subscribe",
      token: owner.token,
      subscription: { endpoint: device.endpoint, keys: device.keys },
    });
    assert.equal(subscribed.type, "subscribed", JSON.stringify(subscribed));
    await owner.client.close();
    await sleep(100);
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    await visitor.request({ action: "register", visitorId, nickname });
    await visitor.request({ action: "send", visitorId, id: randomUUID(), text });
    await visitor.close();
    const path = new URL(device.endpoint).pathname;
    for (const deadline = Date.now() + 5000; !pushService.received.some((push) => push.path === path) && Date.now() < deadline;)
      await sleep(50);
    const push = pushService.received.find((candidate) => candidate.path === path);
    assert.ok(push, "the backend pushed to the device");
    return { payload: decryptPush(push.body, device), visitorId };
  }

  it("serves the manifest and the worker as browsers want them, and the worker controls the inbox only", async () => {
    const manifest = await fetch(`${ctx.stack.url}${inboxApp.manifest}`);
    assert.equal(manifest.headers.get("content-type"), declaredFiles[inboxApp.manifest].contentType);
    const app = (await manifest.json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    assert.equal(app.display, "standalone");
    assert.deepEqual(app.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort(), [
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
      "any any",
    ]);
    for (const icon of app.icons) {
      const response = await fetch(new URL(icon.src, manifest.url));
      assert.equal(response.status, 200, icon.src);
      assert.equal(response.headers.get("content-type"), icon.src.endsWith(".svg") ? "image/svg+xml" : "image/png");
    }
    const worker = await fetch(`${ctx.stack.url}${inboxApp.serviceWorker}`);
    assert.equal(worker.headers.get("content-type"), declaredFiles[inboxApp.serviceWorker].contentType);
    assert.match(worker.headers.get("cache-control") ?? "", /no-store|no-cache/);

    const context = await browser.newContext();
    const problems: string[] = [];
    const page = await signedInInbox(context, problems);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${ctx.stack.url}inbox`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Chromium's own reading of the manifest: installable, with its icons.
    const cdp = await context.newCDPSession(page);
    const { errors } = (await cdp.send("Page.getAppManifest")) as { errors: { message: string }[] };
    assert.deepEqual(errors, []);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
    // Playwright's contexts are incognito, where Chromium installs nothing: the only objection allowed.
    assert.deepEqual(
      installabilityErrors.map((error) => error.errorId).filter((id) => id !== "in-incognito"),
      [],
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("shows what the backend pushed as a notification, and a tap opens that conversation", async () => {
    const { payload, visitorId } = await pushed;
    const context = await browser.newContext();
    await context.grantPermissions(["notifications"], { origin: ctx.stack.url.slice(0, -1) });
    const problems: string[] = [];
    const page = await signedInInbox(context, problems);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
          const found = registrations.find((registration) => registration.scopeURL === `${ctx.stack.url}inbox`);
          if (found) resolve(found.registrationId);
        },
      );
    });
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: ctx.stack.url.slice(0, -1),
      registrationId: await registrationId,
      data: payload,
    });

    const shownNotifications = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          data: n.data as { url: string },
        })),
      );
    let shown = await shownNotifications();
    for (const deadline = Date.now() + 5000; shown.length === 0 && Date.now() < deadline; shown = await shownNotifications())
      await sleep(50);
    const [notification, ...others] = shown;
    assert.equal(others.length, 0);
    assert.equal(notification!.title, "Ingrid");
    assert.equal(notification!.body, "Do you ship to Oslo? <b>bold</b>", "shown as text, as pushed");
    assert.match(notification!.data.url, new RegExp(`^${ctx.stack.url}inbox\\.html#/r/[A-Za-z0-9_-]{59}$`));

    // A tap: the worker's notificationclick, with the notification Chromium shows.
    const [worker] = context.serviceWorkers();
    assert.ok(worker);
    await worker.evaluate(async () => {
      const scope = self as unknown as {
        registration: { getNotifications(): Promise<Notification[]> };
        dispatchEvent(event: Event): boolean;
      };
      const [shownNotification] = await scope.registration.getNotifications();
      const NotificationEventClass = (
        self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }
      ).NotificationEvent;
      scope.dispatchEvent(new NotificationEventClass("notificationclick", { notification: shownNotification! }));
    });
    // The inbox resolves the link's reference and opens the conversation; the address bar keeps
    // the reference, never the visitor id.
    await page.locator("porch-conversation-view [part~='message']", { hasText: "Do you ship to Oslo?" }).waitFor();
    assert.match(await page.evaluate(() => location.hash), /^#\/r\/[A-Za-z0-9_-]{59}$/);
    assert.ok(!(await page.evaluate(() => location.href)).includes(visitorId));
    const left = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length);
    assert.equal(left, 0, "the tapped notification is closed");
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("asks for permission only when the owner clicks Notify me on this device, and passes the audit", async () => {
    const context = await browser.newContext();
    const problems: string[] = [];
    const page = await signedInInbox(context, problems);
    const button = page.getByRole("button", { name: "Notify me on this device" });
    await button.waitFor();
    assert.equal(await page.evaluate(() => Notification.permission), "default", "nothing asked on load");
    for (const look of looks) {
      await page.setViewportSize(look.options.viewport);
      await page.emulateMedia({ colorScheme: look.options.colorScheme, reducedMotion: "reduce" });
      // On a phone the control is in the header's menu.
      const menu = page.getByRole("button", { name: "More actions" });
      if (look.options.viewport.width < 760 && (await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
      await button.waitFor();
      problems.push(...(await findings(page, `the notify control, ${look.name}`)));
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // The owner says no at the prompt: nothing subscribed, the control stays for another day.
    await page.evaluate(
      `Object.defineProperty(Notification, "requestPermission", { value: () => { window.asked = (window.asked ?? 0) + 1; return Promise.resolve("denied"); } })`,
    );
    await button.click();
    await page.waitForFunction(() => (window as unknown as { asked?: number }).asked === 1);
    await button.waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("says so when this browser cannot subscribe (an incognito context has no push service), after getting the key", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["notifications"], { origin: ctx.stack.url.slice(0, -1) });
    const problems: string[] = [];
    const page = await signedInInbox(context, problems);
    await page.getByRole("button", { name: "Notify me on this device" }).click();
    const status = page.getByRole("status").filter({ hasText: "Notifications could not be turned on for this device" });
    await status.waitFor();
    // The inbox asked for the deployment's key first: the pair now exists, and `pushKey` answers it.
    const owner = await ownerClient(ctx.stack);
    const key = await owner.client.expectReply({ action: "pushKey", token: owner.token });
    assert.equal(Buffer.from(key.publicKey, "base64url").length, 65);
    await owner.client.close();
    await page.getByRole("button", { name: "Notify me on this device" }).waitFor();
    for (const look of looks.slice(0, 2)) {
      await page.setViewportSize(look.options.viewport);
      await page.emulateMedia({ colorScheme: look.options.colorScheme, reducedMotion: "reduce" });
      problems.push(...(await findings(page, `notifications failed, ${look.name}`)));
    }
    // Chromium logs why: Playwright's contexts are incognito, where it has no Push API (no other
    // problem is allowed).
    assert.deepEqual(
      problems.filter((problem) => !/does not support the Push API in incognito/.test(problem)),
      [],
    );
    await context.close();
  });
});
