/**
 * The widget's language on the demo blog, end to end in system Chromium (issue 26): a German page
 * gets German with no configuration, `data-lang="ar"` gets Arabic laid out right to left and
 * clean for the accessibility audit, and each page downloads its own language's catalogue only,
 * with the chat.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { collectProblems, useBrowser } from "../support/browser.ts";
import { findings, looks } from "../support/audit.ts";
import { useDemoSite } from "../support/sites.ts";
import { useStack } from "../support/stack.ts";
import { launcher } from "../support/visitor-page.ts";

describe("the widget's language on the demo blog", () => {
  const ctx = useStack();
  const blog = useDemoSite(ctx);
  const chromium = useBrowser();

  /**
   * The demo blog with its `<html lang>` or its script tag's `data-lang` set as the page is parsed
   * (before porch.js, a module, runs), and the Porch scripts it requests, in order.
   */
  async function blogPage(language: { html?: string; dataLang?: string }, options: Parameters<typeof chromium.browser.newContext>[0] = {}) {
    const context = await chromium.browser.newContext({ reducedMotion: "reduce", ...options });
    const page = collectProblems(await context.newPage(), chromium.problems);
    await page.addInitScript(({ html, dataLang }) => {
      new MutationObserver(() => {
        if (html && document.documentElement) document.documentElement.lang = html;
        const script = document.querySelector<HTMLScriptElement>("script[data-endpoint]");
        if (dataLang && script) script.dataset.lang = dataLang;
      }).observe(document, { childList: true, subtree: true });
    }, language);
    const scripts: string[] = [];
    const porchOrigin = new URL(ctx.stack.url).origin;
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (request.resourceType() === "script" && url.origin === porchOrigin) scripts.push(url.pathname);
    });
    await page.goto(blog.site.url, { waitUntil: "networkidle" });
    await launcher(page).waitFor();
    return { page, context, scripts };
  }

  /** Opens the panel and skips the demo's intro form, by what the visitor reads in their language. */
  async function open(page: Page, skip: string) {
    await launcher(page).click();
    await page.getByRole("button", { name: skip, exact: true }).click();
    await page.locator("porch-composer").waitFor();
  }

  it("speaks German on a page in German, and fetches the German catalogue alone, with the chat", async () => {
    const { page, context, scripts } = await blogPage({ html: "de" }, { locale: "fr-FR" });
    assert.deepEqual(scripts, ["/porch.js"]);
    await launcher(page).hover();
    await page.waitForFunction(() => customElements.get("porch-visitor-chat") !== undefined);
    await page.waitForLoadState("networkidle");
    assert.equal(scripts.length, 3, JSON.stringify(scripts));
    assert.match(scripts[1]!, /^\/porch-[0-9a-f]{8}\.js$/, "the chat");
    assert.match(scripts[2]!, /^\/porch-[0-9a-f]{8}-de\.js$/, "German, not the browser's French");
    assert.equal(await launcher(page).getAttribute("aria-label"), "Chat öffnen");
    await open(page, "Überspringen");
    assert.ok(
      scripts.some((path) => /^\/porch-[0-9a-f]{8}-de\.first-use\.js$/.test(path)),
      "the first-use parts' German, with the intro",
    );
    assert.equal(scripts.filter((path) => /-[a-z]{2}(\.first-use)?\.js$/.test(path) && !/-de(\.first-use)?\.js$/.test(path)).length, 0);
    await page.getByRole("dialog", { name: "Schreiben Sie mir" }).waitFor();
    await page.getByRole("textbox", { name: "Nachricht" }).fill("Hallo!");
    await page.getByRole("textbox", { name: "Nachricht" }).press("Enter");
    await page.locator("li.mine", { hasText: "Gesendet" }).waitFor();
    await context.close();
  });

  it("fetches no catalogue for English", async () => {
    const { page, context, scripts } = await blogPage({}, { locale: "en-GB" });
    await launcher(page).hover();
    await page.waitForFunction(() => customElements.get("porch-visitor-chat") !== undefined);
    await page.waitForLoadState("networkidle");
    assert.equal(scripts.length, 2, JSON.stringify(scripts));
    await context.close();
  });

  for (const look of looks) {
    it(`lays Arabic out right to left from data-lang, and the audit finds nothing: ${look.name}`, async () => {
      const { page, context, scripts } = await blogPage({ dataLang: "ar" }, look.options);
      const phone = look.options.viewport.width < 480;
      const box = (await launcher(page).boundingBox())!;
      assert.ok(box.x < look.options.viewport.width / 2, "the launcher on the left");
      const problems = await findings(page, `closed, ar, ${look.name}`);
      await open(page, "تخطٍّ");
      assert.ok(scripts.some((path) => /-ar\.js$/.test(path)));
      const field = (await page.getByRole("textbox", { name: "الرسالة" }).boundingBox())!;
      const send = (await page.getByRole("button", { name: "إرسال" }).boundingBox())!;
      assert.ok(send.x + send.width <= field.x, "the send button left of the field");
      if (!phone) {
        const panel = (await page.getByRole("dialog").boundingBox())!;
        assert.ok(panel.x < look.options.viewport.width - (panel.x + panel.width), "the panel on the left");
      }
      await page.getByRole("textbox", { name: "الرسالة" }).fill("مرحبا! Is the course open?");
      await page.getByRole("textbox", { name: "الرسالة" }).press("Enter");
      await page.locator("li.mine", { hasText: "أُرسلت" }).waitFor();
      problems.push(...(await findings(page, `a conversation, ar, ${look.name}`)));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
