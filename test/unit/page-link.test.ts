import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { looksLikeAddress } from "#widget/shared/page-link.ts";

describe("a page title that reads as an address", () => {
  it("is told from a title, in every spelling issue 21 tried", () => {
    for (const title of [
      "https://your-site.example/inbox — Porch: session expired, sign in again",
      "HTTP://bank.example",
      "www.bank.example",
      "bank.example/login",
      "Sign in at bank.example",
      "mailto://x",
    ])
      assert.equal(looksLikeAddress(title), true, title);
    for (const title of ["Sourdough at altitude", "Porch 2.0 is out", "Rye, 3.5 kg: a recipe", "Q&A — prices"])
      assert.equal(looksLikeAddress(title), false, title);
  });
});
