/**
 * The Porch site as the local stack serves it: the headers infra/hosting.ts declares (and
 * CloudFront sends, per verify:deploy) on every file `npm run build` writes, and the demo blog
 * that embeds it from another origin.
 */
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { before, describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";
import { declaredFiles, siteHeaders, stableFiles } from "#infra/hosting.ts";
import { buildDist } from "../support/dist.ts";
import { useDemoSite } from "../support/sites.ts";
import { useStack } from "../support/stack.ts";

const blogOrigin = "https://blog.example";

describe("the Porch site on the local stack", () => {
  const ctx = useStack();
  let files: string[];

  before(async () => {
    buildDist();
    // Every file, icons/ included, by its path under dist/.
    const entries = await readdir(join(repoRoot, "dist"), { recursive: true, withFileTypes: true });
    files = entries.filter((entry) => entry.isFile()).map((entry) => relative(join(repoRoot, "dist"), join(entry.parentPath, entry.name)));
  });

  it("builds every stable file", () => {
    for (const file of stableFiles) assert.ok(files.includes(file), `dist/ has no ${file}`);
  });

  it("answers a cross-origin request for any file with CORS, frame-ancestors 'none' and nosniff", async () => {
    for (const file of files) {
      const response = await fetch(`${ctx.stack.url}${file}`, { headers: { origin: blogOrigin } });
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get("access-control-allow-origin"), siteHeaders.allowOrigin, file);
      assert.equal(response.headers.get("content-security-policy"), "frame-ancestors 'none'", file);
      assert.equal(response.headers.get("x-frame-options"), "DENY", file);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", file);
      if (file.endsWith(".js")) assert.match(response.headers.get("content-type") ?? "", /^text\/javascript/, file);
      // The manifest and the service worker: the type infra/hosting.ts declares for CloudFront too.
      const declared = (declaredFiles as Record<string, { contentType: string }>)[file];
      if (declared) assert.equal(response.headers.get("content-type"), declared.contentType, file);
      await response.arrayBuffer();
    }
  });

  it("leaves the CORS header out of same-origin requests, as CloudFront does", async () => {
    const response = await fetch(`${ctx.stack.url}porch.js`, { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  it("answers a missing file with a plain 404 that says nosniff and does not repeat the path", async () => {
    const response = await fetch(`${ctx.stack.url}%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.html`, {
      headers: { origin: blogOrigin },
    });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("content-security-policy"), "frame-ancestors 'none'");
    assert.equal(await response.text(), "not found\n");
  });

  it("refuses anything but GET and HEAD, with the same headers", async () => {
    const response = await fetch(`${ctx.stack.url}porch.js`, { method: "POST", body: "x" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET, HEAD");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    await response.arrayBuffer();
  });
});

describe("the demo blog", () => {
  const ctx = useStack();
  const blog = useDemoSite(ctx);

  it("embeds porch.js and the WebSocket of the stack, with intro on, and allows that origin's scripts, on both posts", async () => {
    for (const path of ["", "rye.html"]) {
      const html = await (await fetch(`${blog.site.url}${path}`)).text();
      const embed = `<script type="module" src="${ctx.stack.url}porch.js" data-endpoint="${ctx.stack.socketUrl}" data-intro></script>`;
      assert.ok(html.includes(embed), path);
      assert.ok(html.includes(`script-src 'self' ${new URL(ctx.stack.url).origin};`), path);
      assert.doesNotMatch(html, /\{\{\w+\}\}/, `a placeholder was left unfilled in ${path}`);
    }
  });

  it("has its icon and stylesheet, and nothing of the Porch site", async () => {
    for (const path of ["favicon.svg", "blog.css"]) {
      const response = await fetch(`${blog.site.url}${path}`);
      assert.equal(response.status, 200, path);
      await response.arrayBuffer();
    }
    for (const path of ["inbox.html", "porch.js"]) {
      const response = await fetch(`${blog.site.url}${path}`);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
  });
});
